/**
 * The break predictor's training recipe (docs/predictor.md), as a function without file I/O:
 *
 * 1. grouped-by-date cross-validation (the honest estimate, and the out-of-fold scores);
 * 2. the final model on every day but the last `holdoutDays`, early-stopped on those days (no
 *    frame of a held-out day is fit on);
 * 3. Platt scaling fitted on the out-of-fold scores of step 1, folded into the trees when it
 *    lowers the held-out ECE (10 bins), else left out;
 * 4. held-out metrics, with the Bayes AUC of the generator's truth on the same frames.
 */
import { predictBatch, type TreeEnsemble } from '../../src/domain/model/tree-ensemble';
import { applyPlattToEnsemble, fitPlatt } from '../train/calibration';
import { crossValidateGbdt, type CrossValidationResult } from '../train/cross-validate';
import { holdOutLastDates } from '../train/cv';
import type { Dataset } from '../train/dataset';
import {
  DEFAULT_GBDT_PARAMS,
  trainGbdt,
  type GbdtParams,
  type TrainingProgress,
} from '../train/gbdt';
import { brierScore, expectedCalibrationError, logLoss, rocAuc } from '../train/metrics';
import type { FrameMetrics } from './model-files';
import { subsetFrames, type ResolvedFrames } from './training-data';

/** The shipped model's hyper-parameters (grouped CV on the 60-day dataset; learning rate 0.08 for fewer trees at the same independent-day AUC on the 400 rebuild days; docs/predictor.md). */
export const PREDICTOR_PARAMS: Omit<GbdtParams, 'seed'> = {
  ...DEFAULT_GBDT_PARAMS,
  nTrees: 800,
  learningRate: 0.08,
  maxDepth: 5,
  maxLeaves: 24,
  minSamplesLeaf: 100,
  lambda: 1,
  subsample: 0.7,
  colsample: 0.5,
  earlyStoppingRounds: 60,
};

export interface PredictorTrainingOptions {
  readonly seed: number;
  readonly params?: Partial<GbdtParams>;
  readonly cvFolds?: number;
  /** Last days of each CV training fold used for its early stopping. */
  readonly cvEarlyStoppingDays?: number;
  /** Last days of the data held out for the final model's early stopping and metrics. */
  readonly holdoutDays?: number;
  /**
   * What the final model is fitted to: the observed outcomes (the product's model), or `truth`,
   * the generator's P(BREAK) of every frame (a simulation diagnostic: what a model of this vector
   * can learn without outcome noise). The cross-validation always uses the outcomes.
   */
  readonly labels?: TrainingLabels;
  readonly onProgress?: (stage: string, p: TrainingProgress) => void;
}

export type TrainingLabels = 'outcome' | 'truth';

export interface CalibrationDecision {
  readonly a: number;
  readonly b: number;
  readonly eceBefore: number;
  readonly eceAfter: number;
  readonly applied: boolean;
}

export interface PredictorTrainingResult {
  readonly model: TreeEnsemble;
  readonly params: GbdtParams;
  readonly cv: CrossValidationResult;
  readonly cvFolds: number;
  readonly fitDates: readonly string[];
  readonly holdoutDates: readonly string[];
  readonly nFit: number;
  readonly nHoldout: number;
  readonly calibration: CalibrationDecision;
  readonly heldOut: FrameMetrics;
  readonly labels: TrainingLabels;
}

/** The final fit's dataset: outcomes, or the generator's probabilities as soft labels. */
function fitDataset(f: ResolvedFrames, labels: TrainingLabels): Dataset {
  if (labels === 'outcome') return { rows: f.rows, nFeatures: 144, labels: f.labels };
  const missing = f.truth.findIndex((t) => !(t >= 0 && t <= 1));
  if (missing >= 0) {
    throw new Error(
      `labels 'truth' needs the generator's P(BREAK) on every frame; frame ${missing} (${f.dates[missing] ?? '?'}) has none: use simulated episodes with truth records`,
    );
  }
  return { rows: f.rows, nFeatures: 144, labels: f.truth, softLabels: true };
}

