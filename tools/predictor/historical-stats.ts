/**
 * historical_stats.json (domain §7, docs/predictor.md): what is normal per level kind × time
 * bucket — quantiles of every feature and driver reading, resolved base rates with counts, the
 * out-of-fold accuracy of the BREAK/REJECT call per probability band (for confidence tiers) and
 * the background sample the attribution uses. Pure functions; the CLI is stats.ts.
 */
import { LEVEL_KINDS, type LevelKind } from '../../src/domain/frame/level-frame';
import { quantileSorted } from '../../src/domain/stats/quantile';
import { TIME_BUCKETS, type TimeBucket } from '../../src/domain/time/time-bucket';
import { evaluateReading } from '../../src/domain/vector/driver-reading';
import type { FeatureManifest } from '../../src/domain/vector/feature-manifest';
import type { EpisodeRow } from '../dataset/episode-rows';
import { createPrng, shuffleInPlace } from '../train/prng';
import { round } from './model-files';

export const HISTORICAL_STATS_SCHEMA = 'pentaview-historical-stats/1';
export const QUANTILE_LEVELS = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] as const;
/**
 * Background rows per stratum. 16 keeps the file a few hundred kB (18 strata × 144 features);
 * the attribution accepts any B (docs/attribution.md), with exact section values at 2^6 + 1 rows per B.
 */
export const BACKGROUND_SIZE = 16;
/** Significant digits of stored quantiles and background values. */
export const STORED_DIGITS = 3;
/** |p − 0.5| band edges of the confidence tiers. */
export const CONFIDENCE_BANDS = [0, 0.1, 0.2, 0.3, 0.4, 0.5] as const;
export const CONFIDENCE_TIERS = [
  { tier: 'LOW', lo: 0, hi: 0.1 },
  { tier: 'MODERATE', lo: 0.1, hi: 0.2 },
  { tier: 'HIGH', lo: 0.2, hi: 0.3 },
  { tier: 'VERY HIGH', lo: 0.3, hi: 0.5 },
] as const;

export interface OutcomeCounts {
  readonly BREAK: number;
  readonly REJECT: number;
  readonly CHOP: number;
}

export interface BaseRate {
  readonly n: number;
  readonly outcomes: OutcomeCounts;
  /** BREAK / (BREAK + REJECT); null without resolved frames. */
  readonly break_rate: number | null;
}

export interface Stratum extends BaseRate {
  readonly level_kind: LevelKind;
  readonly time_bucket: TimeBucket;
  /** 144 rows of quantiles at QUANTILE_LEVELS (feature order of the manifest). */
  readonly feature_quantiles: readonly (readonly number[])[];
  /** Driver name → quantiles of its reading. */
  readonly driver_quantiles: Readonly<Record<string, readonly number[]>>;
  readonly background: {
    readonly method: string;
    readonly outcomes: readonly string[];
    readonly rows: readonly (readonly number[])[];
  };
}

export interface ProbabilityBand {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  /** Share of frames whose call (BREAK when p ≥ 0.5) was right; null when empty. */
  readonly accuracy: number | null;
}

export interface CalibrationBin {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly mean_p: number | null;
  readonly observed: number | null;
}

export interface ConfidenceTable {
  readonly method: string;
  readonly n: number;
  readonly bands: readonly ProbabilityBand[];
  readonly tiers: readonly (ProbabilityBand & { readonly tier: string })[];
  readonly bins: readonly CalibrationBin[];
}

function counts(rows: readonly EpisodeRow[]): BaseRate {
  let b = 0;
  let r = 0;
  let c = 0;
  for (const row of rows) {
    if (row.outcome === 'BREAK') b++;
    else if (row.outcome === 'REJECT') r++;
    else c++;
  }
  return {
    n: rows.length,
    outcomes: { BREAK: b, REJECT: r, CHOP: c },
    break_rate: b + r > 0 ? round(b / (b + r), 4) : null,
  };
}

/** Quantiles at QUANTILE_LEVELS of the finite values (STORED_DIGITS significant digits); [] when none. */
export function quantileRow(values: ArrayLike<number>): number[] {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length === 0) return [];
  const sorted = Float64Array.from(finite).sort();
  return QUANTILE_LEVELS.map((p) => round(quantileSorted(sorted, p), STORED_DIGITS));
}

/**
 * Up to `size` frames, allocated to BREAK/REJECT/CHOP in proportion to their counts (largest
 * remainder), drawn with a seeded shuffle and spread over episodes (one frame per episode before a
 * second one of the same episode). Returns indices into `rows`, in ascending order.
 */
