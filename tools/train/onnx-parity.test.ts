import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { predictBatch, type TreeEnsemble } from '../../src/domain/model/tree-ensemble';
import { exportTreeEnsembleToOnnx } from '../model/onnx-export';
import { applyPlattToEnsemble } from './calibration';
import { trainGbdt } from './gbdt';
import { makeSyntheticDataset } from './synthetic';

const D = 16;

async function onnxProbabilities(model: TreeEnsemble, rows: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(exportTreeEnsembleToOnnx(model));
  try {
    const n = rows.length / D;
    const out = await session.run({ features: new ort.Tensor('float32', rows, [n, D]) });
    const y = out['p_break'];
    assert.ok(y !== undefined && y.data instanceof Float32Array);
    return y.data;
  } finally {
    await session.release();
  }
}

/** Rows whose values sit exactly on every split threshold (and NaN), the hardest case for routing. */
function rowsOnThresholds(model: TreeEnsemble, base: Float32Array): Float32Array {
  const rows = base.slice();
  let r = 0;
  const nRows = rows.length / D;
  for (const tree of model.trees) {
    tree.feature.forEach((f, node) => {
      if (f < 0) return;
      rows[(r % nRows) * D + f] = tree.threshold[node];
      rows[((r + 1) % nRows) * D + f] = Number.NaN;
      r += 2;
    });
  }
  return rows;
}

test('a trained model gives the same probabilities in onnxruntime-node as predictBatch', async () => {
  const train = makeSyntheticDataset(3000, D, 21);
  const test = makeSyntheticDataset(1000, D, 22);
  const { model } = trainGbdt(train, {
    nTrees: 40,
    maxDepth: 6,
    maxLeaves: 48,
    learningRate: 0.2,
    minSamplesLeaf: 5,
  });
  const calibrated = applyPlattToEnsemble(model, 0.8, 0.3);
  for (const m of [model, calibrated]) {
    for (const rows of [test.rows, train.rows, rowsOnThresholds(m, test.rows)]) {
      const expected = predictBatch(m, rows);
      const actual = await onnxProbabilities(m, rows);
      let worst = 0;
      for (let i = 0; i < expected.length; i++)
        worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
      assert.ok(worst < 1e-5, `largest difference ${worst}`);
    }
  }
});
