import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  predictBatch,
  predictRow,
  type DecisionTree,
  type TreeEnsemble,
} from '../../src/domain/model/tree-ensemble';
import { binRows, fitBinMapper } from './binning';
import type { Dataset } from './dataset';
import { priorLogOdds, trainGbdt } from './gbdt';
import { findBestSplit, histogramLayout, newHistogram, accumulateHistogram } from './histogram';
import { logLoss } from './metrics';
import { createPrng } from './prng';
import { makeSyntheticDataset } from './synthetic';
import { binnedLeaf, growTree, toDecisionTree } from './tree-builder';

const LAMBDA = 1;

/** Tiny data: 3 continuous features (one with NaNs, one with ties), random labels. */
function tinyDataset(seed: number, n = 40): Dataset {
  const rand = createPrng(seed);
  const d = 3;
  const rows = new Float32Array(n * d);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    rows[i * d] = rand() * 10;
    rows[i * d + 1] = rand() < 0.25 ? Number.NaN : rand() - 0.5;
    rows[i * d + 2] = Math.floor(rand() * 4);
    labels[i] = rand() < 0.2 + 0.06 * rows[i * d] ? 1 : 0;
  }
  return { rows, nFeatures: d, labels };
}

interface BruteSplit {
  feature: number;
  goesLeft: boolean[];
  gain: number;
  gl: number;
  hl: number;
}

/** Exhaustive search over every raw threshold of every feature (NaN always right). */
function bruteForceSplit(data: Dataset, g: number[], h: number[]): BruteSplit | null {
  const d = data.nFeatures;
  const n = data.labels.length;
  const score = (gs: number, hs: number): number => (gs * gs) / (hs + LAMBDA);
  const G = g.reduce((a, b) => a + b, 0);
  const H = h.reduce((a, b) => a + b, 0);
  let best: BruteSplit | null = null;
  for (let f = 0; f < d; f++) {
    const candidates = new Set<number>();
    for (let i = 0; i < n; i++)
      if (!Number.isNaN(data.rows[i * d + f])) candidates.add(data.rows[i * d + f]);
    for (const t of candidates) {
      const goesLeft = Array.from({ length: n }, (_, i) => data.rows[i * d + f] <= t);
      let gl = 0;
      let hl = 0;
      let nl = 0;
      for (let i = 0; i < n; i++)
        if (goesLeft[i]) {
          gl += g[i];
          hl += h[i];
          nl++;
        }
      if (nl === 0 || nl === n) continue;
      const gain = 0.5 * (score(gl, hl) + score(G - gl, H - hl) - score(G, H));
      if (best === null || gain > best.gain + 1e-12) best = { feature: f, goesLeft, gain, gl, hl };
    }
  }
  return best;
}

function leafOf(tree: DecisionTree, row: ArrayLike<number>): number {
  let node = 0;
  while (tree.feature[node] >= 0)
    node = row[tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  return node;
}

function initialGradients(data: Dataset): { g: number[]; h: number[] } {
  const p0 = 1 / (1 + Math.exp(-priorLogOdds(data)));
  const g = Array.from(data.labels, (y) => p0 - y);
  const h = Array.from(data.labels, () => p0 * (1 - p0));
  return { g, h };
}

test('the chosen split and its gain equal an exhaustive search on tiny data', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const data = tinyDataset(seed);
    const { g, h } = initialGradients(data);
    const brute = bruteForceSplit(data, g, h);
    assert.ok(brute !== null);

    const mapper = fitBinMapper(data.rows, data.nFeatures);
    const binned = binRows(mapper, data.rows);
    const layout = histogramLayout(mapper);
    const hist = newHistogram(layout);
    const n = data.labels.length;
    const rowIdx = Uint32Array.from({ length: n }, (_, i) => i);
    const features = Uint32Array.from([0, 1, 2]);
    accumulateHistogram(
      hist,
      layout,
      binned,
      features,
      rowIdx,
      0,
      n,
      Float64Array.from(g.flatMap((gi, i) => [gi, h[i]])),
    );
    const totals = {
      grad: g.reduce((a, b) => a + b, 0),
      hess: h.reduce((a, b) => a + b, 0),
      count: n,
    };
    const split = findBestSplit(hist, layout, features, totals, {
      lambda: LAMBDA,
      minChildWeight: 0,
      minSamplesLeaf: 1,
    });
    assert.ok(split !== null);
    assert.ok(
      Math.abs(split.gain - brute.gain) < 1e-9,
      `seed ${seed}: gain ${split.gain} vs ${brute.gain}`,
    );

    // The trained stump routes rows exactly as the exhaustive best split.
    const lr = 0.3;
    const { model } = trainGbdt(data, {
      nTrees: 1,
      maxDepth: 1,
      learningRate: lr,
      lambda: LAMBDA,
      minChildWeight: 0,
      minSamplesLeaf: 1,
    });
    const tree = model.trees[0];
    assert.equal(tree.feature[0], brute.feature);
    const left = tree.left[0];
    for (let i = 0; i < n; i++) {
      const row = data.rows.subarray(i * 3, i * 3 + 3);
      assert.equal(leafOf(tree, row) === left, brute.goesLeft[i], `seed ${seed} row ${i}`);
    }
    // Leaf values are −G/(H+λ)·lr of the rows in each leaf.
    const G = g.reduce((a, b) => a + b, 0);
    const H = h.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(tree.value[left] - (-brute.gl / (brute.hl + LAMBDA)) * lr) < 1e-6);
    assert.ok(
      Math.abs(tree.value[tree.right[0]] - (-(G - brute.gl) / (H - brute.hl + LAMBDA)) * lr) < 1e-6,
    );
  }
});

