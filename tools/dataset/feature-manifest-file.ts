import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/domain/vector/canonical-json';
import {
  FeatureManifest,
  FeatureManifestContent,
  defaultManifestContent,
} from '../../src/domain/vector/feature-manifest';

export const FEATURE_MANIFEST_PATH = 'public/artifacts/feature_manifest.json';

/** SHA-256 (node:crypto) of the manifest's canonical content, without the hash key. */
export function nodeManifestHash(content: FeatureManifestContent): string {
  const { schema, dimension, sections, features, drivers } = content;
  return createHash('sha256')
    .update(canonicalJson({ schema, dimension, sections, features, drivers }), 'utf8')
    .digest('hex');
}

/** The manifest generated from the TypeScript feature table, with its hash. */
export function generatedFeatureManifest(): FeatureManifest {
  const content = defaultManifestContent();
  return { ...content, hash: nodeManifestHash(content) };
}

export function manifestText(manifest: FeatureManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
