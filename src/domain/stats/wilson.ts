// Wilson score interval for a binomial proportion (Wilson 1927), without continuity correction:
// centre (p̂ + z²/2n)/(1 + z²/n), half-width z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n), z = Φ⁻¹(1 − α/2).
import { normalQuantile } from './distributions';
import { InsufficientData, insufficientData } from './result';

export interface ProportionInterval {
  readonly status: 'ok';
  readonly successes: number;
  readonly n: number;
  readonly proportion: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}

/** Minimum number of trials for a Wilson interval. */
export const WILSON_MIN_N = 1;

export function wilsonInterval(
  successes: number,
  n: number,
  level = 0.95,
): ProportionInterval | InsufficientData {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: need integers 0 ≤ successes ≤ n, got ${successes}/${n}`);
  }
  if (!(level > 0 && level < 1))
    throw new RangeError(`wilsonInterval: level must be in (0, 1), got ${level}`);
  if (n < WILSON_MIN_N) return insufficientData(n, WILSON_MIN_N, 'trials');
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const p = successes / n;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return {
    status: 'ok',
    successes,
    n,
    proportion: p,
    // At p̂ = 0 or 1 the bound is exactly 0 or 1; clamp away rounding.
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
    level,
  };
}
