/**
 * Gradient/hessian histograms per (feature, bin) and the best-split search over them.
 *
 * One histogram is a Float64Array holding, for every bin of every feature (missing bin included),
 * three consecutive numbers: sum of gradients, sum of hessians, row count. Feature f's bins start
 * at slot `offsets[f]`. A node's histogram is built from its rows, or derived from its parent and
 * its sibling (sibling = parent − child), which halves the work per tree level.
 */
import type { BinMapper, BinnedMatrix } from './binning';

export const STATS = 3;

export interface HistogramLayout {
  /** Slot of each feature's bin 0; `offsets[nFeatures]` is the total slot count. */
  readonly offsets: Uint32Array;
  /** Number of value bins per feature (the missing bin index). */
  readonly valueBins: Uint32Array;
}

export function histogramLayout(mapper: BinMapper): HistogramLayout {
  const d = mapper.nFeatures;
  const offsets = new Uint32Array(d + 1);
  const valueBins = new Uint32Array(d);
  for (let f = 0; f < d; f++) {
    valueBins[f] = mapper.upper[f].length;
    offsets[f + 1] = offsets[f] + valueBins[f] + 1;
  }
  return { offsets, valueBins };
}

export function newHistogram(layout: HistogramLayout): Float64Array {
  return new Float64Array(layout.offsets[layout.offsets.length - 1] * STATS);
}

/**
 * Adds rows `rowIdx[start..end)` into `hist` for the given features. `gradHess` holds the
 * gradient and hessian of position k at [2k] and [2k + 1] (gathered in node order); bins are
 * looked up by row id `rowIdx[k]`.
 */
export function accumulateHistogram(
  hist: Float64Array,
  layout: HistogramLayout,
  binned: BinnedMatrix,
  features: Uint32Array,
  rowIdx: Uint32Array,
  start: number,
  end: number,
  gradHess: Float64Array,
): void {
  const n = binned.nRows;
  const bins = binned.bins;
  for (let j = 0; j < features.length; j++) {
    const f = features[j];
    const col = bins.subarray(f * n, (f + 1) * n);
    const histBase = layout.offsets[f] * STATS;
    for (let k = start; k < end; k++) {
      const s = histBase + col[rowIdx[k]] * STATS;
      hist[s] += gradHess[2 * k];
      hist[s + 1] += gradHess[2 * k + 1];
      hist[s + 2] += 1;
    }
  }
}

/** out = parent − child over the given features' slots. */
export function subtractHistogram(
  out: Float64Array,
  parent: Float64Array,
  child: Float64Array,
  layout: HistogramLayout,
  features: Uint32Array,
): void {
  for (let j = 0; j < features.length; j++) {
    const f = features[j];
    const from = layout.offsets[f] * STATS;
    const to = layout.offsets[f + 1] * STATS;
    for (let s = from; s < to; s++) out[s] = parent[s] - child[s];
  }
}

export interface SplitConstraints {
  /** L2 regularisation of leaf values. */
  readonly lambda: number;
  /** Minimum hessian sum in each child. */
  readonly minChildWeight: number;
  /** Minimum row count in each child. */
  readonly minSamplesLeaf: number;
  /**
   * Per-feature multiplier of a split's gain when splits are compared (LightGBM's
   * `feature_penalty`): 1 = no penalty, 0 = never split on the feature. Absent: all 1.
   */
  readonly featureGainScale?: Float64Array;
}

export interface NodeTotals {
  readonly grad: number;
  readonly hess: number;
  readonly count: number;
}

export interface SplitCandidate {
  readonly feature: number;
  /** Rows with bin <= `bin` go left; higher bins (and the missing bin) go right. */
  readonly bin: number;
  readonly gain: number;
  readonly left: NodeTotals;
  readonly right: NodeTotals;
}

/** Structure score of a node: G² / (H + λ). */
export function nodeScore(grad: number, hess: number, lambda: number): number {
  return (grad * grad) / (hess + lambda);
}

/**
 * Split gain (XGBoost form): ½·[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)].
 * It is the decrease of the second-order approximation of the loss when one leaf becomes two.
 */
export function splitGain(left: NodeTotals, right: NodeTotals, lambda: number): number {
  const g = left.grad + right.grad;
  const h = left.hess + right.hess;
  return (
    0.5 *
    (nodeScore(left.grad, left.hess, lambda) +
      nodeScore(right.grad, right.hess, lambda) -
      nodeScore(g, h, lambda))
  );
}

/**
 * The best split of a node over `features`, or null when no split satisfies the constraints or
 * improves the loss. Ties keep the first candidate (lowest feature position, then lowest bin),
 * so the result is deterministic.
 */
export function findBestSplit(
  hist: Float64Array,
  layout: HistogramLayout,
  features: Uint32Array,
  totals: NodeTotals,
  c: SplitConstraints,
): SplitCandidate | null {
  const parentScore = nodeScore(totals.grad, totals.hess, c.lambda);
  let best: SplitCandidate | null = null;
  let bestGain = 0;
  const scales = c.featureGainScale;
  for (let j = 0; j < features.length; j++) {
    const f = features[j];
    const scale = scales === undefined ? 1 : scales[f];
    if (scale <= 0) continue;
    const nb = layout.valueBins[f];
    const base = layout.offsets[f] * STATS;
    const missingCount = hist[base + nb * STATS + 2];
    // Splitting after the last value bin separates only the missing rows.
    const lastBin = missingCount > 0 ? nb - 1 : nb - 2;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b <= lastBin; b++) {
      const s = base + b * STATS;
      gl += hist[s];
      hl += hist[s + 1];
      cl += hist[s + 2];
      if (cl < c.minSamplesLeaf || hl < c.minChildWeight) continue;
      const cr = totals.count - cl;
      if (cr < c.minSamplesLeaf) break;
      const gr = totals.grad - gl;
      const hr = totals.hess - hl;
      // With λ = 0 a child needs a positive hessian sum for a finite score.
      if (hr < c.minChildWeight || hl + c.lambda <= 0 || hr + c.lambda <= 0) continue;
      const gain =
        0.5 * scale * (nodeScore(gl, hl, c.lambda) + nodeScore(gr, hr, c.lambda) - parentScore);
      if (gain > bestGain) {
        bestGain = gain;
        best = {
          feature: f,
          bin: b,
          gain,
          left: { grad: gl, hess: hl, count: cl },
          right: { grad: gr, hess: hr, count: cr },
        };
      }
    }
  }
  return best;
}
