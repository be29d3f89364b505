/**
 * The analysts' settings (docs/settings.md): the BREAK/REJECT decision threshold (global or per
 * time bucket), level-adjusted base rates, the confidence-tier cut-offs, the live feed and the
 * replay speed. Framework-free; the Angular `SettingsStore` persists and serves them.
 */
import type { ConfidenceTier, Decision } from '../signal/level-signal';
import { MAX_REPLAY_SPEED, MIN_REPLAY_SPEED } from '../feed/replay-clock';
import type { TimeBucket } from '../time/time-bucket';

/** The settings format this code reads and writes. */
export const SETTINGS_VERSION = 1;

/** Threshold used when no analysis artifact supplies one. */
export const DEFAULT_THRESHOLD = 0.5;

/** Replay speed bounds (multiples of real time): those of the replay clock, 1×–600×. */
export const REPLAY_SPEED_MIN = MIN_REPLAY_SPEED;
export const REPLAY_SPEED_MAX = MAX_REPLAY_SPEED;

export interface BucketThresholdSetting {
  /** When false the bucket uses the global threshold even with time-adjusted thresholds on. */
  readonly enabled: boolean;
  /** P(BREAK) threshold in [0, 1]. */
  readonly threshold: number;
}

/**
 * Minimum held-out accuracy of a stratum for each confidence tier; below `moderate` is LOW.
 * Monotone: veryHigh > high > moderate, all in [0, 1].
 */
export interface ConfidenceCutoffs {
  readonly veryHigh: number;
  readonly high: number;
  readonly moderate: number;
}

export interface FeedSettings {
  /** ws: or wss: URL of the live frame feed; empty when no live feed is configured. */
  readonly url: string;
  /** Access token sent to the feed; may be empty. */
  readonly token: string;
}

export interface ReplaySettings {
  /** Replay speed, multiple of real time, in [REPLAY_SPEED_MIN, REPLAY_SPEED_MAX]. */
  readonly speed: number;
}

export interface AnalystSettings {
  readonly version: typeof SETTINGS_VERSION;
  /** P(BREAK) threshold in [0, 1] used when time-adjusted thresholds are off. */
  readonly globalThreshold: number;
  /** Master toggle: use the enabled per-bucket thresholds. */
  readonly timeAdjusted: boolean;
  readonly perBucket: Readonly<Record<TimeBucket, BucketThresholdSetting>>;
  /** Measure edges from the level kind's base rate (level_specificity.json) instead of the pooled one. */
  readonly levelAdjustedBaseRates: boolean;
  readonly confidence: ConfidenceCutoffs;
  readonly feed: FeedSettings;
  readonly replay: ReplaySettings;
}

/** Per-bucket thresholds read from an analysis artifact; a missing bucket falls back. */
export type BucketThresholds = Partial<Readonly<Record<TimeBucket, number>>>;

export const DEFAULT_CONFIDENCE_CUTOFFS: ConfidenceCutoffs = {
  veryHigh: 0.7,
  high: 0.62,
  moderate: 0.55,
};

/**
 * Default settings. Per-bucket thresholds come from `bucketThresholds` (the parsed
 * `optimal_thresholds` of time_stratification.json) when given, else DEFAULT_THRESHOLD.
 * Time-adjusted thresholds start off; every bucket starts enabled.
 * Throws a RangeError when a given threshold is not a number in [0, 1].
 */
export function defaultSettings(bucketThresholds: BucketThresholds = {}): AnalystSettings {
  const perBucket = mapBuckets((bucket): BucketThresholdSetting => {
    const threshold = bucketThresholds[bucket] ?? DEFAULT_THRESHOLD;
    if (!isUnitInterval(threshold)) {
      throw new RangeError(`threshold for ${bucket} must be a number in [0, 1]: ${threshold}`);
    }
    return { enabled: true, threshold };
  });
  return {
    version: SETTINGS_VERSION,
    globalThreshold: DEFAULT_THRESHOLD,
    timeAdjusted: false,
    perBucket,
    levelAdjustedBaseRates: false,
    confidence: DEFAULT_CONFIDENCE_CUTOFFS,
    feed: { url: '', token: '' },
    replay: { speed: 1 },
  };
}

/**
 * The threshold in force for a frame of `bucket`: the bucket's own threshold when time-adjusted
 * thresholds are on and the bucket is enabled, otherwise the global threshold.
 */
export function activeThreshold(settings: AnalystSettings, bucket: TimeBucket): number {
  const own = settings.perBucket[bucket];
  return settings.timeAdjusted && own.enabled ? own.threshold : settings.globalThreshold;
}

/**
 * BREAK when p ≥ threshold, else REJECT. A tie goes to BREAK — the same rule the out-of-sample
 * threshold search uses (src/domain/stats/threshold.ts: "predict BREAK when score ≥ t"), so a
 * threshold taken from the analysis means the same thing here.
 * Throws a RangeError when p or the threshold is not a number in [0, 1].
 */
export function decide(p: number, threshold: number): Decision {
  if (!isUnitInterval(p)) throw new RangeError(`p must be a number in [0, 1]: ${p}`);
  if (!isUnitInterval(threshold)) {
    throw new RangeError(`threshold must be a number in [0, 1]: ${threshold}`);
  }
  return p >= threshold ? 'BREAK' : 'REJECT';
}

/**
 * The confidence tier of a stratum whose held-out accuracy is `accuracy`: the highest tier whose
 * cut-off it reaches (≥). NaN (no held-out estimate) is LOW.
 */
export function confidenceTier(accuracy: number, cutoffs: ConfidenceCutoffs): ConfidenceTier {
  if (accuracy >= cutoffs.veryHigh) return 'VERY HIGH';
  if (accuracy >= cutoffs.high) return 'HIGH';
  if (accuracy >= cutoffs.moderate) return 'MODERATE';
  return 'LOW';
}

export function isUnitInterval(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

/** A record with one entry per time bucket, in bucket order. */
export function mapBuckets<T>(f: (bucket: TimeBucket) => T): Record<TimeBucket, T> {
  return {
    T0_15: f('T0_15'),
    T15_30: f('T15_30'),
    T30_60: f('T30_60'),
    T60_120: f('T60_120'),
    T120_180: f('T120_180'),
  };
}
