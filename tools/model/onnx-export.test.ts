import { test } from 'node:test';
import assert from 'node:assert/strict';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import {
  predictBatch,
  type DecisionTree,
  type TreeEnsemble,
} from '../../src/domain/model/tree-ensemble';
import { exportTreeEnsembleToOnnx, float32RoundDown } from './onnx-export';
import { SeededRandom } from './seeded-random';

const { onnx } = onnxProto;
const N_FEATURES = 12;

/** The next float32 above a float32 value (for finite positive and negative values). */
function nextUpF32(x: number): number {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer);
  if (x === 0) u[0] = 1;
  else if (x > 0) u[0] += 1;
  else u[0] -= 1;
  return f[0];
}

function nextDownF32(x: number): number {
  return -nextUpF32(-x);
}

/**
 * Thresholds drawn from a pool of values: exact float32 values (which the rows also contain),
 * doubles a hair above and below float32 values, and ordinary doubles.
 */
function thresholdPool(rng: SeededRandom): number[] {
  const pool: number[] = [];
  for (let i = 0; i < 24; i++) {
    const v = Math.fround(rng.uniform(-3, 3));
    pool.push(
      v,
      v + 1e-12,
      v - 1e-12,
      (v + nextUpF32(v)) / 2,
      (v + nextDownF32(v)) / 2,
      rng.uniform(-3, 3),
    );
  }
  return pool;
}

function randomTree(rng: SeededRandom, depth: number, pool: readonly number[]): DecisionTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const grow = (d: number): number => {
    const id = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    if (d === 0 || (d < depth && rng.next() < 0.15)) {
      value[id] = rng.uniform(-1, 1);
      return id;
    }
    feature[id] = rng.int(N_FEATURES);
    threshold[id] = pool[rng.int(pool.length)];
    left[id] = grow(d - 1);
    right[id] = grow(d - 1);
    return id;
  };
  grow(depth);
  return { feature, threshold, left, right, value };
}

function randomEnsemble(
  seed: number,
  overrides: Partial<TreeEnsemble>,
): { model: TreeEnsemble; pool: number[] } {
  const rng = new SeededRandom(seed);
  const pool = thresholdPool(rng);
  const trees = Array.from({ length: 30 }, () => randomTree(rng, 5, pool));
  const model: TreeEnsemble = {
    nFeatures: N_FEATURES,
    aggregate: 'SUM',
    postTransform: 'LOGISTIC',
    baseScore: 0.3,
    trees,
    ...overrides,
  };
  return { model, pool };
}

/** Rows whose values often sit exactly on (the float32 of) a threshold or one ulp beside it. */
function randomRows(seed: number, nRows: number, pool: readonly number[]): Float32Array {
  const rng = new SeededRandom(seed);
  const rows = new Float32Array(nRows * N_FEATURES);
  for (let i = 0; i < rows.length; i++) {
    const r = rng.next();
    const t = Math.fround(pool[rng.int(pool.length)]);
    if (r < 0.4) rows[i] = t;
    else if (r < 0.55) rows[i] = nextUpF32(t);
    else if (r < 0.7) rows[i] = nextDownF32(t);
    else if (r < 0.72) rows[i] = Number.NaN;
    else rows[i] = rng.uniform(-3.5, 3.5);
  }
  return rows;
}

async function runOnnx(bytes: Uint8Array, rows: Float32Array, nRows: number): Promise<ort.Tensor> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const out = await session.run({
      features: new ort.Tensor('float32', rows, [nRows, N_FEATURES]),
    });
    const y = out['p_break'];
    assert.ok(y, 'output p_break missing');
    return y;
  } finally {
    await session.release();
  }
}

async function assertParity(
  model: TreeEnsemble,
  pool: readonly number[],
  seed: number,
): Promise<void> {
  const nRows = 2000;
  const rows = randomRows(seed, nRows, pool);
  const expected = predictBatch(model, rows);
  const y = await runOnnx(exportTreeEnsembleToOnnx(model), rows, nRows);
  assert.deepEqual(y.dims, [nRows, 1]);
  assert.ok(y.data instanceof Float32Array);
  let maxDiff = 0;
  for (let i = 0; i < nRows; i++) maxDiff = Math.max(maxDiff, Math.abs(y.data[i] - expected[i]));
  assert.ok(maxDiff <= 1e-5, `max |onnx − js| = ${maxDiff}`);
  // The outputs must actually vary, or the comparison says little.
  assert.ok(new Set(expected).size > 50, 'the fixture should give many distinct outputs');
}

