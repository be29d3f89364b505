/**
 * Soft labels (a simulator's known probabilities in place of outcomes): validated as
 * probabilities, kept by row selection, and fitted exactly where outcomes would only be sampled.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { predictBatch } from '../../src/domain/model/tree-ensemble';
import { assertValidDataset, selectRows } from './dataset';
import { trainGbdt } from './gbdt';

const rows = Float32Array.from([1, 2, 3, 4, 5, 6]);

test('soft labels must be probabilities, and only a soft dataset may carry them', () => {
  assert.doesNotThrow(() =>
    assertValidDataset({ rows, nFeatures: 2, labels: [0, 0.25, 1], softLabels: true }),
  );
  assert.throws(
    () => assertValidDataset({ rows, nFeatures: 2, labels: [0, 0.25, 1] }),
    /label 1 is 0.25, expected 0 or 1/,
  );
  assert.throws(
    () => assertValidDataset({ rows, nFeatures: 2, labels: [0, 1.2, 1], softLabels: true }),
    /soft label 1 is 1.2/,
  );
  assert.throws(
    () => assertValidDataset({ rows, nFeatures: 2, labels: [0, Number.NaN, 1], softLabels: true }),
    /soft label 1 is NaN/,
  );
});

test('selecting rows of a soft dataset keeps its probabilities and its kind', () => {
  const s = selectRows({ rows, nFeatures: 2, labels: [0.1, 0.25, 0.9], softLabels: true }, [2, 1]);
  assert.deepEqual(Array.from(s.labels), [0.9, 0.25]);
  assert.equal(s.softLabels, true);
  const hard = selectRows({ rows, nFeatures: 2, labels: [0, 1, 1] }, [1]);
  assert.equal(hard.softLabels, undefined);
});

test('trees fitted to known probabilities recover them; outcomes drawn from them only approximate', () => {
  // one feature; P(positive) is 0.2 below 0, 0.7 above
  const n = 4000;
  const x = new Float32Array(n);
  const p = new Float64Array(n);
  const y = new Uint8Array(n);
  let s = 12345;
  const rand = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = 0; i < n; i++) {
    x[i] = rand() * 2 - 1;
    p[i] = x[i] < 0 ? 0.2 : 0.7;
    y[i] = rand() < p[i] ? 1 : 0;
  }
  const params = { nTrees: 200, learningRate: 0.3, maxDepth: 1, maxLeaves: 2, seed: 1 };
  const soft = trainGbdt({ rows: x, nFeatures: 1, labels: p, softLabels: true }, params).model;
  const hard = trainGbdt({ rows: x, nFeatures: 1, labels: y }, params).model;
  const probe = Float32Array.from([-0.5, 0.5]);
  const [sLo, sHi] = predictBatch(soft, probe);
  const [hLo, hHi] = predictBatch(hard, probe);
  assert.ok(Math.abs(sLo - 0.2) < 1e-3 && Math.abs(sHi - 0.7) < 1e-3, `soft ${sLo} ${sHi}`);
  // the outcome-trained model carries the sampling error of 2,000 draws per side
  const hardError = Math.abs(hLo - 0.2) + Math.abs(hHi - 0.7);
  assert.ok(hardError > Math.abs(sLo - 0.2) + Math.abs(sHi - 0.7), `hard ${hLo} ${hHi}`);
});
