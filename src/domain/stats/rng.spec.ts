import { deriveSeed, mulberry32, normalSampler, randomPermutation, shuffled } from './rng';

describe('mulberry32', () => {
  it('is a pure function of the seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
  });

  it('pins the reference sequence (any change to the generator changes every seeded result)', () => {
    const rng = mulberry32(1);
    const first = Array.from({ length: 3 }, () => Math.round(rng.next() * 4294967296));
    // The reference mulberry32 outputs for seed 1 (also reproduced by an independent implementation).
    expect(first).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('draws uniform integers without bias across buckets', () => {
    const rng = mulberry32(7);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[rng.int(6)]++;
    // Expected 10000 each, sd ≈ 91; 6 sd would be a broken generator.
    counts.forEach((c) => expect(Math.abs(c - 10000)).toBeLessThan(550));
    expect(() => rng.int(0)).toThrowError(RangeError);
  });

  it('shuffles into a permutation, reproducibly', () => {
    const p = randomPermutation(50, mulberry32(3));
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(randomPermutation(50, mulberry32(3)))).toEqual(Array.from(p));
    expect(shuffled(['a', 'b', 'c', 'd'], mulberry32(9)).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('every position is equally likely after a shuffle of 4', () => {
    const rng = mulberry32(21);
    const firstIs = [0, 0, 0, 0];
    for (let t = 0; t < 8000; t++) firstIs[randomPermutation(4, rng)[0]]++;
    firstIs.forEach((c) => expect(Math.abs(c - 2000)).toBeLessThan(240)); // sd ≈ 39
  });

  it('normal draws have mean ≈ 0 and variance ≈ 1', () => {
    const draw = normalSampler(mulberry32(8));
    const xs = Array.from({ length: 20000 }, draw);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });

  it('derives distinct seeds per label', () => {
    expect(deriveSeed(1, 'sigma_s_x_proximity')).toBe(deriveSeed(1, 'sigma_s_x_proximity'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(1, 'b'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(2, 'a'));
  });
});