test('baseScore is the log-odds of the (weighted) training prior', () => {
  const data: Dataset = { rows: new Float32Array(4), nFeatures: 1, labels: [1, 0, 0, 0] };
  assert.ok(Math.abs(priorLogOdds(data) - Math.log(1 / 3)) < 1e-6);
  assert.ok(Math.abs(priorLogOdds({ ...data, weights: [3, 1, 1, 1] }) - 0) < 1e-6);
  const { model } = trainGbdt(data, { nTrees: 0 });
  assert.ok(Math.abs(predictRow(model, [0]) - 0.25) < 1e-6);
});

test('a single tree separates a separable 1-D problem', () => {
  const n = 200;
  const rows = Float32Array.from({ length: n }, (_, i) => i / 10);
  const labels = Uint8Array.from({ length: n }, (_, i) => (i >= 120 ? 1 : 0));
  const { model } = trainGbdt(
    { rows, nFeatures: 1, labels },
    { nTrees: 1, maxDepth: 1, learningRate: 1, minSamplesLeaf: 1 },
  );
  const tree = model.trees[0];
  assert.equal(tree.feature[0], 0);
  assert.ok(
    tree.threshold[0] >= rows[119] && tree.threshold[0] < rows[120],
    `threshold ${tree.threshold[0]}`,
  );
  for (let i = 0; i < n; i++) {
    const p = predictRow(model, [rows[i]]);
    assert.equal(p > 0.5, labels[i] === 1, `row ${i}: p = ${p}`);
  }
});

test('early stopping returns the model of the best validation round when the model overfits', () => {
  // A weak signal in feature 0 and much label noise: deep trees on 400 rows soon fit the noise,
  // so validation loss falls for a few rounds, then rises.
  const noise = (seed: number): Dataset => {
    const rand = createPrng(seed);
    const n = 400;
    const d = 5;
    const rows = Float32Array.from({ length: n * d }, () => rand());
    return {
      rows,
      nFeatures: d,
      labels: Uint8Array.from({ length: n }, (_, i) => (rand() < 0.2 + 0.6 * rows[i * d] ? 1 : 0)),
    };
  };
  const train = noise(1);
  const valid = noise(2);
  const patience = 5;
  const { model, log } = trainGbdt(
    train,
    {
      nTrees: 100,
      maxDepth: 6,
      learningRate: 0.1,
      minSamplesLeaf: 1,
      minChildWeight: 0,
      earlyStoppingRounds: patience,
    },
    { valid },
  );
  assert.ok(log.stoppedEarly);
  const losses = log.iterations.map((e) => e.validLogLoss ?? Number.NaN);
  const argmin = losses.indexOf(Math.min(...losses));
  assert.equal(log.bestIteration, argmin);
  assert.ok(log.bestIteration >= 2, 'the model learned something before overfitting');
  assert.ok(losses[losses.length - 1] > losses[argmin]);
  assert.equal(model.trees.length, log.bestIteration);
  assert.equal(log.iterations.length, log.bestIteration + patience + 1);
  assert.ok(
    log.iterations[log.iterations.length - 1].trainLogLoss <
      log.iterations[log.bestIteration].trainLogLoss,
  );
  const probs = predictBatch(model, valid.rows);
  assert.ok(Math.abs(logLoss(valid.labels, probs) - losses[argmin]) < 1e-5);
  // Patience 0 disables early stopping: the validation loss is only logged, every tree kept.
  const all = trainGbdt(
    train,
    {
      nTrees: 30,
      maxDepth: 6,
      learningRate: 0.1,
      minSamplesLeaf: 1,
      minChildWeight: 0,
      earlyStoppingRounds: 0,
    },
    { valid },
  );
  assert.equal(all.model.trees.length, 30);
  assert.equal(all.log.bestIteration, 30);
  assert.equal(all.log.iterations.length, 31);
  assert.ok(all.log.iterations.every((e) => e.validLogLoss !== undefined));
});

