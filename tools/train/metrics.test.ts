import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accuracyAt,
  brierScore,
  calibrationReport,
  expectedCalibrationError,
  logLoss,
  rocAuc,
} from './metrics';
import { createPrng } from './prng';

/** Weighted count of (positive, negative) pairs ordered correctly, ties counting one half. */
function bruteForceAuc(labels: number[], scores: number[], weights?: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = 0; j < labels.length; j++) {
      if (labels[i] !== 1 || labels[j] !== 0) continue;
      const w = (weights?.[i] ?? 1) * (weights?.[j] ?? 1);
      den += w;
      if (scores[i] > scores[j]) num += w;
      else if (scores[i] === scores[j]) num += 0.5 * w;
    }
  }
  return num / den;
}

test('ROC AUC equals a brute-force pair count, with ties and weights', () => {
  const rand = createPrng(5);
  for (let trial = 0; trial < 20; trial++) {
    const n = 30 + trial * 5;
    const labels = Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0));
    // Coarse scores so that many ties occur, some across classes.
    const scores = labels.map((y) => Math.round((rand() + 0.3 * y) * 8) / 8);
    const weights = labels.map(() => 0.5 + rand());
    assert.ok(Math.abs(rocAuc(labels, scores) - bruteForceAuc(labels, scores)) < 1e-12);
    assert.ok(
      Math.abs(rocAuc(labels, scores, weights) - bruteForceAuc(labels, scores, weights)) < 1e-12,
    );
  }
});

test('ROC AUC: perfect, reversed, all tied, one class', () => {
  assert.equal(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4]), 1);
  assert.equal(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4]), 0);
  assert.equal(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5]), 0.5);
  assert.ok(Number.isNaN(rocAuc([1, 1], [0.2, 0.3])));
});

test('log loss, Brier score and accuracy on a hand example', () => {
  const labels = [1, 0, 1, 0];
  const probs = [0.8, 0.4, 0.3, 0.1];
  const expectedLogLoss = -(Math.log(0.8) + Math.log(0.6) + Math.log(0.3) + Math.log(0.9)) / 4;
  assert.ok(Math.abs(logLoss(labels, probs) - expectedLogLoss) < 1e-12);
  assert.ok(Math.abs(brierScore(labels, probs) - (0.04 + 0.16 + 0.49 + 0.01) / 4) < 1e-12);
  assert.equal(accuracyAt(labels, probs, 0.5), 0.75);
  assert.equal(accuracyAt(labels, probs, 0.25), 0.75);
  assert.equal(accuracyAt(labels, probs, 0.35), 0.5);
  // Clipping keeps a confident mistake finite.
  assert.ok(Number.isFinite(logLoss([1], [0])));
  // Weights: the second row counted twice.
  assert.ok(Math.abs(brierScore([1, 0], [0.5, 0.5], [1, 2]) - 0.25) < 1e-12);
  assert.ok(
    Math.abs(logLoss([1, 0], [0.9, 0.3], [1, 3]) - -(Math.log(0.9) + 3 * Math.log(0.7)) / 4) <
      1e-12,
  );
});

test('ECE and reliability bins on a hand example', () => {
  // Bin [0.1, 0.2): probs 0.1, 0.1, 0.1, 0.1 with 1 positive → observed 0.25, gap 0.15.
  // Bin [0.7, 0.8): probs 0.7, 0.7 with 2 positives → observed 1, gap 0.3.
  // Bin [0.9, 1]:   probs 1.0, 0.9 with 1 positive → mean 0.95, observed 0.5, gap 0.45.
  const probs = [0.1, 0.1, 0.1, 0.1, 0.7, 0.7, 1.0, 0.9];
  const labels = [1, 0, 0, 0, 1, 1, 1, 0];
  const expected = (4 / 8) * 0.15 + (2 / 8) * 0.3 + (2 / 8) * 0.45;
  assert.ok(Math.abs(expectedCalibrationError(labels, probs) - expected) < 1e-12);
  const report = calibrationReport(labels, probs);
  assert.equal(report.bins.length, 10);
  assert.deepEqual(
    report.bins.map((b) => b.count),
    [0, 4, 0, 0, 0, 0, 0, 2, 0, 2],
  );
  assert.ok(Math.abs(report.bins[9].meanPredicted - 0.95) < 1e-12);
  assert.equal(report.bins[9].observedRate, 0.5);
  assert.ok(Number.isNaN(report.bins[0].observedRate));
  assert.ok(Math.abs(report.mce - 0.45) < 1e-12);
});

test('a calibrated predictor has a small ECE, a shifted one a larger ECE', () => {
  const rand = createPrng(8);
  const probs = Array.from({ length: 50_000 }, () => rand());
  const labels = probs.map((p) => (rand() < p ? 1 : 0));
  assert.ok(expectedCalibrationError(labels, probs) < 0.02);
  const shifted = probs.map((p) => Math.min(1, p + 0.1));
  assert.ok(expectedCalibrationError(labels, shifted) > 0.07);
});