export function backgroundSample(
  rows: readonly EpisodeRow[],
  size: number,
  seed: number,
): number[] {
  if (rows.length <= size) return rows.map((_, i) => i);
  const rand = createPrng(seed);
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const g = groups.get(r.outcome) ?? [];
    g.push(i);
    groups.set(r.outcome, g);
  });
  const keys = [...groups.keys()].sort();
  const exact = keys.map((k) => ((groups.get(k)?.length ?? 0) * size) / rows.length);
  const alloc = exact.map(Math.floor);
  let left = size - alloc.reduce((a, b) => a + b, 0);
  const order = keys
    .map((_, i) => i)
    .sort((a, b) => exact[b] - alloc[b] - (exact[a] - alloc[a]) || a - b);
  for (const i of order) {
    if (left === 0) break;
    alloc[i]++;
    left--;
  }
  const picked: number[] = [];
  keys.forEach((k, gi) => {
    const members = [...(groups.get(k) ?? [])];
    shuffleInPlace(members, rand);
    const seen = new Set<string>();
    const first: number[] = [];
    const later: number[] = [];
    for (const i of members) {
      const ep = rows[i].episode_id ?? `${rows[i].date}/${rows[i].level_kind}`;
      (seen.has(ep) ? later : first).push(i);
      seen.add(ep);
    }
    picked.push(...[...first, ...later].slice(0, alloc[gi]));
  });
  return picked.sort((a, b) => a - b);
}

export interface StratumInput {
  readonly rows: readonly EpisodeRow[];
  readonly vector: (i: number) => Float32Array;
}

export function buildStrata(
  input: StratumInput,
  manifest: FeatureManifest,
  seed: number,
  backgroundSize = BACKGROUND_SIZE,
): Stratum[] {
  const strata: Stratum[] = [];
  const dim = manifest.dimension;
  LEVEL_KINDS.forEach((kind, ki) => {
    TIME_BUCKETS.forEach((bucket, bi) => {
      const idx: number[] = [];
      input.rows.forEach((r, i) => {
        if (r.level_kind === kind && r.bucket === bucket && r.in_zone) idx.push(i);
      });
      if (idx.length === 0) return;
      const rows = idx.map((i) => input.rows[i]);
      const col = new Float64Array(idx.length);
      const featureQuantiles: number[][] = [];
      for (let f = 0; f < dim; f++) {
        idx.forEach((i, k) => (col[k] = input.vector(i)[f]));
        featureQuantiles.push(quantileRow(col));
      }
      const driverQuantiles: Record<string, number[]> = {};
      for (const d of manifest.drivers) {
        idx.forEach(
          (i, k) => (col[k] = evaluateReading(d.reading, input.vector(i), input.rows[i].direction)),
        );
        driverQuantiles[d.name] = quantileRow(col);
      }
      const sample = backgroundSample(rows, backgroundSize, seed * 1000 + ki * 10 + bi);
      strata.push({
        level_kind: kind,
        time_bucket: bucket,
        ...counts(rows),
        feature_quantiles: featureQuantiles,
        driver_quantiles: driverQuantiles,
        background: {
          method: `stratified by outcome in proportion, one frame per episode first, seeded shuffle (seed ${seed})`,
          outcomes: sample.map((k) => rows[k].outcome),
          rows: sample.map((k) => Array.from(input.vector(idx[k]), (v) => round(v, STORED_DIGITS))),
        },
      });
    });
  });
  return strata;
}

export function baseRates(rows: readonly EpisodeRow[]): {
  readonly overall: BaseRate;
  readonly by_level_kind: Readonly<Record<string, BaseRate>>;
  readonly by_time_bucket: Readonly<Record<string, BaseRate>>;
} {
  const inZone = rows.filter((r) => r.in_zone);
  const byKind: Record<string, BaseRate> = {};
  for (const k of LEVEL_KINDS) {
    const s = inZone.filter((r) => r.level_kind === k);
    if (s.length > 0) byKind[k] = counts(s);
  }
  const byBucket: Record<string, BaseRate> = {};
  for (const b of TIME_BUCKETS) {
    const s = inZone.filter((r) => r.bucket === b);
    if (s.length > 0) byBucket[b] = counts(s);
  }
  return { overall: counts(inZone), by_level_kind: byKind, by_time_bucket: byBucket };
}

/** Accuracy of the BREAK/REJECT call (BREAK when p ≥ 0.5) per |p − 0.5| band, per tier, per p bin. */
export function confidenceTable(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  method: string,
): ConfidenceTable {
  const band = (lo: number, hi: number): ProbabilityBand => {
    let n = 0;
    let hit = 0;
    for (let i = 0; i < labels.length; i++) {
      const c = Math.abs(probs[i] - 0.5);
      if (c >= lo && (c < hi || (hi === 0.5 && c <= hi))) {
        n++;
        if ((probs[i] >= 0.5 ? 1 : 0) === labels[i]) hit++;
      }
    }
    return { lo, hi, n, accuracy: n > 0 ? round(hit / n, 4) : null };
  };
  const bands = CONFIDENCE_BANDS.slice(1).map((hi, i) => band(CONFIDENCE_BANDS[i], hi));
  const tiers = CONFIDENCE_TIERS.map((t) => ({ tier: t.tier, ...band(t.lo, t.hi) }));
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < 10; b++) {
    let n = 0;
    let sp = 0;
    let sy = 0;
    for (let i = 0; i < labels.length; i++) {
      if (Math.min(9, Math.floor(probs[i] * 10)) !== b) continue;
      n++;
      sp += probs[i];
      sy += labels[i];
    }
    bins.push({
      lo: b / 10,
      hi: (b + 1) / 10,
      n,
      mean_p: n > 0 ? round(sp / n, 4) : null,
      observed: n > 0 ? round(sy / n, 4) : null,
    });
  }
  return { method, n: labels.length, bands, tiers, bins };
}
