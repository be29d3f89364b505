import { cohensD } from './effect-size';

describe('cohensD', () => {
  it('by hand: (1..5) vs (3..7): means 3 and 5, both variances 2.5, d = −2/√2.5', () => {
    const r = cohensD([1, 2, 3, 4, 5], [3, 4, 5, 6, 7]);
    if (r.status !== 'ok') throw new Error('expected d');
    expect(r.d).toBeCloseTo(-2 / Math.sqrt(2.5), 12);
    expect(r.pooledSd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(r.hedgesG).toBeCloseTo((-2 / Math.sqrt(2.5)) * (1 - 3 / 31), 12);
  });

  it('pools unequal sizes and variances by degrees of freedom', () => {
    // x: mean 2, SS = 2 (n = 3); y: mean 10, SS = 100 + 25 + 0 + 25 + 100 = 250 (n = 5) → s_p = √(252/6).
    const r = cohensD([1, 2, 3], [0, 5, 10, 15, 20]);
    if (r.status !== 'ok') throw new Error('expected d');
    expect(r.d).toBeCloseTo(-8 / Math.sqrt(252 / 6), 12);
  });

  it('insufficient below 2 values per sample; zero pooled spread is degenerate', () => {
    expect(cohensD([1], [1, 2])).toEqual({
      status: 'insufficient_data',
      n: 1,
      minimum: 2,
      what: 'values in the smaller sample',
    });
    expect(cohensD([3, 3], [4, 4, Number.NaN])).toEqual({
      status: 'degenerate',
      reason: 'zero pooled standard deviation',
    });
  });
});
