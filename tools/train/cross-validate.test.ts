import { test } from 'node:test';
import assert from 'node:assert/strict';
import { predictRow } from '../../src/domain/model/tree-ensemble';
import { crossValidateGbdt, trainWithDateHoldout } from './cross-validate';
import { selectRows } from './dataset';
import { trainGbdt } from './gbdt';
import { makeSyntheticDataset } from './synthetic';

const N = 2400;
const D = 10;
const data = makeSyntheticDataset(N, D, 12);
// 24 session dates of 100 rows each, interleaved.
const dates = Array.from(
  { length: N },
  (_, i) => `2026-02-${String(1 + (i % 24)).padStart(2, '0')}`,
);
const params = { nTrees: 40, maxDepth: 3, learningRate: 0.2, earlyStoppingRounds: 5 };

test("out-of-fold predictions come from a model trained without the row's date", () => {
  const cv = crossValidateGbdt(data, dates, { folds: 4, seed: 3, earlyStoppingDates: 2, params });
  assert.equal(cv.folds.length, 4);
  assert.equal(
    cv.folds.reduce((s, f) => s + f.nTest, 0),
    N,
  );
  const fold = cv.folds[1];
  const testDates = new Set(fold.testGroups);
  const trainRows = Array.from({ length: N }, (_, i) => i).filter((i) => !testDates.has(dates[i]));
  // Rebuild the fold's model by hand: hold out its last 2 training dates for early stopping.
  const trainDates = [...new Set(trainRows.map((i) => dates[i]))].sort();
  const stopDates = new Set(trainDates.slice(-2));
  const fit = trainRows.filter((i) => !stopDates.has(dates[i]));
  const stop = trainRows.filter((i) => stopDates.has(dates[i]));
  const { model } = trainGbdt(selectRows(data, fit), params, { valid: selectRows(data, stop) });
  assert.equal(model.trees.length, fold.trees);
  for (let i = 0; i < N; i++) {
    if (!testDates.has(dates[i])) continue;
    assert.ok(
      Math.abs(predictRow(model, data.rows.subarray(i * D, (i + 1) * D)) - cv.oofProbs[i]) < 1e-12,
    );
  }
  assert.ok(cv.pooled.auc > 0.7, `pooled AUC ${cv.pooled.auc}`);
  for (let i = 0; i < N; i++)
    assert.ok(Math.abs(1 / (1 + Math.exp(-cv.oofScores[i])) - cv.oofProbs[i]) < 1e-12);
});

test('trainWithDateHoldout without holdout trains the full number of rounds', () => {
  const { model, log } = trainWithDateHoldout(data, dates, 0, { ...params, nTrees: 12 });
  assert.equal(model.trees.length, 12);
  assert.equal(log.stoppedEarly, false);
});
