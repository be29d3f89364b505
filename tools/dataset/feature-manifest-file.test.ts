import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { manifestHash, parseFeatureManifest } from '../../src/domain/vector/feature-manifest';
import {
  FEATURE_MANIFEST_PATH,
  generatedFeatureManifest,
  nodeManifestHash,
} from './feature-manifest-file';

test('node:crypto and the pure TypeScript SHA-256 agree on the manifest hash', () => {
  const m = generatedFeatureManifest();
  assert.equal(nodeManifestHash(m), manifestHash(m));
});

test('the committed feature manifest is valid and matches the feature table (npm run manifest:features)', () => {
  const committed: unknown = JSON.parse(readFileSync(FEATURE_MANIFEST_PATH, 'utf8'));
  const parsed = parseFeatureManifest(committed, { verifyHash: true });
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.join('\n'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(generatedFeatureManifest())));
});
