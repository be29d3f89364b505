// Seeded Monte-Carlo permutation test.
//   p = (1 + #{b : T_b ≥ T_obs}) / (1 + B)    (Phipson & Smyth 2010: never 0, valid at any B)
// T_b is the statistic on the b-th random permutation. 'two-sided' compares |T|, 'less' compares −T.
// A permuted statistic counts as "≥" when T_b ≥ T_obs − 1e-12·max(1, |T_obs|), so floating-point
// noise in a statistic that is equal by construction does not lower the count.
import { GroupKey, compareKeys } from './folds';
import { mulberry32, shuffleInPlace } from './rng';

export type Alternative = 'greater' | 'less' | 'two-sided';

export interface PermutationOptions {
  /** Number of random permutations B. */
  readonly permutations: number;
  readonly seed: number;
  /** Default 'greater' (large statistics are evidence against the null). */
  readonly alternative?: Alternative;
  /** Stratum per observation: indices are only permuted within their stratum (e.g. within a day). */
  readonly strata?: readonly GroupKey[];
}

export interface PermutationResult {
  readonly observed: number;
  readonly pValue: number;
  /** #{T_b ≥ T_obs} (on the scale given by the alternative). */
  readonly exceedances: number;
  readonly permutations: number;
  /** Permutations whose statistic was NaN (counted as not exceeding). */
  readonly nonFinite: number;
  readonly seed: number;
  readonly alternative: Alternative;
}

const RELATIVE_TOLERANCE = 1e-12;

function oriented(value: number, alternative: Alternative): number {
  return alternative === 'two-sided' ? Math.abs(value) : alternative === 'less' ? -value : value;
}

/**
 * Core: `statistic(perm)` receives a permutation of 0..n−1 (identity for the observed value; the
 * same buffer is reused between calls, so copy it if you keep it). Observation i takes the role of
 * observation perm[i].
 */
export function permutationTestIndices(
  n: number,
  statistic: (perm: Uint32Array) => number,
  options: PermutationOptions,
): PermutationResult {
  const B = options.permutations;
  if (!(Number.isInteger(B) && B >= 1))
    throw new RangeError(`permutationTest: permutations must be a positive integer, got ${B}`);
  if (options.strata && options.strata.length !== n)
    throw new RangeError('permutationTest: strata length differs from n');
  const alternative = options.alternative ?? 'greater';
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const observed = statistic(perm);
  if (Number.isNaN(observed)) throw new RangeError('permutationTest: observed statistic is NaN');
  const target = oriented(observed, alternative);
  const tolerance = RELATIVE_TOLERANCE * Math.max(1, Math.abs(target));

  // Strata: lists of positions that are shuffled among themselves, in sorted key order.
  const strata: Uint32Array[] = [];
  if (options.strata) {
    const byKey = new Map<GroupKey, number[]>();
    options.strata.forEach((k, i) => {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    });
    for (const key of [...byKey.keys()].sort(compareKeys))
      strata.push(Uint32Array.from(byKey.get(key) ?? []));
  }

  const rng = mulberry32(options.seed);
  let exceedances = 0;
  let nonFinite = 0;
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) perm[i] = i;
    if (strata.length === 0) {
      shuffleInPlace(perm, rng);
    } else {
      for (const positions of strata) {
        const values = Uint32Array.from(positions);
        shuffleInPlace(values, rng);
        for (let k = 0; k < positions.length; k++) perm[positions[k]] = values[k];
      }
    }
    const t = statistic(perm);
    if (Number.isNaN(t)) nonFinite++;
    else if (oriented(t, alternative) >= target - tolerance) exceedances++;
  }
  return {
    observed,
    pValue: (1 + exceedances) / (1 + B),
    exceedances,
    permutations: B,
    nonFinite,
    seed: options.seed,
    alternative,
  };
}

/**
 * Permutes `labels` and evaluates `statistic` on each permuted copy; the observed value uses the
 * labels as given. A new array is passed to each call.
 */
export function permutationTest<L>(
  labels: readonly L[],
  statistic: (permutedLabels: readonly L[]) => number,
  options: PermutationOptions,
): PermutationResult {
  return permutationTestIndices(
    labels.length,
    (perm) => statistic(Array.from(perm, (j) => labels[j])),
    options,
  );
}
