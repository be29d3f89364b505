/**
 * The confidence tier of a prediction (docs/explanations.md § Confidence):
 * 1. the held-out accuracy of the model's call for predictions in the same probability band and
 *    stratum (historical_stats.json) against the cut-offs (settings): VERY HIGH / HIGH / MODERATE / LOW;
 * 2. lowered to LOW when an input lies outside the historical range of its stratum, or when a shown
 *    driver's error bar (±1 standard error) is wider than its edge (the sign of the driver is not
 *    resolved by the attribution).
 */
import type { ConfidenceCutoffs } from '../settings/analyst-settings';
import { confidenceTier } from '../settings/analyst-settings';
import type { ConfidenceTier, SignalDriver } from '../signal/level-signal';
import { AccuracyBand, StratumStats, accuracyBandOf } from './historical-stats';
import { OTHER_DRIVERS } from './fold-drivers';
import { quantileAt } from './percentile';

export interface RangeRule {
  /** Lower quantile of the historical range. Default 0.01. */
  readonly lowQuantile: number;
  /** Upper quantile. Default 0.99. */
  readonly highQuantile: number;
  /**
   * The range is widened on both sides by this share of its width (q_high − q_low): with 144
   * features, a bare 1st–99th percentile rule would flag about 1 − 0.98^144 ≈ 95 % of ordinary
   * frames. Default 0.5.
   */
  readonly margin: number;
}

export const DEFAULT_RANGE_RULE: RangeRule = { lowQuantile: 0.01, highQuantile: 0.99, margin: 0.5 };

/** Minimum held-out predictions in a band for its accuracy to count; fewer → LOW. */
export const MIN_BAND_COUNT = 30;

export interface OutOfRange {
  readonly feature: number;
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/** Features of `x` outside their stratum's widened historical range (features without quantiles are skipped). */
export function outOfRangeFeatures(
  x: ArrayLike<number>,
  stratum: StratumStats,
  rule: RangeRule = DEFAULT_RANGE_RULE,
): OutOfRange[] {
  const out: OutOfRange[] = [];
  const levels = stratum.quantileLevels;
  for (let j = 0; j < stratum.featureQuantiles.length && j < x.length; j++) {
    const q = stratum.featureQuantiles[j];
    if (q.length !== levels.length || q.length === 0) continue;
    const lo = quantileAt(rule.lowQuantile, levels, q);
    const hi = quantileAt(rule.highQuantile, levels, q);
    const w = (hi - lo) * rule.margin;
    const v = x[j];
    if (v < lo - w || v > hi + w || Number.isNaN(v))
      out.push({ feature: j, value: v, low: lo - w, high: hi + w });
  }
  return out;
}

/** Shown drivers (except the folded "Other drivers" row) whose ±1 SE error bar is wider than |edge|. */
export function unresolvedDrivers(shown: readonly SignalDriver[]): SignalDriver[] {
  return shown.filter((d) => d.name !== OTHER_DRIVERS && (d.edge_se ?? 0) > Math.abs(d.edge));
}

export interface ConfidenceInput {
  readonly pBreak: number;
  readonly bands: readonly AccuracyBand[];
  readonly cutoffs: ConfidenceCutoffs;
  readonly outOfRange: number;
  readonly unresolvedDrivers: number;
  /** Minimum held-out count of a band; default MIN_BAND_COUNT. */
  readonly minBandCount?: number;
}

export interface ConfidenceResult {
  readonly tier: ConfidenceTier;
  /** Tier from the band's accuracy alone. */
  readonly measuredTier: ConfidenceTier;
  /** Held-out accuracy of the band, NaN when none. */
  readonly bandAccuracy: number;
  /** Why the tier was lowered to LOW, empty when it was not. */
  readonly downgrades: string[];
}

export function assessConfidence(input: ConfidenceInput): ConfidenceResult {
  const band = accuracyBandOf(input.bands, input.pBreak);
  const minCount = input.minBandCount ?? MIN_BAND_COUNT;
  const accuracy = band !== undefined && band.n >= minCount ? band.accuracy : Number.NaN;
  const measuredTier = confidenceTier(accuracy, input.cutoffs);
  const downgrades: string[] = [];
  if (Number.isNaN(accuracy)) downgrades.push('no held-out accuracy for this probability band');
  if (input.outOfRange > 0)
    downgrades.push(`${input.outOfRange} input(s) outside the historical range`);
  if (input.unresolvedDrivers > 0)
    downgrades.push(
      `${input.unresolvedDrivers} shown driver(s) with an error bar wider than the edge`,
    );
  return {
    tier: downgrades.length > 0 ? 'LOW' : measuredTier,
    measuredTier,
    bandAccuracy: accuracy,
    downgrades,
  };
}
