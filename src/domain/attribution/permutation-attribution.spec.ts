import { predictBatch } from '../model/tree-ensemble';
import { BatchModel, explainWith } from './attribution-batch';
import { AttributionOptions, planAttribution } from './attribution-plan';
import { AttributionResult } from './finish-attribution';
import { SeededRandom } from './seeded-random';
import { randomTreeEnsemble, uniformRows } from './testing/random-tree-ensemble';

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function rmsError(result: AttributionResult, truth: AttributionResult): number {
  let s = 0;
  result.values.forEach((v, i) => (s += (v - truth.values[i]) ** 2));
  return Math.sqrt(s / result.values.length);
}

describe('permutation group Shapley attribution', () => {
  const d = 12;
  // Depth-4 trees: interactions of up to four groups, so sampling error is real.
  const model = randomTreeEnsemble({ nFeatures: d, nTrees: 20, depth: 4, seed: 3, postTransform: 'LOGISTIC' });
  const f: BatchModel = (rows) => predictBatch(model, rows);
  const groups = [[0], [1, 2], [3], [4, 5], [6], [7, 8], [9], [10, 11]];
  const rng = new SeededRandom(21);
  const x = uniformRows(rng, 1, d);
  const background = uniformRows(rng, 16, d);
  const exact = explainWith(f, x, background, groups, { mode: 'exact', seed: 0 });
  const explain = (options: Partial<AttributionOptions>): AttributionResult =>
    explainWith(f, x, background, groups, { mode: 'permutation', permutations: 32, seed: 1, ...options });

  it('adds up to f(x) minus the base rate to 1e-6 with float32 model outputs', () => {
    for (const backgroundRowsPerPair of [16, 5, 1]) {
      for (const permutations of [4, 6, 40]) {
        const r = explain({ permutations, backgroundRowsPerPair, seed: permutations });
        expect(r.method).toBe('permutation');
        expect(r.baseRate).toBeCloseTo(exact.baseRate, 12);
        expect(Math.abs(sum(r.values) - (exact.fx - exact.baseRate))).toBeLessThan(1e-6);
      }
    }
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = explain({ seed: 7 });
    const b = explain({ seed: 7 });
    const c = explain({ seed: 8 });
    expect(b.values).toEqual(a.values);
    expect(b.standardErrors).toEqual(a.standardErrors);
    expect(c.values).not.toEqual(a.values);
  });

  it('converges to the exact values as permutations grow', () => {
    const errorAt = (permutations: number): number => {
      let total = 0;
      for (let s = 0; s < 8; s++) total += rmsError(explain({ permutations, seed: 100 + s }), exact);
      return total / 8;
    };
    const e8 = errorAt(8);
    const e64 = errorAt(64);
    const e512 = errorAt(512);
    expect(e8).toBeGreaterThan(1e-4); // sampling error is real for this model
    expect(e64).toBeLessThan(e8 * 0.6);
    expect(e512).toBeLessThan(e64 * 0.6);
    expect(e512).toBeLessThan(e8 / 4); // ≈ 1/√K: an 8× ratio in expectation
  });

  it('has standard errors that cover the exact value at about the nominal rate', () => {
    for (const backgroundRowsPerPair of [16, 4]) {
      let covered = 0;
      let n = 0;
      for (let s = 0; s < 40; s++) {
        const r = explain({ seed: 500 + s, backgroundRowsPerPair });
        r.values.forEach((v, i) => {
          n++;
          if (Math.abs(v - exact.values[i]) <= 1.96 * r.standardErrors[i]) covered++;
        });
      }
      const rate = covered / n;
      expect(rate).toBeGreaterThan(0.85);
      expect(rate).toBeLessThan(0.98); // with blocks, a pooled (not stratified) SE over-covers here (≈ 0.985)
    }
  });

  it('splits the background into blocks with two pairs each: every row used equally, stratified standard errors that cover', () => {
    const plan = planAttribution(x, background, groups, { mode: 'permutation', backgroundBlocks: 16, pairsPerBlock: 2, seed: 3 });
    if (plan.method !== 'permutation') throw new Error('expected a permutation plan');
    expect(plan.nPairs).toBe(32);
    expect(plan.pairBackgroundRows).toBe(1);
    const uses = new Map<number, number>();
    plan.pairBlock.forEach((b) => uses.set(b, (uses.get(b) ?? 0) + 1));
    expect(uses.size).toBe(16);
    expect([...uses.values()].every((n) => n === 2)).toBeTrue();
    // 32 background rows, 16 blocks: 2 rows per pair, the same 64 permutations
    const bg32 = uniformRows(new SeededRandom(22), 32, d);
    const plan32 = planAttribution(x, bg32, groups, { mode: 'permutation', backgroundBlocks: 16, pairsPerBlock: 2, seed: 3 });
    if (plan32.method !== 'permutation') throw new Error('expected a permutation plan');
    expect([plan32.nPairs, plan32.pairBackgroundRows]).toEqual([32, 2]);
    // 20 rows in 16 blocks: 2 rows per pair, 10 blocks, still two pairs each
    const plan20 = planAttribution(x, bg32.subarray(0, 20 * d), groups, { mode: 'permutation', backgroundBlocks: 16, pairsPerBlock: 2, seed: 3 });
    if (plan20.method !== 'permutation') throw new Error('expected a permutation plan');
    expect([plan20.nPairs, plan20.pairBackgroundRows, new Set(plan20.pairBlock).size]).toEqual([20, 2, 10]);

    let covered = 0;
    let n = 0;
    for (let s = 0; s < 40; s++) {
      const r = explain({ seed: 700 + s, backgroundBlocks: 16, pairsPerBlock: 2 });
      expect(Math.abs(sum(r.values) - (exact.fx - exact.baseRate))).toBeLessThan(1e-6);
      r.values.forEach((v, i) => {
        n++;
        if (Math.abs(v - exact.values[i]) <= 1.96 * r.standardErrors[i]) covered++;
      });
    }
    expect(covered / n).toBeGreaterThan(0.85);
    expect(covered / n).toBeLessThan(0.99);
  });

  it('is exact with one antithetic pair when the model has no interaction of three groups', () => {
    const pairwise = (z: ArrayLike<number>): number => z[0] * z[1] + Math.sin(z[2]) * z[3] + z[4] * z[4] * z[0] + z[5];
    // Float64 outputs: float32 rounding of f would itself add a (1e-8) interaction.
    const g = (rows: Float32Array, n: number): Float64Array => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = pairwise(rows.subarray(i * 6, i * 6 + 6));
      return out;
    };
    const r6 = new SeededRandom(3);
    const x6 = uniformRows(r6, 1, 6);
    const bg6 = uniformRows(r6, 10, 6);
    const players = [[0], [1], [2], [3], [4], [5]];
    const truth = explainWith(g, x6, bg6, players, { mode: 'exact', seed: 0 });
    const sampled = explainWith(g, x6, bg6, players, { mode: 'permutation', permutations: 4, seed: 9 });
    sampled.values.forEach((v, i) => expect(v).toBeCloseTo(truth.values[i], 12));
    sampled.standardErrors.forEach((se) => expect(se).toBeLessThan(1e-9));
  });

  it('gives exactly 0 to a group the model never reads', () => {
    const partial = randomTreeEnsemble({ nFeatures: d, nTrees: 20, depth: 4, features: [0, 1, 2, 3, 4, 5, 6, 7, 8], seed: 4 });
    for (const backgroundRowsPerPair of [16, 3]) {
      for (const permutations of [4, 12]) {
        const r = explainWith((rows) => predictBatch(partial, rows), x, background, groups, {
          mode: 'permutation',
          permutations,
          backgroundRowsPerPair,
          seed: 2,
        });
        expect(r.values[6]).toBe(0);
        expect(r.values[7]).toBe(0);
        expect(r.standardErrors[7]).toBe(0);
        expect(Math.abs(r.values[0])).toBeGreaterThan(0);
      }
    }
  });

  it('evaluates shared coalitions once and uses fewer rows with fewer background rows per pair', () => {
    const full = planAttribution(x, background, groups, { mode: 'permutation', permutations: 16, seed: 1 });
    if (full.method !== 'permutation') throw new Error('expected a permutation plan');
    // ∅ and the full set are shared by all 16 orders; the other 16 × 7 prefixes are at most distinct.
    expect(full.evalStart.length - 1).toBeLessThanOrEqual(2 + 16 * 7);
    expect(full.nRows).toBeLessThanOrEqual(1 + 16 + 16 * 7 * 16);
    const reduced = planAttribution(x, background, groups, { mode: 'permutation', permutations: 16, seed: 1, backgroundRowsPerPair: 4 });
    expect(reduced.nRows).toBeLessThan(full.nRows / 2.5);
    expect(reduced.nRows).toBeGreaterThanOrEqual(1 + 16);
  });

  it('auto picks exact up to maxExactPlayers active players and sampling above', () => {
    expect(explainWith(f, x, background, groups, { mode: 'auto', seed: 1 }).method).toBe('exact');
    const sampled = explainWith(f, x, background, groups, { mode: 'auto', maxExactPlayers: 7, seed: 1 });
    expect(sampled.method).toBe('permutation');
    expect(sampled.standardErrors.some((se) => se > 0)).toBeTrue();
  });
});
