// Cohen's d with the pooled standard deviation:
//   d = (x̄₁ − x̄₂) / s_p,  s_p = √(((n₁−1)s₁² + (n₂−1)s₂²) / (n₁+n₂−2))  (s² with the n − 1 divisor)
// Hedges' g multiplies d by the small-sample factor J = 1 − 3/(4(n₁+n₂) − 9).
import { Degenerate, InsufficientData, degenerate, insufficientData } from './result';

/** Minimum size of each sample. */
export const COHENS_D_MIN_N = 2;

export interface CohensDResult {
  readonly status: 'ok';
  readonly d: number;
  readonly hedgesG: number;
  readonly mean1: number;
  readonly mean2: number;
  readonly pooledSd: number;
  readonly n1: number;
  readonly n2: number;
}

function meanAndSumSq(values: readonly number[]): { mean: number; ss: number } {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, ss };
}

/** Cohen's d of sample 1 against sample 2 (non-finite values ignored). */
export function cohensD(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): CohensDResult | InsufficientData | Degenerate {
  const a = Array.from(x).filter(Number.isFinite);
  const b = Array.from(y).filter(Number.isFinite);
  const n1 = a.length;
  const n2 = b.length;
  if (Math.min(n1, n2) < COHENS_D_MIN_N)
    return insufficientData(Math.min(n1, n2), COHENS_D_MIN_N, 'values in the smaller sample');
  const s1 = meanAndSumSq(a);
  const s2 = meanAndSumSq(b);
  const pooledSd = Math.sqrt((s1.ss + s2.ss) / (n1 + n2 - 2));
  if (pooledSd === 0) return degenerate('zero pooled standard deviation');
  const d = (s1.mean - s2.mean) / pooledSd;
  return {
    status: 'ok',
    d,
    hedgesG: d * (1 - 3 / (4 * (n1 + n2) - 9)),
    mean1: s1.mean,
    mean2: s2.mean,
    pooledSd,
    n1,
    n2,
  };
}
