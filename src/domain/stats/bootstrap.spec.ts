import { bootstrapCi } from './bootstrap';
import { mulberry32, normalSampler } from './rng';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('bootstrapCi', () => {
  const normal = normalSampler(mulberry32(55));
  const data = Array.from({ length: 200 }, () => 10 + 2 * normal());

  it('is reproducible for a seed and brackets the estimate', () => {
    const a = bootstrapCi(data, mean, { seed: 9, resamples: 1000 });
    const b = bootstrapCi(data, mean, { seed: 9, resamples: 1000 });
    const c = bootstrapCi(data, mean, { seed: 10, resamples: 1000 });
    if (a.status !== 'ok' || c.status !== 'ok') throw new Error('expected intervals');
    expect(b).toEqual(a);
    expect(c.lower).not.toBe(a.lower);
    expect(a.lower).toBeLessThan(a.estimate);
    expect(a.upper).toBeGreaterThan(a.estimate);
    // Width ≈ 2·1.96·σ/√n = 0.554 for the mean.
    expect(a.upper - a.lower).toBeGreaterThan(0.45);
    expect(a.upper - a.lower).toBeLessThan(0.66);
  });

  it('resamples whole groups: with identical rows per group, the interval widens accordingly', () => {
    // 10 groups of 20 identical values: effectively 10 observations, not 200.
    const groupValues = Array.from({ length: 10 }, () => normal());
    const rows = groupValues.flatMap((v) => Array.from({ length: 20 }, () => v));
    const groups = groupValues.flatMap((_, g) => Array.from({ length: 20 }, () => `day${g}`));
    const naive = bootstrapCi(rows, mean, { seed: 1, resamples: 1000 });
    const clustered = bootstrapCi(rows, mean, { seed: 1, resamples: 1000, groups });
    if (naive.status !== 'ok' || clustered.status !== 'ok') throw new Error('expected intervals');
    expect(clustered.units).toBe(10);
    expect(clustered.upper - clustered.lower).toBeGreaterThan(2.5 * (naive.upper - naive.lower));
  });

  it('insufficient with fewer than 2 units; non-finite statistics are counted', () => {
    expect(bootstrapCi([1], mean, { seed: 1 })).toEqual({
      status: 'insufficient_data',
      n: 1,
      minimum: 2,
      what: 'observations',
    });
    const r = bootstrapCi([1, 2, 3, 4], (s) => (s.includes(4) ? Number.NaN : mean(s)), {
      seed: 2,
      resamples: 200,
    });
    if (r.status !== 'ok') throw new Error('expected an interval');
    expect(r.nonFinite).toBeGreaterThan(0);
    expect(r.upper).toBeLessThanOrEqual(3);
  });
});
