/**
 * What the explanation engine needs from the historical statistics (public/artifacts/
 * historical_stats.json): per level kind × time bucket, the quantiles of every feature and driver
 * reading, the empirical base rate, the held-out accuracy per probability band and the background
 * sample of the attribution. The file's own format is read by `parseHistoricalStats`
 * (parse-historical-stats.ts); the engine works on these types only.
 */
import type { LevelKind } from '../frame/level-frame';
import type { TimeBucket } from '../time/time-bucket';

export interface EmpiricalBaseRate {
  /** BREAK / (BREAK + REJECT) among the stratum's resolved historical frames; NaN when none. */
  readonly breakRate: number;
  readonly nBreak: number;
  readonly nReject: number;
  readonly nChop: number;
}

/**
 * Held-out accuracy of the model's call (BREAK when p ≥ 0.5) for predictions in [lo, hi) of the
 * band's scale: p itself (`probability`, the default) or the margin |p − 0.5| (`margin`, as
 * historical_stats.json stores it). The last band includes its upper end.
 */
export interface AccuracyBand {
  readonly lo: number;
  readonly hi: number;
  readonly scale?: 'probability' | 'margin';
  readonly n: number;
  readonly accuracy: number;
}

export interface StratumStats {
  /** null for the pooled stratum. */
  readonly levelKind: LevelKind | null;
  readonly bucket: TimeBucket | null;
  /** Historical frames behind the quantiles. */
  readonly nFrames: number;
  /** Ascending probabilities of the stored quantiles (e.g. 0, 0.01, 0.05, …, 0.99, 1). */
  readonly quantileLevels: readonly number[];
  /** Per feature (144), the values at `quantileLevels`; an empty array when unknown. */
  readonly featureQuantiles: readonly (readonly number[])[];
  /** Per driver name, its reading's values at `quantileLevels`. */
  readonly driverQuantiles: ReadonlyMap<string, readonly number[]>;
  readonly baseRate: EmpiricalBaseRate | null;
  readonly accuracyBands: readonly AccuracyBand[];
  /** Background rows, row-major `nBackground × 144` (may be empty). */
  readonly background: Float32Array;
  readonly nBackground: number;
}

export interface HistoricalStats {
  readonly dimension: number;
  /** sha256 of the model the accuracy figures belong to, when the file says. */
  readonly modelSha256?: string | null;
  /** Keyed by {@link stratumKey}. */
  readonly strata: ReadonlyMap<string, StratumStats>;
  /** All level kinds and buckets together; the fallback of a stratum without data. */
  readonly pooled: StratumStats | null;
}

export function stratumKey(levelKind: LevelKind, bucket: TimeBucket): string {
  return `${levelKind}|${bucket}`;
}

/** The stratum of a level kind and bucket, or undefined. */
export function findStratum(
  stats: HistoricalStats,
  levelKind: LevelKind,
  bucket: TimeBucket,
): StratumStats | undefined {
  return stats.strata.get(stratumKey(levelKind, bucket));
}

/** The accuracy band holding p (the last band includes hi = 1), or undefined. */
export function accuracyBandOf(
  bands: readonly AccuracyBand[],
  p: number,
): AccuracyBand | undefined {
  return bands.find((b, k) => {
    const v = b.scale === 'margin' ? Math.abs(p - 0.5) : p;
    return v >= b.lo && (v < b.hi || (k === bands.length - 1 && v <= b.hi));
  });
}
