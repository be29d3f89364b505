import { rocAuc } from './auc';
import { averageRanks } from './ranks';
import { mulberry32 } from './rng';

function bruteForceAuc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((sp, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((sn, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      wins += sp > sn ? 1 : sp === sn ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('averageRanks', () => {
  it('averages the ranks of tied values and sums t³ − t over tie groups', () => {
    const r = averageRanks([10, 20, 20, 5, 20]);
    expect(Array.from(r.ranks)).toEqual([2, 4, 4, 1, 4]);
    expect(r.tieTerm).toBe(24); // one group of 3
    expect(r.hasTies).toBeTrue();
    expect(() => averageRanks([1, Number.NaN])).toThrowError(RangeError);
  });
});

describe('rocAuc', () => {
  it('by hand with a tie: positives (0.9, 0.5), negatives (0.5, 0.1) → (1 + 1 + ½ + 1)/4', () => {
    expect(rocAuc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0])).toEqual({
      status: 'ok',
      auc: 0.875,
      nPositive: 2,
      nNegative: 2,
    });
  });

  it('equals the pair count on random data with ties', () => {
    const rng = mulberry32(12);
    for (let t = 0; t < 20; t++) {
      const n = 5 + rng.int(30);
      const scores = Array.from({ length: n }, () => rng.int(8) / 8);
      const labels = Array.from({ length: n }, (_, i): 0 | 1 =>
        i < 2 ? (i as 0 | 1) : rng.next() < 0.4 ? 1 : 0,
      );
      const r = rocAuc(scores, labels);
      if (r.status !== 'ok') throw new Error('expected an AUC');
      expect(r.auc).toBeCloseTo(bruteForceAuc(scores, labels), 12);
    }
  });

  it('perfect, reversed and constant scores; booleans accepted', () => {
    const ok = (r: ReturnType<typeof rocAuc>): number => (r.status === 'ok' ? r.auc : Number.NaN);
    expect(ok(rocAuc([1, 2, 3, 4], [false, false, true, true]))).toBe(1);
    expect(ok(rocAuc([4, 3, 2, 1], [0, 0, 1, 1]))).toBe(0);
    expect(ok(rocAuc([7, 7, 7, 7], [0, 1, 0, 1]))).toBe(0.5);
  });

  it('one class only is insufficient data; non-finite scores throw', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toEqual({
      status: 'insufficient_data',
      n: 0,
      minimum: 1,
      what: 'observations of the rarer class',
    });
    expect(() => rocAuc([Number.NaN, 0.2], [0, 1])).toThrowError(RangeError);
  });
});
