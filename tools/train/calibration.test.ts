import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensembleScore, predictRow, sigmoid } from '../../src/domain/model/tree-ensemble';
import { applyIsotonic, applyPlattToEnsemble, fitIsotonic, fitPlatt } from './calibration';
import { trainGbdt } from './gbdt';
import { createPrng } from './prng';
import { makeSyntheticDataset } from './synthetic';

test('Platt fit recovers known a and b', () => {
  for (const [a, b] of [
    [0.6, -0.4],
    [1.8, 0.7],
    [1, 0],
  ]) {
    const rand = createPrng(Math.round(a * 100 + b * 10 + 1000));
    const n = 40_000;
    const z = Array.from({ length: n }, () => (rand() - 0.5) * 8);
    const y = z.map((s) => (rand() < sigmoid(a * s + b) ? 1 : 0));
    const fit = fitPlatt(z, y);
    assert.ok(fit.converged);
    assert.ok(Math.abs(fit.a - a) < 0.06, `a ${fit.a} vs ${a}`);
    assert.ok(Math.abs(fit.b - b) < 0.06, `b ${fit.b} vs ${b}`);
  }
});

test('Platt fit is at a stationary point of the weighted log loss', () => {
  const rand = createPrng(2);
  const z = Array.from({ length: 500 }, () => rand() * 4 - 2);
  const y = z.map((s) => (rand() < sigmoid(2 * s) ? 1 : 0));
  const w = z.map(() => 0.2 + rand());
  const { a, b } = fitPlatt(z, y, w);
  let ga = 0;
  let gb = 0;
  z.forEach((s, i) => {
    const r = w[i] * (sigmoid(a * s + b) - y[i]);
    ga += r * s;
    gb += r;
  });
  assert.ok(Math.abs(ga) < 1e-6 && Math.abs(gb) < 1e-6, `gradient ${ga}, ${gb}`);
});

test('applyPlattToEnsemble changes predictions exactly as sigmoid(a·z + b)', () => {
  const data = makeSyntheticDataset(1000, 10, 1);
  const { model } = trainGbdt(data, { nTrees: 20, maxDepth: 3 });
  const a = 0.73;
  const b = -0.41;
  const scaled = applyPlattToEnsemble(model, a, b);
  assert.equal(scaled.trees.length, model.trees.length);
  assert.equal(scaled.aggregate, 'SUM');
  assert.equal(scaled.postTransform, 'LOGISTIC');
  for (let i = 0; i < 200; i++) {
    const row = data.rows.subarray(i * 10, (i + 1) * 10);
    const z = ensembleScore(model, row);
    assert.ok(Math.abs(predictRow(scaled, row) - sigmoid(a * z + b)) < 1e-6);
  }
  assert.equal(
    model.trees[0].value.some((v, k) => v !== scaled.trees[0].value[k]),
    true,
    'original model untouched, copy changed',
  );
  assert.throws(() => applyPlattToEnsemble({ ...model, aggregate: 'AVERAGE' }, a, b));
});

test('isotonic regression (PAV) on a hand example', () => {
  // Sorted by score, labels 1 0 0 1 1: PAV pools the first three into mean 1/3.
  const cal = fitIsotonic([0.1, 0.2, 0.3, 0.4, 0.5], [1, 0, 0, 1, 1]);
  const at = (s: number): number => applyIsotonic(cal, s);
  assert.ok(Math.abs(at(0.1) - 1 / 3) < 1e-12);
  assert.ok(Math.abs(at(0.3) - 1 / 3) < 1e-12);
  assert.equal(at(0.45), 1);
  assert.equal(at(0.5), 1);
  assert.ok(Math.abs(at(0.35) - (1 / 3 + 0.5 * (2 / 3))) < 1e-12, 'linear between blocks');
  assert.ok(Math.abs(at(-5) - 1 / 3) < 1e-12 && at(5) === 1, 'constant outside');
});

test('isotonic fit is monotone, pools tied scores, and reduces squared error vs the raw labels mean', () => {
  const rand = createPrng(4);
  const n = 2000;
  const s = Array.from({ length: n }, () => Math.round(rand() * 50) / 50);
  const y = s.map((v): number => (rand() < v * v ? 1 : 0));
  const cal = fitIsotonic(s, y);
  for (let k = 1; k < cal.y.length; k++)
    assert.ok(cal.y[k] >= cal.y[k - 1] && cal.x[k] > cal.x[k - 1]);
  const mean = y.reduce((a, b) => a + b, 0) / n;
  let sseFit = 0;
  let sseMean = 0;
  s.forEach((v, i) => {
    sseFit += (applyIsotonic(cal, v) - y[i]) ** 2;
    sseMean += (mean - y[i]) ** 2;
  });
  assert.ok(sseFit < sseMean);
  // Weighted: the block mean is the weighted label mean.
  const wcal = fitIsotonic([1, 2], [1, 0], [1, 3]);
  assert.ok(Math.abs(applyIsotonic(wcal, 1.5) - 0.25) < 1e-12);
});
