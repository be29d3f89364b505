// Spearman rank correlation: Pearson's r of the average ranks (ties handled by midranks).
// p-value (two-sided) from t = ρ·√((n − 2)/(1 − ρ²)) with n − 2 degrees of freedom, the usual
// approximation (as in R's cor.test(exact = FALSE) and SciPy's spearmanr). Used to compare driver
// importance orderings between time buckets or level kinds.
import { studentTTwoSidedP } from './distributions';
import { averageRanks } from './ranks';
import {
  Degenerate,
  InsufficientData,
  assertSameLength,
  degenerate,
  insufficientData,
} from './result';

/** Minimum complete pairs. */
export const SPEARMAN_MIN_N = 3;

export interface CorrelationResult {
  readonly status: 'ok';
  readonly rho: number;
  readonly pValue: number;
  readonly n: number;
  /** Pairs left out because a value was not finite. */
  readonly dropped: number;
}

/** Pearson correlation of two equal-length arrays (no checks beyond zero variance). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

export function spearman(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): CorrelationResult | InsufficientData | Degenerate {
  assertSameLength('spearman', x, y);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      a.push(x[i]);
      b.push(y[i]);
    }
  }
  const n = a.length;
  if (n < SPEARMAN_MIN_N) return insufficientData(n, SPEARMAN_MIN_N, 'complete pairs');
  const rho = pearson(averageRanks(a).ranks, averageRanks(b).ranks);
  if (Number.isNaN(rho)) return degenerate('a variable is constant');
  const clamped = Math.max(-1, Math.min(1, rho));
  const t =
    Math.abs(clamped) === 1
      ? Number.POSITIVE_INFINITY
      : clamped * Math.sqrt((n - 2) / (1 - clamped * clamped));
  return {
    status: 'ok',
    rho: clamped,
    pValue: studentTTwoSidedP(t, n - 2),
    n,
    dropped: x.length - n,
  };
}
