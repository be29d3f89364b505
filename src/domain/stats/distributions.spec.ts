import {
  chiSquareCdf,
  chiSquareSf,
  normalCdf,
  normalQuantile,
  normalTwoSidedP,
} from './distributions';

describe('distributions (jStat adapter)', () => {
  it('χ² tail probabilities at textbook critical values', () => {
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 9);
    expect(chiSquareSf(5.991464547107979, 2)).toBeCloseTo(0.05, 9);
    expect(chiSquareSf(15.50731305586545, 8)).toBeCloseTo(0.05, 9);
    expect(chiSquareSf(6.6348966010212145, 1)).toBeCloseTo(0.01, 9);
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareCdf(-1, 3)).toBe(0);
    // 2 dof: the survival function is exp(−x/2).
    expect(chiSquareSf(7.3, 2)).toBeCloseTo(Math.exp(-3.65), 12);
  });

  it('normal CDF, quantile and two-sided p', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 9);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalTwoSidedP(1.959963984540054)).toBeCloseTo(0.05, 9);
    expect(normalTwoSidedP(-3)).toBeCloseTo(0.0026997960632601866, 10);
    expect(normalTwoSidedP(0)).toBe(1);
    expect(() => normalQuantile(1)).toThrowError(RangeError);
  });
});
