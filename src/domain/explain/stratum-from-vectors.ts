/**
 * Builds a {@link StratumStats} from sample vectors: empirical quantiles of every feature and
 * driver reading, the break rate of labelled rows, held-out accuracy per probability band and an
 * evenly spaced background sample. Used by specs, the Node tools' tests and the attribution
 * validation when no historical_stats.json is at hand; the production file is written by
 * tools/predictor/stats.ts.
 */
import type { Direction, LevelKind } from '../frame/level-frame';
import type { TimeBucket } from '../time/time-bucket';
import { ReadingExpr, evaluateReading } from '../vector/driver-reading';
import type { AccuracyBand, StratumStats } from './historical-stats';

/** The levels historical_stats.json stores (tools/predictor/historical-stats.ts). */
export const DEFAULT_QUANTILE_LEVELS: readonly number[] = [
  0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99,
];

/** Accuracy bands on the margin |p − 0.5|, as historical_stats.json stores them. */
export const DEFAULT_MARGIN_BANDS: readonly (readonly [number, number])[] = [
  [0, 0.1],
  [0.1, 0.2],
  [0.2, 0.3],
  [0.3, 0.4],
  [0.4, 0.5],
];

/** Linear-interpolation quantile (type 7) of sorted values. */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface StratumSample {
  readonly levelKind: LevelKind | null;
  readonly bucket: TimeBucket | null;
  /** Row-major n × d vectors. */
  readonly vectors: Float32Array;
  readonly dimension: number;
  readonly directions: readonly Direction[];
  /** 1 BREAK, 0 REJECT, null CHOP/unknown per row (optional). */
  readonly labels?: readonly (0 | 1 | null)[];
  /** Held-out model predictions per row (optional; with labels → accuracy bands). */
  readonly predictions?: ArrayLike<number>;
  readonly drivers: readonly { readonly name: string; readonly reading: ReadingExpr }[];
  readonly quantileLevels?: readonly number[];
  /** Background rows kept (evenly spaced over the sample). Default 32. */
  readonly backgroundSize?: number;
}

export function stratumFromVectors(s: StratumSample): StratumStats {
  const d = s.dimension;
  const n = s.vectors.length / d;
  const levels = s.quantileLevels ?? DEFAULT_QUANTILE_LEVELS;
  const column = new Float64Array(n);
  const featureQuantiles: number[][] = [];
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) column[i] = s.vectors[i * d + j];
    column.sort();
    featureQuantiles.push(n === 0 ? [] : levels.map((p) => sortedQuantile(column, p)));
  }
  const driverQuantiles = new Map<string, number[]>();
  for (const drv of s.drivers) {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++)
      r[i] = evaluateReading(drv.reading, s.vectors.subarray(i * d, (i + 1) * d), s.directions[i]);
    r.sort();
    if (n > 0)
      driverQuantiles.set(
        drv.name,
        levels.map((p) => sortedQuantile(r, p)),
      );
  }
  let nBreak = 0;
  let nReject = 0;
  let nChop = 0;
  const labels = s.labels;
  if (labels !== undefined) {
    for (const y of labels) {
      if (y === 1) nBreak++;
      else if (y === 0) nReject++;
      else nChop++;
    }
  }
  const accuracyBands: AccuracyBand[] = [];
  if (labels !== undefined && s.predictions !== undefined) {
    for (const [lo, hi] of DEFAULT_MARGIN_BANDS) {
      let total = 0;
      let correct = 0;
      for (let i = 0; i < n; i++) {
        const p = s.predictions[i];
        const y = labels[i];
        const m = Math.abs(p - 0.5);
        if (y === null || !(m >= lo && (m < hi || (hi === 0.5 && m <= hi)))) continue;
        total++;
        if ((p >= 0.5 ? 1 : 0) === y) correct++;
      }
      accuracyBands.push({
        lo,
        hi,
        n: total,
        accuracy: total > 0 ? correct / total : Number.NaN,
        scale: 'margin',
      });
    }
  }
  const b = Math.min(s.backgroundSize ?? 32, n);
  const background = new Float32Array(b * d);
  for (let k = 0; k < b; k++) {
    const i = Math.floor(((k + 0.5) * n) / b);
    background.set(s.vectors.subarray(i * d, (i + 1) * d), k * d);
  }
  return {
    levelKind: s.levelKind,
    bucket: s.bucket,
    nFrames: n,
    quantileLevels: levels,
    featureQuantiles,
    driverQuantiles,
    baseRate:
      labels === undefined
        ? null
        : {
            breakRate: nBreak + nReject > 0 ? nBreak / (nBreak + nReject) : Number.NaN,
            nBreak,
            nReject,
            nChop,
          },
    accuracyBands,
    background,
    nBackground: b,
  };
}
