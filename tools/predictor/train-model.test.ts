import assert from 'node:assert/strict';
import test from 'node:test';
import { predictBatch } from '../../src/domain/model/tree-ensemble';
import type { EpisodeRow } from '../dataset/episode-rows';
import { syntheticLogOdds, makeSyntheticDataset } from '../train/synthetic';
import { brierScore, expectedCalibrationError, rocAuc } from '../train/metrics';
import { trainBreakPredictor } from './train-model';
import { subsetFrames, type ResolvedFrames } from './training-data';

/** 2,400 synthetic 144-D rows over 24 days, with the generator's probability as truth. */
function frames(): ResolvedFrames {
  const n = 2400;
  const ds = makeSyntheticDataset(n, 144, 5);
  const dates = Array.from(
    { length: n },
    (_, i) => `2025-02-${String(1 + Math.floor(i / 100)).padStart(2, '0')}`,
  );
  const truth = Float64Array.from({ length: n }, (_, i) => {
    const z = syntheticLogOdds(ds.rows.subarray(i * 144, (i + 1) * 144));
    return 1 / (1 + Math.exp(-z));
  });
  const meta = dates.map((date, i) => ({ row: i, date }) as unknown as EpisodeRow);
  return { rows: ds.rows, labels: Uint8Array.from(ds.labels), dates, meta, truth };
}

/** The frames of the last 4 of the 24 days (rows 2000–2399): the held-out days with holdoutDays 4. */
const lastFourDays = (f: ResolvedFrames): ResolvedFrames =>
  subsetFrames(
    f,
    Array.from({ length: 400 }, (_, i) => 2000 + i),
  );

const params = {
  nTrees: 60,
  learningRate: 0.1,
  maxDepth: 3,
  maxLeaves: 8,
  minSamplesLeaf: 20,
  earlyStoppingRounds: 10,
};

test('the recipe: held-out days never fit, metrics recomputable, calibration only if it helps, deterministic', () => {
  const f = frames();
  const a = trainBreakPredictor(f, {
    seed: 3,
    params,
    cvFolds: 4,
    holdoutDays: 4,
    cvEarlyStoppingDays: 3,
  });
  assert.deepEqual(a.holdoutDates, ['2025-02-21', '2025-02-22', '2025-02-23', '2025-02-24']);
  assert.ok(a.fitDates.every((d) => !a.holdoutDates.includes(d)));
  assert.equal(a.nFit + a.nHoldout, 2400);
  assert.equal(a.nHoldout, 400);

  // Held-out metrics are those of the returned model on the held-out rows.
  const held = lastFourDays(f);
  const p = predictBatch(a.model, held.rows);
  assert.ok(Math.abs(a.heldOut.auc - rocAuc(held.labels, p)) < 1e-12);
  assert.ok(Math.abs(a.heldOut.ece - expectedCalibrationError(held.labels, p, 10)) < 1e-12);
  assert.ok(Math.abs(a.heldOut.brier - brierScore(held.labels, p)) < 1e-12);
  assert.ok(
    a.heldOut.bayes_auc !== null &&
      Math.abs(a.heldOut.bayes_auc - rocAuc(held.labels, held.truth)) < 1e-12,
  );
  assert.ok(a.heldOut.auc > 0.65, `held-out AUC ${a.heldOut.auc}`);
  assert.ok(a.heldOut.auc < (a.heldOut.bayes_auc ?? 1) + 0.02);

  // Platt is folded in exactly when it lowered the held-out ECE.
  const c = a.calibration;
  assert.equal(c.applied, c.eceAfter < c.eceBefore);
  assert.ok(Math.abs(a.heldOut.ece - (c.applied ? c.eceAfter : c.eceBefore)) < 1e-12);

  assert.equal(a.cv.folds.length, 4);
  assert.ok(a.cv.pooled.auc > 0.6);

  const b = trainBreakPredictor(f, {
    seed: 3,
    params,
    cvFolds: 4,
    holdoutDays: 4,
    cvEarlyStoppingDays: 3,
  });
  assert.deepEqual(b.model, a.model);
  const other = trainBreakPredictor(f, {
    seed: 4,
    params: { ...params, subsample: 0.7 },
    cvFolds: 4,
    holdoutDays: 4,
    cvEarlyStoppingDays: 3,
  });
  assert.notDeepEqual(other.model, a.model);
});

test("labels 'truth': the final fit follows the generator's probabilities; frames without truth are refused", () => {
  const f = frames();
  const opts = { seed: 3, params, cvFolds: 3, holdoutDays: 4, cvEarlyStoppingDays: 3 };
  const outcome = trainBreakPredictor(f, opts);
  const truth = trainBreakPredictor(f, { ...opts, labels: 'truth' });
  assert.equal(outcome.labels, 'outcome');
  assert.equal(truth.labels, 'truth');
  // Platt comes from outcome-trained fold models: never folded into a model fitted to truth
  assert.equal(truth.calibration.applied, false);
  // the cross-validation is the outcomes' in both
  assert.deepEqual(truth.cv.pooled, outcome.cv.pooled);

  const held = lastFourDays(f);
  const meanAbsError = (p: ArrayLike<number>): number => {
    let s = 0;
    for (let i = 0; i < held.truth.length; i++) s += Math.abs(p[i] - held.truth[i]);
    return s / held.truth.length;
  };
  const eTruth = meanAbsError(predictBatch(truth.model, held.rows));
  const eOutcome = meanAbsError(predictBatch(outcome.model, held.rows));
  assert.ok(eTruth < eOutcome, `|p − truth|: fitted to truth ${eTruth}, to outcomes ${eOutcome}`);

  const noTruth = { ...f, truth: f.truth.map((t, i) => (i === 7 ? Number.NaN : t)) };
  assert.throws(
    () => trainBreakPredictor(noTruth, { ...opts, labels: 'truth' }),
    /frame 7 \(2025-02-01\) has none/,
  );
});
