/**
 * Grouped cross-validation of the boosted trainer and the date-holdout training recipe.
 *
 * Each fold trains on the other folds' dates. With `earlyStoppingDates` > 0 the last dates of the
 * fold's training rows become its early-stopping set, so the fold's test dates are never used to
 * pick anything. The out-of-fold raw scores are what calibration (Platt, isotonic) is fitted on.
 */
import { ensembleScore, sigmoid, type TreeEnsemble } from '../../src/domain/model/tree-ensemble';
import { groupKFold, holdOutLastDates } from './cv';
import { rowCount, selectRows, type Dataset } from './dataset';
import { trainGbdt, type GbdtParams, type GbdtResult, type TrainingProgress } from './gbdt';
import { brierScore, expectedCalibrationError, logLoss, rocAuc } from './metrics';

export interface ProbabilityMetrics {
  readonly auc: number;
  readonly logLoss: number;
  readonly brier: number;
  readonly ece: number;
}

export interface FoldResult extends ProbabilityMetrics {
  readonly fold: number;
  readonly testGroups: readonly string[];
  readonly nTrain: number;
  readonly nTest: number;
  /** Trees kept in the fold's model. */
  readonly trees: number;
}

export interface CrossValidationResult {
  readonly folds: readonly FoldResult[];
  /** Metrics of all out-of-fold predictions pooled. */
  readonly pooled: ProbabilityMetrics;
  /** Out-of-fold raw score (log-odds) per row. */
  readonly oofScores: Float64Array;
  /** Out-of-fold probability per row. */
  readonly oofProbs: Float64Array;
}

export interface CrossValidationOptions {
  readonly folds: number;
  readonly seed: number;
  /** Last dates of each training fold held out for early stopping; 0 trains `nTrees` rounds. */
  readonly earlyStoppingDates: number;
  readonly params?: Partial<GbdtParams>;
  readonly onProgress?: (fold: number, progress: TrainingProgress) => void;
}

function weightsOf(data: Dataset, rows: ArrayLike<number>): number[] | undefined {
  const w = data.weights;
  return w === undefined ? undefined : Array.from(rows, (i) => w[i]);
}

export function probabilityMetrics(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  weights?: ArrayLike<number>,
): ProbabilityMetrics {
  return {
    auc: rocAuc(labels, probs, weights),
    logLoss: logLoss(labels, probs, weights),
    brier: brierScore(labels, probs, weights),
    ece: expectedCalibrationError(labels, probs, 10, weights),
  };
}

/**
 * Trains on all rows except the last `nDates` dates and early-stops on those (when nDates > 0);
 * `rows` restricts training to a subset. The recipe for the final model and for each CV fold.
 */
export function trainWithDateHoldout(
  data: Dataset,
  dates: readonly string[],
  nDates: number,
  params: Partial<GbdtParams> = {},
  onProgress?: (progress: TrainingProgress) => void,
  rows?: ArrayLike<number>,
): GbdtResult {
  if (dates.length !== rowCount(data))
    throw new Error(`${dates.length} dates for ${rowCount(data)} rows`);
  if (nDates <= 0) {
    const subset = rows === undefined ? data : selectRows(data, rows);
    return trainGbdt(subset, { ...params, earlyStoppingRounds: 0 }, { onProgress });
  }
  const split = holdOutLastDates(dates, nDates, rows);
  return trainGbdt(selectRows(data, split.fit), params, {
    valid: selectRows(data, split.holdout),
    onProgress,
  });
}

/** k-fold cross-validation grouped by date; deterministic for a seed. */
export function crossValidateGbdt(
  data: Dataset,
  dates: readonly string[],
  options: CrossValidationOptions,
): CrossValidationResult {
  const n = rowCount(data);
  if (dates.length !== n) throw new Error(`${dates.length} dates for ${n} rows`);
  const folds = groupKFold(dates, options.folds, options.seed);
  const oofScores = new Float64Array(n);
  const oofProbs = new Float64Array(n);
  const d = data.nFeatures;
  const results = folds.map((fold, k): FoldResult => {
    const onProgress =
      options.onProgress === undefined
        ? undefined
        : (p: TrainingProgress) => options.onProgress?.(k, p);
    const { model } = trainWithDateHoldout(
      data,
      dates,
      options.earlyStoppingDates,
      options.params,
      onProgress,
      fold.train,
    );
    const probs = scoreRows(model, data.rows, d, fold.test, oofScores, oofProbs);
    const labels = Array.from(fold.test, (i) => data.labels[i]);
    return {
      fold: k,
      testGroups: fold.testGroups,
      nTrain: fold.train.length,
      nTest: fold.test.length,
      trees: model.trees.length,
      ...probabilityMetrics(labels, probs, weightsOf(data, fold.test)),
    };
  });
  return {
    folds: results,
    pooled: probabilityMetrics(data.labels, oofProbs, data.weights),
    oofScores,
    oofProbs,
  };
}

/** Writes the model's score and probability for `rows` into the out-of-fold arrays. */
function scoreRows(
  model: TreeEnsemble,
  all: Float32Array,
  d: number,
  rows: Uint32Array,
  scores: Float64Array,
  probs: Float64Array,
): number[] {
  const out: number[] = [];
  for (const i of rows) {
    const z = ensembleScore(model, all.subarray(i * d, (i + 1) * d));
    scores[i] = z;
    probs[i] = sigmoid(z);
    out.push(probs[i]);
  }
  return out;
}
