import { percentileOf, quantileAt, rankPhrase } from './percentile';

describe('percentileOf (empirical percentile from stored quantiles)', () => {
  const levels = [0, 0.25, 0.5, 0.75, 1];
  const values = [0, 10, 20, 40, 100];

  it('interpolates linearly between stored quantiles', () => {
    expect(percentileOf(10, levels, values)).toBeCloseTo(25, 12);
    expect(percentileOf(15, levels, values)).toBeCloseTo(37.5, 12);
    expect(percentileOf(30, levels, values)).toBeCloseTo(62.5, 12);
    expect(percentileOf(70, levels, values)).toBeCloseTo(87.5, 12);
  });

  it('clamps outside the stored range to the end probabilities', () => {
    expect(percentileOf(-5, levels, values)).toBe(0);
    expect(percentileOf(500, levels, values)).toBe(100);
    expect(percentileOf(5, [0.01, 0.99], [0, 10])).toBeCloseTo(50, 12);
    expect(percentileOf(-1, [0.01, 0.99], [0, 10])).toBeCloseTo(1, 12);
  });

  it('gives the middle of a flat stretch (integer features)', () => {
    const lv = [0, 0.2, 0.4, 0.6, 0.8, 1];
    const v = [1, 1, 1, 2, 2, 3];
    expect(percentileOf(1, lv, v)).toBeCloseTo(20, 12);
    expect(percentileOf(2, lv, v)).toBeCloseTo(70, 12);
    expect(percentileOf(1.5, lv, v)).toBeCloseTo(50, 12);
  });

  it('is monotone in x', () => {
    let last = -1;
    for (let x = -10; x <= 110; x += 0.5) {
      const p = percentileOf(x, levels, values);
      expect(p).toBeGreaterThanOrEqual(last);
      last = p;
    }
  });

  it('inverts quantileAt on a strictly increasing table', () => {
    for (const p of [0.1, 0.33, 0.5, 0.9]) {
      expect(percentileOf(quantileAt(p, levels, values), levels, values)).toBeCloseTo(100 * p, 10);
    }
  });

  it('refuses mismatched tables', () => {
    expect(() => percentileOf(1, [0, 1], [1])).toThrowError(RangeError);
  });
});

describe('rankPhrase', () => {
  it('names the tail', () => {
    expect(rankPhrase(88)).toBe('top 12%');
    expect(rankPhrase(8.4)).toBe('bottom 8%');
    expect(rankPhrase(100)).toBe('top 1%');
    expect(rankPhrase(0)).toBe('bottom 1%');
  });
});
