import { predictBatch } from '../model/tree-ensemble';
import { AttributionBatch, explainWith } from './attribution-batch';
import { AttributionPlan, planAttribution } from './attribution-plan';
import { finishAttribution } from './finish-attribution';
import { RowArena } from './perturbed-row-builder';
import { SeededRandom } from './seeded-random';
import { randomTreeEnsemble, uniformRows } from './testing/random-tree-ensemble';

/** A random 6-feature ensemble of 8 trees (seed `seed`), 6 background rows drawn with seed + 1, three groups. */
function sixFeatureCase(seed: number) {
  const d = 6;
  const model = randomTreeEnsemble({ nFeatures: d, nTrees: 8, depth: 3, seed });
  const rng = new SeededRandom(seed + 1);
  const background = uniformRows(rng, 6, d);
  const groups = [[0], [1, 2], [3, 4, 5]];
  return { d, model, rng, background, groups };
}

describe('AttributionBatch', () => {
  it('explains 1,000 random rows of a random tree ensemble in one model run, each adding up', () => {
    const d = 10;
    const model = randomTreeEnsemble({ nFeatures: d, nTrees: 15, depth: 3, seed: 31, postTransform: 'LOGISTIC' });
    const rng = new SeededRandom(32);
    const background = uniformRows(rng, 8, d);
    const groups = [[0, 1, 2], [3], [4, 5], [6, 7, 8, 9]];
    const plans: AttributionPlan[] = [];
    const xs: Float32Array[] = [];
    for (let k = 0; k < 1000; k++) {
      const x = uniformRows(rng, 1, d);
      xs.push(x);
      plans.push(planAttribution(x, background, groups, { mode: k % 2 === 0 ? 'exact' : 'permutation', permutations: 4, seed: k }));
    }
    const batch = new AttributionBatch(plans);
    let calls = 0;
    const results = batch.finish(
      ((rows: Float32Array) => {
        calls++;
        return predictBatch(model, rows);
      })(batch.rows),
    );
    expect(calls).toBe(1);
    expect(results.length).toBe(1000);
    const base = predictBatch(model, background).reduce((a, b) => a + b, 0) / 8;
    results.forEach((r, k) => {
      expect(r.fx).toBe(predictBatch(model, xs[k])[0]);
      expect(r.baseRate).toBeCloseTo(base, 12);
      const total = r.values.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - (r.fx - r.baseRate))).toBeLessThan(r.method === 'exact' ? 1e-9 : 1e-6);
    });
  });

  it('writes its rows into a reused arena when given one: same rows and results, no new memory per batch', () => {
    const { d, model, rng, background, groups } = sixFeatureCase(36);
    const arena = new RowArena();
    let buffer: ArrayBufferLike | null = null;
    for (let k = 0; k < 3; k++) {
      const x = uniformRows(rng, 1, d);
      const plan = planAttribution(x, background, groups, { mode: 'permutation', permutations: 6, seed: k });
      arena.reset();
      const own = new AttributionBatch([plan]);
      const reused = new AttributionBatch([plan], { rowArena: arena });
      expect(reused.rows).toEqual(own.rows);
      expect(reused.finish(predictBatch(model, reused.rows))).toEqual(own.finish(predictBatch(model, own.rows)));
      if (buffer !== null) expect(reused.rows.buffer).toBe(buffer);
      buffer = reused.rows.buffer;
    }
  });

  it('gives the same results as explaining each plan alone', () => {
    const { d, model, rng, background, groups } = sixFeatureCase(33);
    const x1 = uniformRows(rng, 1, d);
    const x2 = uniformRows(rng, 1, d);
    const options = { mode: 'permutation', permutations: 6, seed: 5 } as const;
    const batch = new AttributionBatch([planAttribution(x1, background, groups, options), planAttribution(x2, background, [[0, 1, 2, 3, 4, 5]], options)]);
    const [r1, r2] = batch.finish(predictBatch(model, batch.rows));
    expect(r1).toEqual(explainWith((rows) => predictBatch(model, rows), x1, background, groups, options));
    expect(r2.values.length).toBe(1);
    expect(r2.values[0]).toBeCloseTo(r2.fx - r2.baseRate, 12);
    expect(() => batch.finish(new Float32Array(batch.nRows - 1))).toThrowError(/expected/);
  });

  it('stacks shared rows once (x of a level, a shared background, known background outputs) with the same results', () => {
    const d = 8;
    const model = randomTreeEnsemble({ nFeatures: d, nTrees: 12, depth: 3, seed: 35, postTransform: 'LOGISTIC' });
    const f = (rows: Float32Array): Float32Array => predictBatch(model, rows);
    const rng = new SeededRandom(36);
    const background = uniformRows(rng, 8, d);
    const drivers = [[0, 1], [2], [3, 4], [5], [6, 7]];
    const sections = [[0, 1, 2, 3], [4, 5, 6, 7]];
    const x1 = uniformRows(rng, 1, d);
    const x2 = uniformRows(rng, 1, d);
    const plans = [
      planAttribution(x1, background, drivers, { mode: 'permutation', permutations: 8, backgroundRowsPerPair: 4, seed: 1 }),
      planAttribution(x1, background, sections, { mode: 'permutation', permutations: 8, backgroundRowsPerPair: 2, seed: 2 }),
      planAttribution(x2, background, drivers, { mode: 'exact', seed: 3 }),
      planAttribution(x2, background, sections, { mode: 'exact', seed: 4 }),
    ];
    const alone = plans.map((p) => finishAttribution(p, f(p.rows)));
    const total = plans.reduce((n, p) => n + p.nRows, 0);

    const shared = new AttributionBatch(plans);
    // x1 and x2 once each, the 8 background rows once
    expect(shared.nRows).toBe(total - 2 - 3 * 8);
    const sharedOutputs = f(shared.rows);
    expect(shared.finish(sharedOutputs)).toEqual(alone);
    const kept = shared.backgroundOutputs(sharedOutputs);
    expect(Array.from(kept.get(background) ?? [])).toEqual(Array.from(f(background)));

    const known = new AttributionBatch(plans, { knownBackgroundOutputs: (b) => kept.get(b) });
    expect(known.nRows).toBe(total - 2 - 4 * 8);
    expect(known.finish(f(known.rows))).toEqual(alone);
    expect(known.backgroundOutputs(f(known.rows)).size).toBe(0);
    // a known vector of the wrong length is not used
    expect(new AttributionBatch(plans, { knownBackgroundOutputs: () => new Float64Array(3) }).nRows).toBe(shared.nRows);
  });

  it('rejects plans over different feature counts', () => {
    const a = planAttribution(new Float32Array(2), new Float32Array(2), [[0, 1]], { mode: 'exact', seed: 1 });
    const b = planAttribution(new Float32Array(3), new Float32Array(3), [[0, 1, 2]], { mode: 'exact', seed: 1 });
    expect(() => new AttributionBatch([a, b])).toThrowError(/features/);
  });
});

describe('planned rows', () => {
  it('treat NaN as equal to NaN and −0 as different from +0', () => {
    const x = Float32Array.from([Number.NaN, -0, 1]);
    const background = Float32Array.from([Number.NaN, 0, 1, Number.NaN, -0, 1]);
    const plan = planAttribution(x, background, [[0], [1], [2]], { mode: 'exact', seed: 1 });
    expect(Array.from(plan.activePlayers)).toEqual([1]);
  });

  it('reduce to x alone when x equals every background row', () => {
    const x = Float32Array.from([0.2, 0.7]);
    const background = Float32Array.from([0.2, 0.7, 0.2, 0.7, 0.2, 0.7]);
    for (const mode of ['exact', 'permutation'] as const) {
      const r = explainWith((rows, n) => Float32Array.from({ length: n }, (_, i) => rows[2 * i] + rows[2 * i + 1]), x, background, [[0], [1]], { mode, seed: 1 });
      expect(r.values).toEqual([0, 0]);
      expect(r.fx).toBe(r.baseRate);
      expect(r.rowsEvaluated).toBe(4);
    }
  });
});