test('float32RoundDown gives the largest float32 not above t', () => {
  const rng = new SeededRandom(7);
  const cases = [
    0, -0, 1, -1, 0.1, -0.1, 1e-45, -1e-45, 1e-300, -1e-300, 3.4e38, -3.4e38, 1e39, -1e39,
  ];
  for (let i = 0; i < 2000; i++) cases.push(rng.normal() * 10 ** rng.int(8));
  for (const t of cases) {
    const r = float32RoundDown(t);
    assert.equal(Math.fround(r), r, `${r} is not a float32`);
    assert.ok(r <= t, `${r} > ${t}`);
    if (Number.isFinite(r) && Math.abs(r) < 3.4e38)
      assert.ok(nextUpF32(r) > t, `a larger float32 ≤ ${t} exists`);
  }
  assert.equal(float32RoundDown(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
});

test('a rounded-down threshold routes every float32 input as the double threshold does', () => {
  const rng = new SeededRandom(11);
  let nearestDisagrees = 0;
  for (let i = 0; i < 500; i++) {
    const v = Math.fround(rng.uniform(-5, 5));
    for (const t of [v, v - 1e-12, v + 1e-12, (v + nextUpF32(v)) / 2]) {
      const r = float32RoundDown(t);
      for (const x of [nextDownF32(v), v, nextUpF32(v)]) {
        assert.equal(x <= r, x <= t);
        if (x <= Math.fround(t) !== x <= t) nearestDisagrees++;
      }
    }
  }
  // Round-to-nearest would route some of these inputs differently: the cases are sharp enough.
  assert.ok(nearestDisagrees > 100, `round-to-nearest disagreed only ${nearestDisagrees} times`);
});

test('SUM + LOGISTIC ensemble: onnxruntime-node equals the JS predictor on float32 rows', async () => {
  const { model, pool } = randomEnsemble(1, {
    aggregate: 'SUM',
    postTransform: 'LOGISTIC',
    baseScore: -0.4,
  });
  await assertParity(model, pool, 101);
});

test('SUM + NONE ensemble: raw scores agree', async () => {
  const { model, pool } = randomEnsemble(2, {
    aggregate: 'SUM',
    postTransform: 'NONE',
    baseScore: 1.25,
  });
  await assertParity(model, pool, 102);
});

test('AVERAGE + NONE forest: averaged leaf values agree', async () => {
  const { model, pool } = randomEnsemble(3, {
    aggregate: 'AVERAGE',
    postTransform: 'NONE',
    baseScore: 0,
  });
  await assertParity(model, pool, 103);
});

test('AVERAGE + LOGISTIC with a single-leaf tree agrees', async () => {
  const { model, pool } = randomEnsemble(4, {
    aggregate: 'AVERAGE',
    postTransform: 'LOGISTIC',
    baseScore: 0.1,
  });
  const stump: DecisionTree = {
    feature: [-1],
    threshold: [0],
    left: [-1],
    right: [-1],
    value: [0.75],
  };
  await assertParity({ ...model, trees: [...model.trees, stump] }, pool, 104);
});

test('the graph has one float input [N, nFeatures] and one float output [N, 1], opsets 17 / ml 3', () => {
  const { model } = randomEnsemble(5, {});
  const decoded = onnx.ModelProto.decode(exportTreeEnsembleToOnnx(model));
  assert.equal(Number(decoded.irVersion), 8);
  const opsets = decoded.opsetImport.map((o) => `${o.domain}:${Number(o.version)}`).sort();
  assert.deepEqual(opsets, [':17', 'ai.onnx.ml:3']);
  const graph = decoded.graph;
  assert.ok(graph);
  const shapeOf = (
    v: onnxProto.onnx.IValueInfoProto,
  ): { name: string; elem: number; dims: (string | number)[] } => ({
    name: v.name ?? '',
    elem: v.type?.tensorType?.elemType ?? -1,
    dims: (v.type?.tensorType?.shape?.dim ?? []).map((d) =>
      d.dimParam ? d.dimParam : Number(d.dimValue),
    ),
  });
  assert.deepEqual((graph.input ?? []).map(shapeOf), [
    { name: 'features', elem: onnx.TensorProto.DataType.FLOAT, dims: ['N', N_FEATURES] },
  ]);
  assert.deepEqual((graph.output ?? []).map(shapeOf), [
    { name: 'p_break', elem: onnx.TensorProto.DataType.FLOAT, dims: ['N', 1] },
  ]);
  assert.deepEqual(
    (graph.node ?? []).map((n) => n.opType),
    ['TreeEnsembleRegressor', 'Sigmoid'],
  );
  const noSigmoid = onnx.ModelProto.decode(
    exportTreeEnsembleToOnnx({ ...model, postTransform: 'NONE' }),
  );
  assert.deepEqual(
    (noSigmoid.graph?.node ?? []).map((n) => n.opType),
    ['TreeEnsembleRegressor'],
  );
});

test('onnxruntime-node sees exactly one input and one output', async () => {
  const { model } = randomEnsemble(6, {});
  const session = await ort.InferenceSession.create(exportTreeEnsembleToOnnx(model));
  try {
    assert.deepEqual(session.inputNames, ['features']);
    assert.deepEqual(session.outputNames, ['p_break']);
  } finally {
    await session.release();
  }
});

test('export is deterministic and rejects malformed trees', () => {
  const { model } = randomEnsemble(8, {});
  assert.deepEqual(exportTreeEnsembleToOnnx(model), exportTreeEnsembleToOnnx(model));
  const cyclic: DecisionTree = {
    feature: [0, 1],
    threshold: [0, 0],
    left: [1, 0],
    right: [1, 0],
    value: [0, 0],
  };
  assert.throws(() => exportTreeEnsembleToOnnx({ ...model, trees: [cyclic] }), /reached twice/);
  const badFeature: DecisionTree = {
    feature: [N_FEATURES, -1, -1],
    threshold: [0, 0, 0],
    left: [1, -1, -1],
    right: [2, -1, -1],
    value: [0, 1, 2],
  };
  assert.throws(() => exportTreeEnsembleToOnnx({ ...model, trees: [badFeature] }), /out of range/);
  assert.throws(() => exportTreeEnsembleToOnnx({ ...model, trees: [] }), /no trees/);
});
