import { MannWhitneyResult, mannWhitneyExactDistribution, mannWhitneyU } from './mann-whitney';
import { NotComputed } from './result';
import { mulberry32 } from './rng';

function ok(r: MannWhitneyResult | NotComputed): MannWhitneyResult {
  if (r.status !== 'ok') throw new Error(`expected a result, got ${JSON.stringify(r)}`);
  return r;
}

/** U of x by counting all pairs: 1 for x > y, ½ for a tie. */
function bruteForceU(x: readonly number[], y: readonly number[]): number {
  let u = 0;
  for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0;
  return u;
}

// Two samples with ties (rounded to 0.1); reference p from scipy.stats.mannwhitneyu(method='asymptotic').
const A = [
  2.0, -2.6, 0.4, -0.6, -0.5, -0.2, -2.0, -0.2, -0.9, 3.3, 0.2, -0.4, -0.3, -0.7, -1.1, -0.4, 0.5,
  -0.2, 1.0, -0.2, 0.0, 1.5, 0.5, -0.5, -0.2, 0.5, 1.9, -0.3, -0.2, 1.0, -0.9, -0.3, 0.9, 0.6, 0.1,
  0.7, -2.8, 1.0, -1.0, -1.7,
];
const B = [
  0.8, 1.2, 0.1, -0.6, 0.5, 0.4, 1.9, 1.2, 0.7, 1.6, 0.3, -0.4, 1.1, 1.1, 0.3, -0.3, 0.7, -2.0, 1.2,
  1.0, -1.1, 0.6, -0.5, 1.3, -1.5, -0.4, 1.2, 1.7, -1.7, 0.0, 0.8, -0.1, 2.1, -0.7, 0.9,
];

describe('mannWhitneyU', () => {
  it('U equals the brute-force pair count on random small samples with ties', () => {
    const rng = mulberry32(11);
    for (let trial = 0; trial < 50; trial++) {
      const x = Array.from({ length: 2 + rng.int(9) }, () => rng.int(6));
      const y = Array.from({ length: 2 + rng.int(9) }, () => rng.int(6));
      const r = ok(mannWhitneyU(x, y, { method: 'asymptotic' }));
      expect(r.u1).toBeCloseTo(bruteForceU(x, y), 9);
      expect(r.u1 + r.u2).toBe(x.length * y.length);
    }
  });

  it('asymptotic p with ties and continuity correction matches the reference (0.04401)', () => {
    const r = ok(mannWhitneyU(A, B));
    expect(r.method).toBe('asymptotic');
    expect(r.hasTies).toBeTrue();
    expect(r.u1).toBe(510);
    expect(r.pValue).toBeCloseTo(0.04400787270252349, 8);
    expect(r.z).toBeLessThan(0); // A tends lower
    expect(r.commonLanguage).toBeCloseTo(510 / (40 * 35), 12);
  });

  it('small samples with ties fall back to the normal approximation (p = 0.5939)', () => {
    const r = ok(
      mannWhitneyU([1.1, 2.2, 2.2, 3.5, 4.0, 5.1, 6.3, 6.3, 7.0], [0.5, 2.2, 3.0, 3.0, 4.4, 8.1]),
    );
    expect(r.method).toBe('asymptotic');
    expect(r.u1).toBe(32);
    expect(r.pValue).toBeCloseTo(0.593899172940644, 8);
  });

  it('exact p for small samples without ties (5 vs 4: p = 1/9; 12 vs 10: p = 0.003436)', () => {
    const r = ok(mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]));
    expect(r.method).toBe('exact');
    expect(r.u1).toBe(17);
    expect(r.pValue).toBeCloseTo(1 / 9, 12);
    const big = ok(
      mannWhitneyU(
        [0.8, 1.9, 3.1, 4.6, 5.2, 6.7, 7.3, 9.0, 9.9, 10.4, 11.2, 12.8],
        [2.4, 6.1, 13.5, 14.2, 15.0, 15.9, 16.6, 17.7, 18.3, 19.8],
      ),
    );
    expect(big.u1).toBe(17);
    expect(big.pValue).toBeCloseTo(0.003436192290681455, 10);
  });

  it('normal approximation without continuity correction (p = 0.08641)', () => {
    const r = ok(
      mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12], {
        method: 'asymptotic',
        continuity: false,
      }),
    );
    expect(r.pValue).toBeCloseTo(0.0864107329737, 9);
  });

  it('exact null distribution sums to 1, is symmetric, and matches brute-force enumeration for 3 vs 2', () => {
    const d = mannWhitneyExactDistribution(3, 2);
    // C(5,2) = 10 arrangements; U counts: 0:1, 1:1, 2:2, 3:2, 4:2, 5:1, 6:1.
    expect(Array.from(d, (p) => Math.round(p * 10))).toEqual([1, 1, 2, 2, 2, 1, 1]);
    const e = mannWhitneyExactDistribution(7, 9);
    expect(e.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (let u = 0; u < e.length; u++) expect(e[u]).toBeCloseTo(e[e.length - 1 - u], 14);
  });

  it('all values equal gives p = 1; identical samples give p = 1', () => {
    expect(ok(mannWhitneyU([1, 1, 1], [1, 1])).pValue).toBe(1);
    expect(ok(mannWhitneyU([1, 2, 3, 4], [1, 2, 3, 4])).pValue).toBe(1);
  });

  it('insufficient data below 2 values per sample; non-finite values are dropped', () => {
    expect(mannWhitneyU([1], [1, 2, 3])).toEqual({
      status: 'insufficient_data',
      n: 1,
      minimum: 2,
      what: 'values in the smaller sample',
    });
    const r = ok(mannWhitneyU([1, 2, Number.NaN], [3, 4, Number.POSITIVE_INFINITY]));
    expect(r.dropped).toBe(2);
    expect(r.n1).toBe(2);
  });

  it('the exact method refuses ties', () => {
    expect(() => mannWhitneyU([1, 2, 2], [3, 4], { method: 'exact' })).toThrowError(RangeError);
  });
});
