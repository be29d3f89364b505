import type { ExplainRules } from '../../protocol/explain-messages';
import {
  activeThreshold,
  decide,
  type AnalystSettings,
} from '../../domain/settings/analyst-settings';
import type { LevelSignal } from '../../domain/signal/level-signal';
import { TIME_BUCKETS, isTimeBucket, type TimeBucket } from '../../domain/time/time-bucket';

/**
 * The signal as the dashboard shows it under the threshold in force now: `threshold` and
 * `decision` are recomputed from `p_break` (BREAK when p ≥ threshold), so a settings change flips
 * the decision at once, without waiting for the next tick or reloading the model. The worker's own
 * decision (made with the rules of the request) is only a default. A signal whose time bucket is
 * not one of the five, or a base-rate signal, is shown as it came.
 */
export function withActiveDecision(
  signal: LevelSignal,
  thresholdOf: (bucket: TimeBucket) => number,
): LevelSignal {
  const bucket = signal.context.time_bucket;
  if (!isTimeBucket(bucket) || signal.prediction.method !== 'model') return signal;
  const threshold = thresholdOf(bucket);
  const decision = decide(signal.prediction.p_break, threshold);
  if (signal.threshold === threshold && signal.decision === decision) return signal;
  return { ...signal, threshold, decision };
}

/** The worker's decision rules from the analyst settings (sent with every explain request). */
export function explainRulesFromSettings(settings: AnalystSettings): ExplainRules {
  const thresholds: Record<TimeBucket, number> = {
    T0_15: 0,
    T15_30: 0,
    T30_60: 0,
    T60_120: 0,
    T120_180: 0,
  };
  for (const b of TIME_BUCKETS) thresholds[b] = activeThreshold(settings, b);
  const { veryHigh, high, moderate } = settings.confidence;
  return { thresholds, cutoffs: { veryHigh, high, moderate } };
}
