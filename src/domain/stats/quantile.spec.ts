import { median, quantileSorted, quantiles, sortedFinite } from './quantile';

describe('quantiles (type 7)', () => {
  it('matches R quantile(type = 7) / NumPy linear on (3, 1, 4, 1, 5, 9, 2, 6)', () => {
    const r = quantiles([3, 1, 4, 1, 5, 9, 2, 6], [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]);
    if (r.status !== 'ok') throw new Error('expected quantiles');
    const expected = [1, 1, 1.75, 3.5, 5.25, 6.9, 9];
    r.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('by hand: h = (n − 1)p, so p = 0.75 of (10, 20, 30, 40) is 30 + 0.25·10', () => {
    expect(quantileSorted([10, 20, 30, 40], 0.75)).toBeCloseTo(32.5, 12);
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(median([5, 1, 3, Number.NaN])).toBe(3);
  });

  it('drops non-finite values and reports them', () => {
    const r = quantiles([1, Number.NaN, 2, Number.POSITIVE_INFINITY, 3], [0.5]);
    expect(r).toEqual({ status: 'ok', n: 3, dropped: 2, probabilities: [0.5], values: [2] });
    expect(Array.from(sortedFinite([3, -1, Number.NaN, 2]))).toEqual([-1, 2, 3]);
  });

  it('no finite value is insufficient data; bad p throws', () => {
    expect(quantiles([Number.NaN], [0.5])).toEqual({
      status: 'insufficient_data',
      n: 0,
      minimum: 1,
      what: 'finite values',
    });
    expect(() => quantileSorted([], 0.5)).toThrowError(RangeError);
    expect(() => quantileSorted([1, 2], 1.5)).toThrowError(RangeError);
  });
});
