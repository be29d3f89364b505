// 2×2 high/low grid of two features against the outcome. Each feature is split at its type-7
// quantile q (0.5 = median, 0.75 = the combo rule "both above their 75th percentile"): a value is
// "high" when strictly above the cut, "low" otherwise. Per cell: n, breaks, break rate with a Wilson
// interval. The combo's edge is the break-rate lift of the high/high cell over the base rate.
import { quantileSorted, sortedFinite } from './quantile';
import {
  BinaryLabel,
  InsufficientData,
  assertSameLength,
  insufficientData,
  toBinary,
} from './result';
import { ProportionInterval, wilsonInterval } from './wilson';

export interface GridOptions {
  /** Split quantile for both features. Default 0.5. */
  readonly quantile?: number;
  /** Explicit cut points [cut1, cut2], e.g. quantiles of a reference sample; overrides `quantile`. */
  readonly cuts?: readonly [number, number];
  /** Minimum rows in the high/high cell for an edge. Default GRID_MIN_CELL_N. */
  readonly minimumCell?: number;
  /** Wilson interval level. Default 0.95. */
  readonly level?: number;
}

/** Minimum complete rows for the grid, and default minimum rows in the high/high cell for an edge. */
export const GRID_MIN_N = 20;
export const GRID_MIN_CELL_N = 10;

export interface GridCell {
  readonly n: number;
  readonly breaks: number;
  /** null for an empty cell. */
  readonly breakRate: number | null;
  readonly interval: ProportionInterval | InsufficientData;
}

export interface HighLowGrid {
  readonly status: 'ok';
  readonly n: number;
  readonly dropped: number;
  readonly quantile: number | null;
  readonly cut1: number;
  readonly cut2: number;
  readonly baseRate: number;
  readonly lowLow: GridCell;
  readonly lowHigh: GridCell;
  readonly highLow: GridCell;
  readonly highHigh: GridCell;
  /** highHigh.breakRate − baseRate, or insufficient data when the cell is too small. */
  readonly edge: { readonly status: 'ok'; readonly value: number } | InsufficientData;
}

/** Grid of feature 1 (first word: low/high) × feature 2 (second word). Labels: 1/true = BREAK. */
export function highLowGrid(
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  labels: readonly BinaryLabel[] | Uint8Array,
  options: GridOptions = {},
): HighLowGrid | InsufficientData {
  assertSameLength('highLowGrid', x1, x2, labels);
  const y = toBinary(labels);
  const level = options.level ?? 0.95;
  const minimumCell = options.minimumCell ?? GRID_MIN_CELL_N;
  const keep: number[] = [];
  for (let i = 0; i < y.length; i++)
    if (Number.isFinite(x1[i]) && Number.isFinite(x2[i])) keep.push(i);
  if (keep.length < GRID_MIN_N) return insufficientData(keep.length, GRID_MIN_N, 'complete rows');
  let cut1: number;
  let cut2: number;
  let q: number | null = null;
  if (options.cuts) {
    [cut1, cut2] = options.cuts;
  } else {
    q = options.quantile ?? 0.5;
    cut1 = quantileSorted(sortedFinite(Float64Array.from(keep, (i) => x1[i])), q);
    cut2 = quantileSorted(sortedFinite(Float64Array.from(keep, (i) => x2[i])), q);
  }
  const n = [0, 0, 0, 0];
  const b = [0, 0, 0, 0];
  let breaks = 0;
  for (const i of keep) {
    const cell = (x1[i] > cut1 ? 2 : 0) + (x2[i] > cut2 ? 1 : 0);
    n[cell]++;
    b[cell] += y[i];
    breaks += y[i];
  }
  const cell = (c: number): GridCell => ({
    n: n[c],
    breaks: b[c],
    breakRate: n[c] > 0 ? b[c] / n[c] : null,
    interval: wilsonInterval(b[c], n[c], level),
  });
  const baseRate = breaks / keep.length;
  const highHigh = cell(3);
  return {
    status: 'ok',
    n: keep.length,
    dropped: y.length - keep.length,
    quantile: q,
    cut1,
    cut2,
    baseRate,
    lowLow: cell(0),
    lowHigh: cell(1),
    highLow: cell(2),
    highHigh,
    edge:
      highHigh.n >= minimumCell && highHigh.breakRate !== null
        ? { status: 'ok', value: highHigh.breakRate - baseRate }
        : insufficientData(highHigh.n, minimumCell, 'rows in the high/high cell'),
  };
}
