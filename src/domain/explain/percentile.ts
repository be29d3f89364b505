/**
 * Empirical percentiles from stored quantiles (historical_stats.json keeps, per stratum, the
 * values of every feature and driver reading at a fixed list of probabilities).
 */

/**
 * The percentile (0–100) of `x` in a distribution known by its quantiles: `values[k]` is the
 * quantile at probability `levels[k]` (both ascending, same length ≥ 2). Between two stored
 * quantiles the probability is interpolated linearly; on a flat stretch (several levels with the
 * same value, e.g. an integer feature) a value equal to it gets the middle of the stretch; below
 * the first stored value → 100·levels[0], above the last → 100·levels[last].
 */
export function percentileOf(
  x: number,
  levels: readonly number[],
  values: readonly number[],
): number {
  const n = values.length;
  if (n === 0 || levels.length !== n)
    throw new RangeError('levels and values must be non-empty and of equal length');
  if (Number.isNaN(x)) return 50;
  if (x < values[0]) return 100 * levels[0];
  if (x > values[n - 1]) return 100 * levels[n - 1];
  // first index with values[i] >= x and last index with values[j] <= x
  let lo = 0;
  while (lo < n && values[lo] < x) lo++;
  let hi = n - 1;
  while (hi >= 0 && values[hi] > x) hi--;
  if (lo <= hi) {
    // x equals values[lo … hi]: the middle of the flat stretch
    return 100 * ((levels[lo] + levels[hi]) / 2);
  }
  // values[hi] < x < values[lo], hi = lo − 1
  const v0 = values[hi];
  const v1 = values[lo];
  const t = (x - v0) / (v1 - v0);
  return 100 * (levels[hi] + t * (levels[lo] - levels[hi]));
}

/** The value at probability `p` by linear interpolation between stored quantiles. */
export function quantileAt(
  p: number,
  levels: readonly number[],
  values: readonly number[],
): number {
  const n = values.length;
  if (n === 0 || levels.length !== n)
    throw new RangeError('levels and values must be non-empty and of equal length');
  if (p <= levels[0]) return values[0];
  if (p >= levels[n - 1]) return values[n - 1];
  let k = 1;
  while (levels[k] < p) k++;
  const t = (p - levels[k - 1]) / (levels[k] - levels[k - 1]);
  return values[k - 1] + t * (values[k] - values[k - 1]);
}

/** "top 12%" for a high percentile, "bottom 8%" for a low one (never 0%). */
export function rankPhrase(percentile: number): string {
  if (percentile >= 50) return `top ${Math.max(1, Math.round(100 - percentile))}%`;
  return `bottom ${Math.max(1, Math.round(percentile))}%`;
}
