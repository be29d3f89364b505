// Mann–Whitney U test (Wilcoxon rank-sum), two-sided.
//   U₁ = R₁ − n₁(n₁+1)/2 (R₁: sum of sample 1's average ranks in the pooled sample), U₂ = n₁n₂ − U₁.
//   Normal approximation: μ = n₁n₂/2, σ² = n₁n₂/12 · ((N+1) − Σ(t³−t)/(N(N−1))) (tie correction),
//   z = (|U₁ − μ| − ½)/σ with the continuity correction (clamped at 0), p = 2·Φ(−|z|).
//   Exact (no ties, small samples): the null distribution of U by the Mann–Whitney recurrence,
//   p = min(1, 2·min(P(U ≤ U₁), P(U ≥ U₁))).
import { normalTwoSidedP } from './distributions';
import { averageRanks } from './ranks';
import { InsufficientData, insufficientData } from './result';

export type MannWhitneyMethod = 'auto' | 'asymptotic' | 'exact';

export interface MannWhitneyOptions {
  /** 'auto' (default): exact when there are no ties and both samples have ≤ MANN_WHITNEY_EXACT_MAX_N values. */
  readonly method?: MannWhitneyMethod;
  /** Continuity correction in the normal approximation. Default true. */
  readonly continuity?: boolean;
}

/** Minimum size of each sample. */
export const MANN_WHITNEY_MIN_N = 2;
/** Largest sample size for which 'auto' uses the exact distribution. */
export const MANN_WHITNEY_EXACT_MAX_N = 20;

export interface MannWhitneyResult {
  readonly status: 'ok';
  readonly n1: number;
  readonly n2: number;
  /** U of the first sample: #(x > y) + ½·#(x = y) over all pairs. */
  readonly u1: number;
  readonly u2: number;
  /** z of the normal approximation (sign: positive when sample 1 tends larger); 0 for 'exact'. */
  readonly z: number;
  readonly pValue: number;
  readonly method: 'asymptotic' | 'exact';
  /** P(X > Y) + ½·P(X = Y) = U₁/(n₁n₂), the common-language effect size (an AUC). */
  readonly commonLanguage: number;
  /** Rank-biserial correlation 2·U₁/(n₁n₂) − 1, in [−1, 1]. */
  readonly rankBiserial: number;
  readonly hasTies: boolean;
  /** Non-finite values ignored. */
  readonly dropped: number;
}

function finiteValues(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]);
  return out;
}

export function mannWhitneyU(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: MannWhitneyOptions = {},
): MannWhitneyResult | InsufficientData {
  const a = finiteValues(x);
  const b = finiteValues(y);
  const n1 = a.length;
  const n2 = b.length;
  if (Math.min(n1, n2) < MANN_WHITNEY_MIN_N)
    return insufficientData(Math.min(n1, n2), MANN_WHITNEY_MIN_N, 'values in the smaller sample');
  const { ranks, tieTerm, hasTies } = averageRanks([...a, ...b]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const method = options.method ?? 'auto';
  const useExact =
    method === 'exact' ||
    (method === 'auto' && !hasTies && Math.max(n1, n2) <= MANN_WHITNEY_EXACT_MAX_N);
  if (useExact && hasTies)
    throw new RangeError('mannWhitneyU: the exact method needs samples without ties');
  let z = 0;
  let pValue: number;
  if (useExact) {
    pValue = exactTwoSidedP(u1, n1, n2);
  } else {
    const N = n1 + n2;
    const mu = (n1 * n2) / 2;
    const variance = ((n1 * n2) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
    if (variance <= 0) {
      // Every value equal: no evidence either way.
      pValue = 1;
    } else {
      const correction = options.continuity === false ? 0 : 0.5;
      const dev = Math.max(0, Math.abs(u1 - mu) - correction);
      z = (Math.sign(u1 - mu) * dev) / Math.sqrt(variance);
      pValue = normalTwoSidedP(z);
    }
  }
  return {
    status: 'ok',
    n1,
    n2,
    u1,
    u2,
    z,
    pValue,
    method: useExact ? 'exact' : 'asymptotic',
    commonLanguage: u1 / (n1 * n2),
    rankBiserial: (2 * u1) / (n1 * n2) - 1,
    hasTies,
    dropped: x.length + y.length - n1 - n2,
  };
}

/**
 * Null distribution of U for sizes (m, n) without ties: counts c(u) of arrangements with U = u, by
 * the recurrence c_{m,n}(u) = c_{m−1,n}(u − n) + c_{m,n−1}(u), as probabilities.
 */
export function mannWhitneyExactDistribution(m: number, n: number): Float64Array {
  // table[j][u] for the current m, j = 0..n (second-sample size).
  let prev: Float64Array[] = Array.from({ length: n + 1 }, () => Float64Array.of(1)); // m = 0: U ≡ 0
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [Float64Array.of(1)]; // n = 0: U ≡ 0
    for (let j = 1; j <= n; j++) {
      const size = i * j + 1;
      const row = new Float64Array(size);
      const left = cur[j - 1]; // (i, j − 1)
      const up = prev[j]; // (i − 1, j)
      for (let u = 0; u < left.length; u++) row[u] += left[u];
      for (let u = 0; u < up.length; u++) row[u + j] += up[u];
      cur.push(row);
    }
    prev = cur;
  }
  const counts = prev[n];
  let total = 0;
  for (const c of counts) total += c;
  return counts.map((c) => c / total);
}

function exactTwoSidedP(u1: number, n1: number, n2: number): number {
  const dist = mannWhitneyExactDistribution(n1, n2);
  let lower = 0;
  let upper = 0;
  for (let u = 0; u < dist.length; u++) {
    if (u <= u1) lower += dist[u];
    if (u >= u1) upper += dist[u];
  }
  return Math.min(1, 2 * Math.min(lower, upper));
}
