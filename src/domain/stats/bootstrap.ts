// Percentile bootstrap confidence interval with a seeded generator. With `groups`, whole groups
// (e.g. session dates) are resampled with replacement instead of single observations (cluster
// bootstrap), which respects the dependence between observations of the same day.
import { GroupKey, compareKeys } from './folds';
import { quantileSorted } from './quantile';
import { InsufficientData, insufficientData } from './result';
import { mulberry32 } from './rng';

export interface BootstrapOptions {
  readonly seed: number;
  /** Number of resamples. Default 2000. */
  readonly resamples?: number;
  /** Confidence level. Default 0.95. */
  readonly level?: number;
  /** Group key per observation; when given, groups are the resampling unit. */
  readonly groups?: readonly GroupKey[];
}

/** Minimum number of resampling units (observations, or groups when `groups` is given). */
export const BOOTSTRAP_MIN_UNITS = 2;

export interface BootstrapResult {
  readonly status: 'ok';
  /** The statistic on the original data. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly resamples: number;
  /** Resamples whose statistic was not finite (left out of the quantiles). */
  readonly nonFinite: number;
  readonly units: number;
  readonly seed: number;
  readonly method: 'percentile';
}

/**
 * `statistic` receives the resampled observations (a new array each time). The interval is the
 * type-7 (α/2, 1 − α/2) quantiles of the finite resampled statistics.
 */
export function bootstrapCi<T>(
  data: readonly T[],
  statistic: (sample: readonly T[]) => number,
  options: BootstrapOptions,
): BootstrapResult | InsufficientData {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  if (!(Number.isInteger(resamples) && resamples >= 1))
    throw new RangeError(`bootstrapCi: resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1))
    throw new RangeError(`bootstrapCi: level must be in (0, 1), got ${level}`);
  let units: number[][];
  if (options.groups) {
    if (options.groups.length !== data.length)
      throw new RangeError('bootstrapCi: groups and data differ in length');
    const byGroup = new Map<GroupKey, number[]>();
    options.groups.forEach((g, i) => {
      const list = byGroup.get(g);
      if (list) list.push(i);
      else byGroup.set(g, [i]);
    });
    // Sorted keys so the resampling does not depend on input order of groups.
    units = [...byGroup.keys()].sort(compareKeys).map((k) => byGroup.get(k) ?? []);
  } else {
    units = data.map((_, i) => [i]);
  }
  if (units.length < BOOTSTRAP_MIN_UNITS)
    return insufficientData(
      units.length,
      BOOTSTRAP_MIN_UNITS,
      options.groups ? 'groups' : 'observations',
    );
  const rng = mulberry32(options.seed);
  const stats: number[] = [];
  let nonFinite = 0;
  for (let r = 0; r < resamples; r++) {
    const sample: T[] = [];
    for (let u = 0; u < units.length; u++) {
      for (const i of units[rng.int(units.length)]) sample.push(data[i]);
    }
    const s = statistic(sample);
    if (Number.isFinite(s)) stats.push(s);
    else nonFinite++;
  }
  const estimate = statistic(data);
  if (stats.length === 0) return insufficientData(0, 1, 'finite bootstrap statistics');
  const sorted = Float64Array.from(stats).sort();
  const alpha = 1 - level;
  return {
    status: 'ok',
    estimate,
    lower: quantileSorted(sorted, alpha / 2),
    upper: quantileSorted(sorted, 1 - alpha / 2),
    level,
    resamples,
    nonFinite,
    units: units.length,
    seed: options.seed,
    method: 'percentile',
  };
}
