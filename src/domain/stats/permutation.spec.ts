import { permutationTest, permutationTestIndices } from './permutation';
import { mulberry32, normalSampler } from './rng';

/** Difference in mean value between label 1 and label 0. */
function meanDifference(values: readonly number[]): (labels: readonly number[]) => number {
  return (labels) => {
    let s1 = 0;
    let n1 = 0;
    let s0 = 0;
    let n0 = 0;
    labels.forEach((l, i) => {
      if (l === 1) {
        s1 += values[i];
        n1++;
      } else {
        s0 += values[i];
        n0++;
      }
    });
    return s1 / n1 - s0 / n0;
  };
}

describe('permutationTest', () => {
  const draw = normalSampler(mulberry32(100));
  const labels = Array.from({ length: 60 }, (_, i) => (i < 30 ? 1 : 0));
  const shifted = labels.map((l) => draw() + (l === 1 ? 1.2 : 0));

  it('gives the same p-value, bit for bit, for the same seed', () => {
    const run = (seed: number): number =>
      permutationTest(labels, meanDifference(shifted), { permutations: 499, seed }).pValue;
    const p = run(17);
    expect(run(17)).toBe(p);
    expect(Object.is(run(17), p)).toBeTrue();
    // A different seed draws different permutations (the null values differ even if p may not).
    const nullValues = (seed: number): number[] => {
      const seen: number[] = [];
      permutationTestIndices(
        10,
        (perm) => {
          seen.push(perm[0]);
          return 0;
        },
        { permutations: 20, seed },
      );
      return seen.slice(1);
    };
    expect(nullValues(1)).toEqual(nullValues(1));
    expect(nullValues(1)).not.toEqual(nullValues(2));
  });

  it('p = (1 + #≥)/(1 + B): a planted shift gives the minimum 1/(B+1); a constant statistic gives 1', () => {
    const r = permutationTest(labels, meanDifference(shifted), { permutations: 199, seed: 3 });
    expect(r.exceedances).toBe(0);
    expect(r.pValue).toBe(1 / 200);
    const flat = permutationTest(labels, () => 2.5, { permutations: 99, seed: 3 });
    expect(flat.exceedances).toBe(99);
    expect(flat.pValue).toBe(1);
  });

  it("alternatives: 'less' flips the sign, 'two-sided' uses |T|", () => {
    const reversed = labels.map((l) => 1 - l);
    const stat = meanDifference(shifted);
    expect(
      permutationTest(reversed, stat, { permutations: 99, seed: 1, alternative: 'greater' }).pValue,
    ).toBe(1);
    expect(
      permutationTest(reversed, stat, { permutations: 99, seed: 1, alternative: 'less' }).pValue,
    ).toBe(0.01);
    expect(
      permutationTest(reversed, stat, { permutations: 99, seed: 1, alternative: 'two-sided' })
        .pValue,
    ).toBe(0.01);
  });

  it('is close to uniform under the null', () => {
    // 300 null data sets, 99 permutations each: P(p ≤ 0.05) = 0.05 exactly for a valid test.
    const normal = normalSampler(mulberry32(2024));
    const n = 16;
    const lab = Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : 0));
    const ps: number[] = [];
    for (let rep = 0; rep < 300; rep++) {
      const values = Array.from({ length: n }, normal);
      ps.push(
        permutationTest(lab, meanDifference(values), {
          permutations: 99,
          seed: rep,
          alternative: 'two-sided',
        }).pValue,
      );
    }
    const mean = ps.reduce((a, b) => a + b, 0) / ps.length;
    const below05 = ps.filter((p) => p <= 0.05).length / ps.length;
    const below50 = ps.filter((p) => p <= 0.5).length / ps.length;
    expect(Math.abs(mean - 0.505)).toBeLessThan(0.06); // sd of the mean ≈ 0.017
    expect(below05).toBeGreaterThan(0.01);
    expect(below05).toBeLessThan(0.1); // sd ≈ 0.013
    expect(Math.abs(below50 - 0.5)).toBeLessThan(0.1);
  });

  it('permutes only within strata', () => {
    const strata = ['d1', 'd1', 'd1', 'd2', 'd2', 'd2', 'd2'];
    permutationTestIndices(
      7,
      (perm) => {
        perm.forEach((j, i) => expect(strata[j]).toBe(strata[i]));
        return 0;
      },
      { permutations: 50, seed: 4, strata },
    );
  });

  it('counts NaN statistics apart and validates its options', () => {
    let calls = 0;
    const r = permutationTestIndices(5, () => (calls++ === 0 ? 1 : Number.NaN), {
      permutations: 9,
      seed: 1,
    });
    expect(r.nonFinite).toBe(9);
    expect(r.pValue).toBe(0.1);
    expect(() => permutationTestIndices(5, () => 0, { permutations: 0, seed: 1 })).toThrowError(
      RangeError,
    );
    expect(() =>
      permutationTestIndices(5, () => Number.NaN, { permutations: 5, seed: 1 }),
    ).toThrowError(RangeError);
  });
});
