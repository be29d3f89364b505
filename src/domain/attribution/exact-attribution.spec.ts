import { predictBatch, predictRow } from '../model/tree-ensemble';
import { explainWith, BatchModel } from './attribution-batch';
import { planAttribution } from './attribution-plan';
import { finishAttribution, shapleyWeights } from './finish-attribution';
import { SeededRandom } from './seeded-random';
import { bruteForceGroupShapley } from './testing/brute-force-shapley';
import { randomTreeEnsemble, uniformRows } from './testing/random-tree-ensemble';

/** A polynomial with two- and three-way interactions across groups (float64 outputs). */
function polynomial(z: ArrayLike<number>): number {
  return z[0] * z[1] * z[5] + 2 * z[2] * z[3] - z[4] * z[4] * z[6] + Math.sin(3 * z[7]) * z[0] + 0.3 * z[8];
}

function batchOf(f: (row: Float32Array) => number, d: number): BatchModel {
  return (rows, n) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = f(rows.subarray(i * d, (i + 1) * d));
    return out;
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

describe('exact group Shapley attribution', () => {
  const d = 9;
  const groups = [[0, 8], [1], [2, 3], [4], [5, 6], [7]];

  it('equals the Shapley value by definition over all orderings (polynomial, 6 groups)', () => {
    const rng = new SeededRandom(11);
    const x = uniformRows(rng, 1, d);
    const background = uniformRows(rng, 12, d);
    // Float64 outputs so the comparison is limited only by summation order.
    const f64: BatchModel = (rows, n) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = polynomial(rows.subarray(i * d, (i + 1) * d));
      return out;
    };
    const result = explainWith(f64, x, background, groups, { mode: 'exact', seed: 1 });
    const truth = bruteForceGroupShapley(polynomial, x, background, groups);
    expect(result.method).toBe('exact');
    expect(result.coalitionsEvaluated).toBe(64);
    result.values.forEach((v, i) => expect(v).toBeCloseTo(truth[i], 12));
    expect(result.standardErrors).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('equals the Shapley value by definition for a random tree ensemble (5 groups)', () => {
    const model = randomTreeEnsemble({ nFeatures: 8, nTrees: 12, depth: 4, seed: 5, postTransform: 'LOGISTIC' });
    const rng = new SeededRandom(12);
    const treeGroups = [[0, 1], [2], [3, 4], [5], [6, 7]];
    for (let trial = 0; trial < 3; trial++) {
      const x = uniformRows(rng, 1, 8);
      const background = uniformRows(rng, 16, 8);
      const result = explainWith((rows) => predictBatch(model, rows), x, background, treeGroups, { mode: 'exact', seed: 1 });
      const truth = bruteForceGroupShapley((z) => Math.fround(predictRow(model, z)), x, background, treeGroups);
      result.values.forEach((v, i) => expect(v).toBeCloseTo(truth[i], 12));
      expect(sum(result.values)).toBeCloseTo(result.fx - result.baseRate, 12);
    }
  });

  it('adds up to f(x) minus the base rate to 1e-9', () => {
    const rng = new SeededRandom(13);
    const x = uniformRows(rng, 1, d);
    const background = uniformRows(rng, 32, d);
    const result = explainWith(batchOf(polynomial, d), x, background, groups, { mode: 'auto', seed: 1 });
    expect(result.method).toBe('exact');
    let base = 0;
    const outputs = batchOf(polynomial, d)(background, 32);
    for (const o of outputs) base += o;
    expect(result.baseRate).toBeCloseTo(base / 32, 12);
    expect(result.fx).toBe(Math.fround(polynomial(x)));
    expect(Math.abs(sum(result.values) - (result.fx - result.baseRate))).toBeLessThan(1e-9);
  });

  it('gives exactly 0 to a group the model never reads, and to a group equal to every background row', () => {
    const model = randomTreeEnsemble({ nFeatures: 8, nTrees: 10, depth: 3, features: [0, 1, 2, 3, 4, 5], seed: 7 });
    const rng = new SeededRandom(14);
    const x = uniformRows(rng, 1, 8);
    const background = uniformRows(rng, 16, 8);
    for (let b = 0; b < 16; b++) background[b * 8 + 5] = x[5]; // feature 5 never differs from x
    const g = [[0], [1, 2], [3, 4], [5], [6, 7]];
    const plan = planAttribution(x, background, g, { mode: 'exact', seed: 1 });
    expect(Array.from(plan.activePlayers)).toEqual([0, 1, 2, 4]);
    const result = finishAttribution(plan, predictBatch(model, plan.rows));
    expect(result.values[3]).toBe(0);
    expect(result.values[4]).toBe(0);
    expect(Math.abs(result.values[0]) + Math.abs(result.values[1]) + Math.abs(result.values[2])).toBeGreaterThan(0.01);
    expect(result.coalitionsEvaluated).toBe(16);
  });

  it('gives two interchangeable groups equal shares', () => {
    // f is symmetric in the groups {0,1} and {2,3} when x and the background are.
    const f = (z: ArrayLike<number>): number => Math.tanh(z[0] * z[1] + z[2] * z[3] + z[0] * z[2] * z[4]) + z[1] * z[3] * z[4];
    const rng = new SeededRandom(15);
    const x = uniformRows(rng, 1, 5);
    x[2] = x[0];
    x[3] = x[1];
    const half = uniformRows(rng, 8, 5);
    const background = new Float32Array(16 * 5);
    background.set(half);
    for (let b = 0; b < 8; b++) {
      const row = half.slice(b * 5, b * 5 + 5);
      background.set([row[2], row[3], row[0], row[1], row[4]], (8 + b) * 5);
    }
    const result = explainWith(batchOf(f, 5), x, background, [[0, 1], [2, 3], [4]], { mode: 'exact', seed: 1 });
    expect(Math.abs(result.values[0])).toBeGreaterThan(1e-3);
    expect(result.values[1]).toBeCloseTo(result.values[0], 12);
  });

  it('plans every coalition row once: x and the background rows are shared', () => {
    const rng = new SeededRandom(16);
    const x = uniformRows(rng, 1, d);
    const background = uniformRows(rng, 10, d);
    const plan = planAttribution(x, background, groups, { mode: 'exact', seed: 1 });
    // 2^6 coalitions × 10 rows, minus ∅ and the full set which reuse the background rows and x.
    expect(plan.nRows).toBe(62 * 10 + 10 + 1);
    expect(plan.rows.length).toBe(plan.nRows * d);
    expect(Array.from(plan.rows.subarray(plan.xRow * d, plan.xRow * d + d))).toEqual(Array.from(x));
    // Coalition {player 1} against background row 3: feature 1 from x, all others from row 3.
    const row = plan.evalRows[plan.evalStart[0b10] + 3];
    const z = plan.rows.subarray(row * d, row * d + d);
    for (let j = 0; j < d; j++) expect(z[j]).toBe(j === 1 ? x[1] : background[3 * d + j]);
  });

  it('uses the Shapley weights s!(m−s−1)!/m!', () => {
    expect(Array.from(shapleyWeights(4))).toEqual([1 / 4, 1 / 12, 1 / 12, 1 / 4]);
    const w = shapleyWeights(7);
    let total = 0;
    for (let s = 0; s < 7; s++) total += w[s] * binomial(6, s);
    expect(total).toBeCloseTo(1, 14);
  });

  it('rejects groups that overlap or miss a feature, and misshapen inputs', () => {
    const x = new Float32Array(3);
    const bg = new Float32Array(6);
    expect(() => planAttribution(x, bg, [[0, 1], [1, 2]], { mode: 'exact', seed: 1 })).toThrowError(/feature 1 belongs to groups 0 and 1/);
    expect(() => planAttribution(x, bg, [[0], [2]], { mode: 'exact', seed: 1 })).toThrowError(/feature 1 belongs to no group/);
    expect(() => planAttribution(x, bg, [[0], [1, 3]], { mode: 'exact', seed: 1 })).toThrowError(/outside/);
    expect(() => planAttribution(x, new Float32Array(5), [[0, 1, 2]], { mode: 'exact', seed: 1 })).toThrowError(/multiple of 3/);
    expect(() => planAttribution(x, bg, [[0, 1, 2]], { mode: 'permutation', permutations: Number.NaN, seed: 1 })).toThrowError(/permutations/);
    expect(() => planAttribution(x, bg, [[0, 1, 2]], { mode: 'permutation', backgroundRowsPerPair: 0, seed: 1 })).toThrowError(/backgroundRowsPerPair/);
    expect(() => planAttribution(x, bg, [[0, 1, 2]], { mode: 'auto', seed: Number.POSITIVE_INFINITY })).toThrowError(/seed/);
    const plan = planAttribution(x, bg, [[0, 1, 2]], { mode: 'exact', seed: 1 });
    expect(() => finishAttribution(plan, new Float32Array(plan.nRows + 1))).toThrowError(/expected/);
  });
});

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}
