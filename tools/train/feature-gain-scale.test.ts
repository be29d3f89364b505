import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from './dataset';
import { trainGbdt } from './gbdt';
import { createPrng } from './prng';
import { makeSyntheticDataset } from './synthetic';

/** Column 0 and column 1 are the same informative feature; column 2 is noise. */
function duplicatedSignal(n: number, seed: number): Dataset {
  const rand = createPrng(seed);
  const rows = new Float32Array(n * 3);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = rand() * 2 - 1;
    rows[i * 3] = x;
    rows[i * 3 + 1] = x;
    rows[i * 3 + 2] = rand();
    labels[i] = rand() < 1 / (1 + Math.exp(-3 * x)) ? 1 : 0;
  }
  return { rows, nFeatures: 3, labels };
}

const usedFeatures = (model: { trees: readonly { feature: readonly number[] }[] }): Set<number> =>
  new Set(model.trees.flatMap((t) => t.feature.filter((f) => f >= 0)));

test('without a penalty the tie between two copies of a feature goes to the lower index', () => {
  const { model } = trainGbdt(duplicatedSignal(2000, 1), { nTrees: 20, maxDepth: 2 });
  assert.ok(usedFeatures(model).has(0));
  assert.ok(!usedFeatures(model).has(1));
});

test('a penalised feature loses to an unpenalised copy of itself', () => {
  const scale = Float64Array.from([0.5, 1, 1]);
  const { model } = trainGbdt(duplicatedSignal(2000, 1), {
    nTrees: 20,
    maxDepth: 2,
    featureGainScale: scale,
  });
  const used = usedFeatures(model);
  assert.ok(used.has(1));
  assert.ok(!used.has(0));
});

test('a scale of 0 keeps a feature out of every tree, even its only informative one', () => {
  const data = duplicatedSignal(2000, 2);
  const { model } = trainGbdt(data, {
    nTrees: 20,
    maxDepth: 2,
    featureGainScale: Float64Array.from([0, 0, 1]),
  });
  const used = usedFeatures(model);
  assert.ok(!used.has(0) && !used.has(1));
});

test('all scales 1 train the same model as no scale', () => {
  const train = makeSyntheticDataset(1500, 8, 5);
  const params = { nTrees: 8, maxDepth: 3, subsample: 0.8, colsample: 0.75, seed: 4 };
  const a = trainGbdt(train, params).model;
  const b = trainGbdt(train, { ...params, featureGainScale: new Float64Array(8).fill(1) }).model;
  assert.deepEqual(a, b);
});

test('a scale vector of the wrong length or with values outside [0, 1] is refused', () => {
  const train = duplicatedSignal(200, 1);
  assert.throws(
    () => trainGbdt(train, { nTrees: 1, featureGainScale: new Float64Array(4).fill(1) }),
    /featureGainScale has 4 entries for 3 features/,
  );
  assert.throws(
    () => trainGbdt(train, { nTrees: 1, featureGainScale: Float64Array.from([1, 1.5, 1]) }),
    /featureGainScale values must lie in \[0, 1\]/,
  );
});
