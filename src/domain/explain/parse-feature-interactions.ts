/**
 * Reads the combos of feature_interactions.json (written by tools/analysis/interactions.ts):
 * `hypothesized_interactions` and `discovered_interactions`, each `key → { description, feat1,
 * feat2, feat1_transform, feat2_transform, significant, combo_edge, quantile_cut{feat1, feat2} }`.
 * A pair becomes a combo only when it survived the file's multiple-testing correction: marked
 * `significant` **and** its Benjamini–Hochberg `q_value` at most the threshold the file records
 * (`meta.alpha`), hypothesised and discovered pairs alike; and it needs a measured combo edge. A
 * file that records no threshold gives no combos. A member is a feature name of the manifest
 * (transform raw / negated / toward_break / closeness) or a driver name (transform
 * driver_reading). Everything else in the file is ignored.
 */
import type { FeatureManifestContent } from '../vector/feature-manifest';
import type { ComboDefinition, ComboMember, ComboTransform } from './combos';

export interface ParsedInteractions {
  readonly combos: ComboDefinition[];
  /** Entries that could not be used, with the reason (significant ones only). */
  readonly skipped: string[];
  /**
   * Significant entries that measure the same two members as a combo already kept (a pair listed
   * both as hypothesised and as discovered): kept once, nothing wrong with the file.
   */
  readonly merged: string[];
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const TRANSFORMS: readonly ComboTransform[] = ['raw', 'negated', 'toward_break', 'closeness'];
const isTransform = (v: unknown): v is ComboTransform => TRANSFORMS.some((t) => t === v);

function member(
  name: unknown,
  transform: unknown,
  cut: unknown,
  manifest: FeatureManifestContent,
): ComboMember | string {
  if (typeof name !== 'string') return 'member name missing';
  const globalCut = typeof cut === 'number' && Number.isFinite(cut) ? cut : null;
  if (transform === 'driver_reading') {
    const driver = manifest.drivers.find((d) => d.name === name);
    if (driver === undefined) return `unknown driver "${name}"`;
    return { kind: 'driver', name, reading: driver.reading, globalCut };
  }
  if (!isTransform(transform)) return `unknown transform ${JSON.stringify(transform)}`;
  const feature = manifest.features.find((f) => f.name === name);
  if (feature === undefined) return `unknown feature "${name}"`;
  return { kind: 'feature', index: feature.index, name, transform, globalCut };
}

/**
 * A member's quantity, so the same pair listed twice (hypothesised with features, discovered with
 * the driver readings that read those features) is kept once: a raw feature is
 * `feature:i:+1`, a negated one `feature:i:-1`, a driver reading that is a single signed feature
 * the same; anything else keeps its own identity.
 */
function memberIdentity(m: ComboMember): string {
  if (m.kind === 'feature') {
    const t = m.transform ?? 'raw';
    if (t === 'raw' || t === 'negated') return `feature:${m.index}:${t === 'raw' ? 1 : -1}`;
    return `feature:${m.index}:${t}`;
  }
  const r = m.reading;
  if (r.kind === 'feature') return `feature:${r.index}:${r.sign ?? 1}`;
  if (r.kind === 'neg' && r.arg.kind === 'feature')
    return `feature:${r.arg.index}:${-(r.arg.sign ?? 1)}`;
  return `driver:${m.name}`;
}

export function parseFeatureInteractions(
  input: unknown,
  manifest: FeatureManifestContent,
): ParsedInteractions {
  const combos: ComboDefinition[] = [];
  const skipped: string[] = [];
  const merged: string[] = [];
  if (!isRecord(input))
    return { combos, skipped: ['feature_interactions.json is not an object'], merged };
  const meta = isRecord(input['meta']) ? input['meta'] : {};
  const alpha = meta['alpha'];
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= 0 || alpha >= 1) {
    return {
      combos,
      skipped: [
        'feature_interactions.json records no multiple-testing threshold (meta.alpha): no combos',
      ],
      merged,
    };
  }
  for (const section of ['hypothesized_interactions', 'discovered_interactions']) {
    const entries = input[section];
    if (!isRecord(entries)) continue;
    for (const [key, body] of Object.entries(entries)) {
      if (!isRecord(body) || body['significant'] !== true) continue;
      const q = body['q_value'];
      if (typeof q !== 'number' || !Number.isFinite(q)) {
        skipped.push(`${key}: no q-value`);
        continue;
      }
      if (q > alpha) {
        skipped.push(`${key}: q ${q} above the file's threshold ${alpha}`);
        continue;
      }
      const edge = body['combo_edge'];
      const description = body['description'];
      if (typeof edge !== 'number' || !Number.isFinite(edge)) {
        skipped.push(`${key}: no measured combo edge`);
        continue;
      }
      if (typeof description !== 'string') {
        skipped.push(`${key}: no description`);
        continue;
      }
      const cuts = isRecord(body['quantile_cut']) ? body['quantile_cut'] : {};
      const a = member(body['feat1'], body['feat1_transform'], cuts['feat1'], manifest);
      const b = member(body['feat2'], body['feat2_transform'], cuts['feat2'], manifest);
      if (typeof a === 'string' || typeof b === 'string') {
        skipped.push(`${key}: ${typeof a === 'string' ? a : String(b)}`);
        continue;
      }
      const identity = [memberIdentity(a), memberIdentity(b)].sort().join(' × ');
      const same = combos.find(
        (c) =>
          [memberIdentity(c.members[0]), memberIdentity(c.members[1])].sort().join(' × ') ===
          identity,
      );
      if (same !== undefined) {
        merged.push(`${key}: the same pair as ${same.key}`);
        continue;
      }
      combos.push({ key, description, members: [a, b], edge });
    }
  }
  return { combos, skipped, merged };
}
