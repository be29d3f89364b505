// Sample quantiles, Hyndman & Fan type 7 (the default of R's quantile() and NumPy's "linear"):
// for sorted x[0..n−1] and probability p, h = (n − 1)·p, Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
import { InsufficientData, insufficientData } from './result';

/** Ascending copy of the finite values (NaN and ±Infinity are dropped). */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) out.push(v);
  }
  return Float64Array.from(out).sort();
}

/** Type-7 quantile of an ascending, non-empty array. Throws on an empty array or p outside [0, 1]. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileSorted: empty input');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const frac = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  return frac === 0 ? a : a + frac * (b - a);
}

export interface QuantilesResult {
  readonly status: 'ok';
  /** Finite values used. */
  readonly n: number;
  /** Non-finite values ignored. */
  readonly dropped: number;
  readonly probabilities: readonly number[];
  readonly values: readonly number[];
}

/** Minimum number of finite values for `quantiles`. */
export const QUANTILES_MIN_N = 1;

/** Type-7 quantiles of the finite values of `values` at each probability in `probabilities`. */
export function quantiles(
  values: ArrayLike<number>,
  probabilities: readonly number[],
): QuantilesResult | InsufficientData {
  const sorted = sortedFinite(values);
  if (sorted.length < QUANTILES_MIN_N)
    return insufficientData(sorted.length, QUANTILES_MIN_N, 'finite values');
  return {
    status: 'ok',
    n: sorted.length,
    dropped: values.length - sorted.length,
    probabilities: probabilities.slice(),
    values: probabilities.map((p) => quantileSorted(sorted, p)),
  };
}

/** Median (type 7) of the finite values; throws when there are none. */
export function median(values: ArrayLike<number>): number {
  return quantileSorted(sortedFinite(values), 0.5);
}
