import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('repeats for a seed and differs across seeds', () => {
    const draw = (seed: number): number[] => {
      const r = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });

  it('shuffles into a permutation with roughly uniform positions', () => {
    const r = new SeededRandom(9);
    const counts = new Array<number>(4).fill(0);
    for (let t = 0; t < 4000; t++) {
      const p = r.shuffle(Int32Array.from([0, 1, 2, 3]));
      expect(Array.from(p).sort()).toEqual([0, 1, 2, 3]);
      counts[p[0]]++;
    }
    counts.forEach((c) => expect(c).toBeGreaterThan(900));
  });

  it('refuses a non-finite seed', () => {
    expect(() => new SeededRandom(Number.NaN)).toThrowError(/seed/);
  });
});
