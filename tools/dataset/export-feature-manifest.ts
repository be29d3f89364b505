/**
 * Writes public/artifacts/feature_manifest.json from the TypeScript feature table
 * (src/domain/vector/feature-table.ts), with a SHA-256 of its canonical content.
 *
 * Usage:
 *   npm run manifest:features                 regenerate from the table
 *   npm run manifest:features -- --rehash F   re-hash an edited manifest F in place (after checking it)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseFeatureManifest } from '../../src/domain/vector/feature-manifest';
import {
  FEATURE_MANIFEST_PATH,
  generatedFeatureManifest,
  manifestText,
  nodeManifestHash,
} from './feature-manifest-file';

const { values } = parseArgs({ options: { out: { type: 'string' }, rehash: { type: 'string' } } });

if (values.rehash !== undefined) {
  const path = values.rehash;
  const parsed = parseFeatureManifest(JSON.parse(readFileSync(path, 'utf8')), {
    verifyHash: false,
  });
  if (!parsed.ok) {
    console.error(`${path} is not a valid feature manifest:\n  ${parsed.errors.join('\n  ')}`);
    process.exit(1);
  }
  const manifest = { ...parsed.manifest, hash: nodeManifestHash(parsed.manifest) };
  writeFileSync(path, manifestText(manifest));
  console.log(`re-hashed ${path}: ${manifest.hash}`);
} else {
  const out = values.out ?? FEATURE_MANIFEST_PATH;
  const manifest = generatedFeatureManifest();
  const check = parseFeatureManifest(JSON.parse(manifestText(manifest)));
  if (!check.ok) {
    console.error(`generated manifest is invalid:\n  ${check.errors.join('\n  ')}`);
    process.exit(1);
  }
  writeFileSync(out, manifestText(manifest));
  console.log(
    `wrote ${out} (${manifest.features.length} features, ${manifest.drivers.length} drivers, sha256 ${manifest.hash})`,
  );
}
