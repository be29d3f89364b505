// Minimal typings for the parts of jStat (https://github.com/jstat/jstat, MIT) this project uses.
// jStat ships no type declarations. Only `distributions.ts` imports the library; everything else in
// src/domain/stats goes through that adapter.
declare module 'jstat' {
  interface JStatContinuousDistribution1 {
    pdf(x: number, dof: number): number;
    cdf(x: number, dof: number): number;
    inv(p: number, dof: number): number;
  }

  interface JStatLocationScaleDistribution {
    pdf(x: number, mean: number, std: number): number;
    cdf(x: number, mean: number, std: number): number;
    inv(p: number, mean: number, std: number): number;
  }

  interface JStatStatic {
    readonly chisquare: JStatContinuousDistribution1;
    readonly studentt: JStatContinuousDistribution1;
    readonly normal: JStatLocationScaleDistribution;
    /** Lower regularised incomplete gamma function P(a, x). */
    lowRegGamma(a: number, x: number): number;
    /** Regularised incomplete beta function I_x(a, b). */
    ibeta(x: number, a: number, b: number): number;
    gammaln(x: number): number;
  }

  const jStat: JStatStatic;
  export default jStat;
}