/** Metrics of probabilities `probs` on frames `f` (with the Bayes AUC when every frame has truth). */
export function frameMetrics(f: ResolvedFrames, probs: ArrayLike<number>): FrameMetrics {
  const n = f.labels.length;
  let breaks = 0;
  for (let i = 0; i < n; i++) breaks += f.labels[i];
  const auc = rocAuc(f.labels, probs);
  const hasTruth = n > 0 && f.truth.every((t) => Number.isFinite(t));
  const bayes = hasTruth ? rocAuc(f.labels, f.truth) : null;
  return {
    n,
    n_days: new Set(f.dates).size,
    break_rate: n > 0 ? breaks / n : Number.NaN,
    auc,
    bayes_auc: bayes,
    auc_ratio: bayes === null ? null : auc / bayes,
    ece: expectedCalibrationError(f.labels, probs, 10),
    brier: brierScore(f.labels, probs),
    log_loss: logLoss(f.labels, probs),
  };
}

export function countLeaves(model: TreeEnsemble): number {
  let leaves = 0;
  for (const t of model.trees) for (const f of t.feature) if (f < 0) leaves++;
  return leaves;
}

export function trainBreakPredictor(
  frames: ResolvedFrames,
  opts: PredictorTrainingOptions,
): PredictorTrainingResult {
  const params: GbdtParams = { ...PREDICTOR_PARAMS, ...opts.params, seed: opts.seed };
  const cvFolds = opts.cvFolds ?? 5;
  const data: Dataset = { rows: frames.rows, nFeatures: 144, labels: frames.labels };
  const nDays = new Set(frames.dates).size;
  const holdoutDays = opts.holdoutDays ?? Math.max(1, Math.round(nDays / 6));
  const cvEarlyStoppingDays = opts.cvEarlyStoppingDays ?? Math.max(1, Math.round(nDays / 10));

  const cv = crossValidateGbdt(data, frames.dates, {
    folds: cvFolds,
    seed: opts.seed,
    earlyStoppingDates: cvEarlyStoppingDays,
    params,
    onProgress: (k, p) => opts.onProgress?.(`cv ${k + 1}/${cvFolds}`, p),
  });

  const split = holdOutLastDates(frames.dates, holdoutDays);
  const fit = subsetFrames(frames, split.fit);
  const held = subsetFrames(frames, split.holdout);
  const labels = opts.labels ?? 'outcome';
  const { model: raw } = trainGbdt(fitDataset(fit, labels), params, {
    valid: fitDataset(held, labels),
    onProgress: (p) => opts.onProgress?.('final', p),
  });

  const platt = fitPlatt(cv.oofScores, frames.labels);
  const calibrated = applyPlattToEnsemble(raw, platt.a, platt.b);
  const rawProbs = predictBatch(raw, held.rows);
  const calProbs = predictBatch(calibrated, held.rows);
  const eceBefore = expectedCalibrationError(held.labels, rawProbs, 10);
  const eceAfter = expectedCalibrationError(held.labels, calProbs, 10);
  // Platt's fit comes from outcome-trained fold models: it does not describe a model fitted to
  // the generator's probabilities, which needs no recalibration.
  const applied = labels === 'outcome' && eceAfter < eceBefore;
  const model = applied ? calibrated : raw;

  return {
    model,
    params,
    cv,
    cvFolds,
    fitDates: [...new Set(fit.dates)].sort(),
    holdoutDates: split.holdoutDates,
    nFit: fit.labels.length,
    nHoldout: held.labels.length,
    calibration: { a: platt.a, b: platt.b, eceBefore, eceAfter, applied },
    heldOut: frameMetrics(held, applied ? calProbs : rawProbs),
    labels,
  };
}
