// The typings travel with this module into every TypeScript project that compiles it (some, like
// the worker's, include no .d.ts from src/domain).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./jstat.d.ts" />
// The one adapter between src/domain/stats and jStat: every distribution function the statistics
// use comes from here, so the library is replaceable in one place.
import jStat from 'jstat';

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return jStat.normal.cdf(z, 0, 1);
}

/** Two-sided p-value of a standard normal statistic: 2·Φ(−|z|). */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return Math.min(1, 2 * jStat.normal.cdf(-Math.abs(z), 0, 1));
}

/** Standard normal quantile Φ⁻¹(p), p in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  if (p === 0.5) return 0;
  return jStat.normal.inv(p, 0, 1);
}

/** χ² CDF with `dof` degrees of freedom. */
export function chiSquareCdf(x: number, dof: number): number {
  if (!(dof > 0)) throw new RangeError(`chiSquareCdf: dof must be > 0, got ${dof}`);
  if (x <= 0) return 0;
  return jStat.chisquare.cdf(x, dof);
}

/**
 * Upper tail of the χ² distribution, P(X ≥ x): the p-value of a χ² statistic. Computed as
 * 1 − CDF, so values below about 1e-15 come back as 0 (double precision).
 */
export function chiSquareSf(x: number, dof: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const p = 1 - chiSquareCdf(x, dof);
  return Math.min(1, Math.max(0, p));
}

/** Two-sided p-value of a Student t statistic with `dof` degrees of freedom: 2·F(−|t|). */
export function studentTTwoSidedP(t: number, dof: number): number {
  if (!(dof > 0)) throw new RangeError(`studentTTwoSidedP: dof must be > 0, got ${dof}`);
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), dof));
}
