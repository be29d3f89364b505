/**
 * time_stratification.json (tools/analysis, docs/analyses.md) → the view model of the analytics
 * page: per-bucket rates with n and Wilson intervals, per-bucket model AUCs, the out-of-sample
 * thresholds and the recommendation.
 */
import { TIME_BUCKETS, TIME_BUCKET_LABELS, type TimeBucket } from '../time/time-bucket';
import {
  isInsufficientBlock,
  readChiSquare,
  readInsufficient,
  readRateBlock,
  type ChiSquare,
  type Insufficient,
  type RateBlock,
} from './common-blocks';
import { FieldReader, join, type ArtifactResult } from './field-reader';

export interface BucketModel {
  readonly status: 'ok';
  readonly nResolved: number;
  readonly nDates: number;
  readonly aucBucketModel: number | null;
  readonly aucGlobalModel: number | null;
  readonly aucGain: number | null;
}

export interface BucketThreshold {
  readonly status: 'ok';
  readonly threshold: number;
  readonly n: number;
  readonly balancedAccuracy: number | null;
  readonly tpr: number | null;
  readonly tnr: number | null;
  readonly iqr: number | null;
}

export interface BucketRow {
  readonly bucket: TimeBucket;
  readonly label: string;
  readonly rates: RateBlock;
  readonly model: BucketModel | Insufficient;
  readonly threshold: BucketThreshold | Insufficient;
}

export interface TimeStratificationView {
  readonly buckets: readonly BucketRow[];
  readonly test: ChiSquare | Insufficient;
  readonly globalAuc: number | null;
  readonly perBucketAuc: number | null;
  readonly aucGain: number | null;
  readonly aucGainCi95: readonly [number, number] | null;
  readonly nResolved: number;
  readonly decision: string;
  /** The recommendation in words, with the numbers it rests on. */
  readonly recommendation: string;
}

const DECISIONS: Readonly<Record<string, string>> = {
  separate_models: 'Separate models per time bucket',
  time_adjusted_thresholds: 'Global model with time-adjusted thresholds',
  adjusted_thresholds: 'Global model with time-adjusted thresholds',
  global_model: 'Global model',
  insufficient_data: 'No recommendation: insufficient data',
};

export function readTimeStratification(input: unknown): ArtifactResult<TimeStratificationView> {
  const r = new FieldReader('time_stratification.json');
  const root = r.record(input, '');
  const stats = r.child(root, 'time_bucket_stats', '');
  const models = r.child(root, 'time_specific_models', '');
  const thresholds = r.child(root, 'optimal_thresholds', '');
  const buckets = TIME_BUCKETS.map((bucket): BucketRow => {
    const statsPath = join('time_bucket_stats', bucket);
    const block = r.child(stats, bucket, 'time_bucket_stats');
    return {
      bucket,
      label: r.optionalString(block, 'label') ?? TIME_BUCKET_LABELS[bucket],
      rates: readRateBlock(r, stats?.[bucket], statsPath),
      model: readBucketModel(r, models?.[bucket], join('time_specific_models', bucket)),
      threshold: readBucketThreshold(r, thresholds?.[bucket], join('optimal_thresholds', bucket)),
    };
  });
  const tests = r.child(root, 'statistical_test', '');
  const comparison = r.child(root, 'model_comparison', '');
  const rec = r.child(root, 'recommendation', '');
  const decision = r.string(rec, 'decision', 'recommendation');
  const aucGain = r.nullableNumber(comparison, 'auc_gain', 'model_comparison');
  const aucGainCi95 = r.nullableInterval(
    comparison,
    'auc_gain_ci95_day_bootstrap',
    'model_comparison',
  );
  const view: TimeStratificationView = {
    buckets,
    test: readChiSquare(r, tests, 'bucket_x_outcome_resolved', 'statistical_test'),
    globalAuc: r.nullableUnit(comparison, 'global_model_auc', 'model_comparison'),
    perBucketAuc: r.nullableUnit(comparison, 'per_bucket_models_auc', 'model_comparison'),
    aucGain,
    aucGainCi95,
    nResolved: r.count(comparison, 'n_resolved', 'model_comparison'),
    decision,
    recommendation: recommendationText(decision, aucGain, aucGainCi95, 'per-bucket'),
  };
  return r.result(view);
}

/** "Global model: per-bucket models change the AUC by −0.060 (95 % −0.102 to −0.019)." */
export function recommendationText(
  decision: string,
  gain: number | null,
  ci95: readonly [number, number] | null,
  what: string,
): string {
  const head = DECISIONS[decision] ?? decision;
  if (gain === null) return `${head}.`;
  const interval = ci95 === null ? '' : ` (95 % ${signed(ci95[0])} to ${signed(ci95[1])})`;
  return `${head}: ${what} models change the out-of-fold AUC by ${signed(gain)}${interval}.`;
}

function signed(x: number): string {
  return `${x < 0 ? '\u2212' : '+'}${Math.abs(x).toFixed(3)}`;
}

function readBucketModel(r: FieldReader, value: unknown, path: string): BucketModel | Insufficient {
  const b = r.record(value, path);
  if (isInsufficientBlock(b)) return readInsufficient(r, b);
  return {
    status: 'ok',
    nResolved: r.count(b, 'n_resolved', path),
    nDates: r.count(b, 'n_dates', path),
    aucBucketModel: r.nullableUnit(b, 'auc_bucket_model', path),
    aucGlobalModel: r.nullableUnit(b, 'auc_global_model', path),
    aucGain: r.nullableNumber(b, 'auc_gain', path),
  };
}

function readBucketThreshold(
  r: FieldReader,
  value: unknown,
  path: string,
): BucketThreshold | Insufficient {
  const b = r.record(value, path);
  if (b !== null && b['optimal_threshold'] === null) {
    return readInsufficient(r, b);
  }
  return {
    status: 'ok',
    threshold: r.unit(b, 'optimal_threshold', path),
    n: r.count(b, 'n', path),
    balancedAccuracy: r.nullableUnit(b, 'held_out_balanced_accuracy', path),
    tpr: r.nullableUnit(b, 'held_out_tpr', path),
    tnr: r.nullableUnit(b, 'held_out_tnr', path),
    iqr: r.nullableNumber(b, 'threshold_iqr', path),
  };
}