test('float32 thresholds route every training row to the same leaf as its bins', () => {
  const data = makeSyntheticDataset(3000, 12, 5);
  const mapper = fitBinMapper(data.rows, data.nFeatures, 64);
  const binned = binRows(mapper, data.rows);
  const layout = histogramLayout(mapper);
  const rand = createPrng(9);
  const n = binned.nRows;
  for (let t = 0; t < 5; t++) {
    const grad = Float64Array.from({ length: n }, () => rand() - 0.5);
    const hess = Float64Array.from({ length: n }, () => 0.1 + rand() * 0.15);
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const binnedTree = growTree(
      { binned, layout, features: Uint32Array.from({ length: 12 }, (_, f) => f), rows, grad, hess },
      {
        maxDepth: 6,
        maxLeaves: 64,
        lambda: 1,
        minChildWeight: 0,
        minSamplesLeaf: 1,
        minSplitGain: 0,
        learningRate: 0.1,
      },
    );
    const tree = toDecisionTree(binnedTree, mapper);
    assert.ok(tree.feature.filter((f) => f < 0).length > 20, 'a deep tree');
    for (const thr of tree.threshold) assert.equal(Math.fround(thr), thr);
    // The contract's predictor reports the leaf it reaches when each leaf's value is its node id.
    const leafIds: TreeEnsemble = {
      nFeatures: 12,
      aggregate: 'SUM',
      postTransform: 'NONE',
      baseScore: 0,
      trees: [{ ...tree, value: tree.value.map((_, node) => node) }],
    };
    for (let i = 0; i < n; i++) {
      assert.equal(
        predictRow(leafIds, data.rows.subarray(i * 12, (i + 1) * 12)),
        binnedLeaf(binnedTree, binned, i),
      );
    }
  }
});

test('the trained model reproduces the training-time scores through predictRow', () => {
  const train = makeSyntheticDataset(2000, 10, 3);
  const { model, log } = trainGbdt(train, {
    nTrees: 30,
    maxDepth: 4,
    learningRate: 0.2,
    minSamplesLeaf: 5,
  });
  const probs = predictBatch(model, train.rows);
  assert.ok(Math.abs(logLoss(train.labels, probs) - log.iterations[30].trainLogLoss) < 1e-5);
  assert.ok(log.iterations[30].trainLogLoss < log.iterations[0].trainLogLoss - 0.05);
});

test('training is deterministic for a seed, with row and column subsampling', () => {
  const train = makeSyntheticDataset(1500, 16, 4);
  const params = { nTrees: 15, maxDepth: 4, subsample: 0.7, colsample: 0.5, seed: 42 };
  const a = trainGbdt(train, params);
  const b = trainGbdt(train, params);
  assert.deepEqual(a.model, b.model);
  assert.deepEqual(a.log.iterations, b.log.iterations);
  const c = trainGbdt(train, { ...params, seed: 43 });
  assert.notDeepEqual(a.model.trees, c.model.trees);
});

test('colsample restricts each tree to a subset of features', () => {
  const train = makeSyntheticDataset(1500, 16, 6);
  const { model } = trainGbdt(train, { nTrees: 10, maxDepth: 3, colsample: 0.25, seed: 3 });
  for (const tree of model.trees) assert.ok(new Set(tree.feature.filter((f) => f >= 0)).size <= 4);
});

test('integer weights act like repeated rows', () => {
  const base = tinyDataset(7, 60);
  const weights = Array.from({ length: 60 }, (_, i) => 1 + (i % 3));
  const repeated: number[] = [];
  weights.forEach((w, i) => {
    for (let k = 0; k < w; k++) repeated.push(i);
  });
  const rows = new Float32Array(repeated.length * 3);
  repeated.forEach((i, k) => rows.set(base.rows.subarray(i * 3, i * 3 + 3), k * 3));
  const expanded: Dataset = { rows, nFeatures: 3, labels: repeated.map((i) => base.labels[i]) };
  const params = { nTrees: 5, maxDepth: 3, minSamplesLeaf: 1, minChildWeight: 0 };
  const weighted = trainGbdt({ ...base, weights }, params).model;
  const plain = trainGbdt(expanded, params).model;
  for (let i = 0; i < 60; i++) {
    const row = base.rows.subarray(i * 3, i * 3 + 3);
    assert.ok(Math.abs(predictRow(weighted, row) - predictRow(plain, row)) < 1e-5);
  }
});

test('maxLeaves and maxDepth bound every tree', () => {
  const train = makeSyntheticDataset(2000, 10, 8);
  const { model } = trainGbdt(train, { nTrees: 5, maxDepth: 5, maxLeaves: 7, minSamplesLeaf: 1 });
  for (const tree of model.trees) {
    assert.equal(tree.feature.filter((f) => f < 0).length, 7);
    const depth = (node: number): number =>
      tree.feature[node] < 0 ? 0 : 1 + Math.max(depth(tree.left[node]), depth(tree.right[node]));
    assert.ok(depth(0) <= 5);
  }
});
