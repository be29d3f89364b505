import { pearson, spearman } from './correlation';
import { studentTTwoSidedP } from './distributions';

describe('spearman', () => {
  it('textbook example (IQ vs hours of TV, n = 10): ρ = −29/165, p = 0.6272', () => {
    const iq = [86, 97, 99, 100, 101, 103, 106, 110, 112, 113];
    const tv = [2, 20, 28, 27, 50, 29, 7, 17, 6, 12];
    const r = spearman(iq, tv);
    if (r.status !== 'ok') throw new Error('expected ρ');
    expect(r.rho).toBeCloseTo(-29 / 165, 12);
    expect(r.pValue).toBeCloseTo(0.6271883447764846, 8);
  });

  it('uses midranks for ties (ρ = 0.86668, p = 0.005347)', () => {
    const r = spearman([1, 2, 2, 3, 4, 5, 5, 6], [2, 1, 4, 3, 6, 5, 7, 7]);
    if (r.status !== 'ok') throw new Error('expected ρ');
    expect(r.rho).toBeCloseTo(0.8666825838483473, 10);
    expect(r.pValue).toBeCloseTo(0.005347287256224279, 8);
  });

  it('monotone data give ±1 with p = 0; edge cases', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toEqual({
      status: 'ok',
      rho: 1,
      pValue: 0,
      n: 4,
      dropped: 0,
    });
    expect(spearman([1, 2], [2, 1])).toEqual({
      status: 'insufficient_data',
      n: 2,
      minimum: 3,
      what: 'complete pairs',
    });
    expect(spearman([1, 1, 1], [1, 2, 3])).toEqual({
      status: 'degenerate',
      reason: 'a variable is constant',
    });
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 14);
  });
});

describe('studentTTwoSidedP', () => {
  it('t = 2.5 with 7 dof → 0.04099', () => {
    expect(studentTTwoSidedP(2.5, 7)).toBeCloseTo(0.04099221858575289, 9);
    expect(studentTTwoSidedP(-2.5, 7)).toBeCloseTo(0.04099221858575289, 9);
    // jStat's incomplete beta is good to about 1e-7 relative.
    expect(studentTTwoSidedP(0, 3)).toBeCloseTo(1, 6);
  });
});
