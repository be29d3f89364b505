/**
 * Gradient-boosted trees for binary classification with the logistic loss.
 *
 * Model: P(y = 1 | x) = sigmoid(baseScore + Σ_t tree_t(x)), exported as a TreeEnsemble with
 * aggregate SUM and post transform LOGISTIC. Each round fits one tree to the gradient
 * g = w·(p − y) and hessian h = w·p·(1 − p) of the current scores (Newton boosting, as XGBoost).
 * See docs/trainer.md for the parameters, decisions and measured figures.
 */
import type { TreeEnsemble } from '../../src/domain/model/tree-ensemble';
import { sigmoid } from '../../src/domain/model/tree-ensemble';
import { binRows, fitBinMapper, MAX_BINS, type BinMapper } from './binning';
import { assertValidDataset, rowCount, type Dataset } from './dataset';
import { histogramLayout } from './histogram';
import { createPrng, sampleSortedIndices } from './prng';
import {
  addTreeOutput,
  growTree,
  HistogramPool,
  toDecisionTree,
  type BinnedTree,
} from './tree-builder';

export interface GbdtParams {
  /** Maximum number of boosting rounds (trees). */
  readonly nTrees: number;
  readonly learningRate: number;
  /** Maximum depth of a leaf (the root is depth 0). */
  readonly maxDepth: number;
  /** Maximum leaves per tree (leaf-wise growth stops there). */
  readonly maxLeaves: number;
  /** L2 regularisation λ of leaf values. */
  readonly lambda: number;
  /** Minimum hessian sum per leaf. */
  readonly minChildWeight: number;
  /** Minimum rows per leaf. */
  readonly minSamplesLeaf: number;
  /** A split must gain strictly more than this (XGBoost's gamma). */
  readonly minSplitGain: number;
  /** Fraction of rows drawn (without replacement) for each tree. */
  readonly subsample: number;
  /** Fraction of features each tree may use. */
  readonly colsample: number;
  /** Quantile bins per feature (≤ 255). */
  readonly maxBins: number;
  /** Early stopping patience in rounds (used only with a validation set; 0 disables). */
  readonly earlyStoppingRounds: number;
  readonly seed: number;
  /**
   * Per-feature multiplier (0…1) of split gains when the best split is chosen: 1 = no penalty,
   * 0 = the feature is never split on. Absent: every feature 1. Length = the feature count.
   */
  readonly featureGainScale?: Float64Array;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  nTrees: 200,
  learningRate: 0.05,
  maxDepth: 6,
  maxLeaves: 32,
  lambda: 1,
  minChildWeight: 1,
  minSamplesLeaf: 20,
  minSplitGain: 0,
  subsample: 1,
  colsample: 1,
  maxBins: MAX_BINS,
  earlyStoppingRounds: 20,
  seed: 1,
};

export interface IterationLog {
  /** Number of trees in the model after this round. */
  readonly iteration: number;
  readonly trainLogLoss: number;
  /** Present when a validation set was given. */
  readonly validLogLoss?: number;
}

export interface TrainingProgress extends IterationLog {
  readonly maxIterations: number;
  /** Tree count of the best model so far (by validation log loss when early stopping, else the latest). */
  readonly bestIteration: number;
  readonly elapsedMs: number;
}

export interface TrainingLog {
  /** Losses of the model with 0 trees (baseScore only), then one entry per round. */
  readonly iterations: readonly IterationLog[];
  /** Tree count of the returned model. */
  readonly bestIteration: number;
  readonly stoppedEarly: boolean;
  readonly elapsedMs: number;
}

export interface GbdtOptions {
  /** Validation set for early stopping and the log. */
  readonly valid?: Dataset;
  /** Called after every round (e.g. to draw a progress bar). */
  readonly onProgress?: (progress: TrainingProgress) => void;
}

export interface GbdtResult {
  readonly model: TreeEnsemble;
  readonly log: TrainingLog;
  /** The bin edges used (the split thresholds are a subset of them). */
  readonly binMapper: BinMapper;
}

const PROB_EPS = 1e-15;

/** Weighted mean log loss (cross-entropy against soft labels) of probabilities sigmoid(scores). */
function scoreLogLoss(scores: Float64Array, data: Dataset): number {
  let sum = 0;
  let wSum = 0;
  for (let i = 0; i < scores.length; i++) {
    const w = data.weights === undefined ? 1 : data.weights[i];
    const p = Math.min(1 - PROB_EPS, Math.max(PROB_EPS, sigmoid(scores[i])));
    const y = data.labels[i];
    const loss =
      y === 1
        ? -Math.log(p)
        : y === 0
          ? -Math.log(1 - p)
          : -y * Math.log(p) - (1 - y) * Math.log(1 - p);
    sum += w * loss;
    wSum += w;
  }
  return wSum > 0 ? sum / wSum : 0;
}

/** Writes g = w·(p − y) and h = w·p·(1 − p) (floored at 1e-16) of the logistic loss per row. */
function logisticGradients(
  scores: Float64Array,
  data: Dataset,
  grad: Float64Array,
  hess: Float64Array,
): void {
  for (let i = 0; i < scores.length; i++) {
    const w = data.weights === undefined ? 1 : data.weights[i];
    const prob = sigmoid(scores[i]);
    grad[i] = w * (prob - data.labels[i]);
    hess[i] = w * Math.max(prob * (1 - prob), 1e-16);
  }
}

/** Log-odds of the weighted positive rate, clamped away from ±∞, as a float32. */
export function priorLogOdds(data: Dataset): number {
  let pos = 0;
  let total = 0;
  for (let i = 0; i < data.labels.length; i++) {
    const w = data.weights === undefined ? 1 : data.weights[i];
    pos += w * data.labels[i];
    total += w;
  }
  const rate = total > 0 ? Math.min(1 - 1e-6, Math.max(1e-6, pos / total)) : 0.5;
  return Math.fround(Math.log(rate / (1 - rate)));
}

function assertValidParams(p: GbdtParams): void {
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new Error(`invalid GBDT parameter: ${what}`);
  };
  check(Number.isInteger(p.nTrees) && p.nTrees >= 0, `nTrees ${p.nTrees}`);
  check(p.learningRate > 0, `learningRate ${p.learningRate}`);
  check(Number.isInteger(p.maxDepth) && p.maxDepth >= 0, `maxDepth ${p.maxDepth}`);
  check(Number.isInteger(p.maxLeaves) && p.maxLeaves >= 1, `maxLeaves ${p.maxLeaves}`);
  check(
    p.lambda >= 0 && p.minChildWeight >= 0 && p.minSplitGain >= 0,
    'lambda/minChildWeight/minSplitGain must be >= 0',
  );
  check(p.minSamplesLeaf >= 1, `minSamplesLeaf ${p.minSamplesLeaf}`);
  check(p.subsample > 0 && p.subsample <= 1, `subsample ${p.subsample}`);
  check(p.colsample > 0 && p.colsample <= 1, `colsample ${p.colsample}`);
  check(
    Number.isInteger(p.earlyStoppingRounds) && p.earlyStoppingRounds >= 0,
    `earlyStoppingRounds ${p.earlyStoppingRounds}`,
  );
  if (p.featureGainScale !== undefined)
    for (const x of p.featureGainScale)
      check(x >= 0 && x <= 1, `featureGainScale values must lie in [0, 1], got ${x}`);
}

/** Trains a boosted ensemble; deterministic for given data, parameters and seed. */
export function trainGbdt(
  train: Dataset,
  params: Partial<GbdtParams> = {},
  options: GbdtOptions = {},
): GbdtResult {
  const started = performance.now();
  const p: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...params };
  assertValidParams(p);
  assertValidDataset(train, 'train');
  const valid = options.valid;
  if (valid !== undefined) {
    assertValidDataset(valid, 'valid');
    if (valid.nFeatures !== train.nFeatures)
      throw new Error('valid and train have different feature counts');
  }
  const d = train.nFeatures;
  if (p.featureGainScale !== undefined && p.featureGainScale.length !== d)
    throw new Error(`featureGainScale has ${p.featureGainScale.length} entries for ${d} features`);
  const n = rowCount(train);
  const mapper = fitBinMapper(train.rows, d, p.maxBins);
  const binned = binRows(mapper, train.rows);
  const validBinned = valid === undefined ? undefined : binRows(mapper, valid.rows);
  const layout = histogramLayout(mapper);
  const pool = new HistogramPool(layout);
  const rand = createPrng(p.seed);

  const baseScore = priorLogOdds(train);
  const scores = new Float64Array(n).fill(baseScore);
  const validScores =
    validBinned === undefined ? undefined : new Float64Array(validBinned.nRows).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: BinnedTree[] = [];
  const iterations: IterationLog[] = [];
  const logRound = (iteration: number): IterationLog => {
    const trainLogLoss = scoreLogLoss(scores, train);
    const entry: IterationLog =
      valid === undefined || validScores === undefined
        ? { iteration, trainLogLoss }
        : { iteration, trainLogLoss, validLogLoss: scoreLogLoss(validScores, valid) };
    iterations.push(entry);
    return entry;
  };
  // Without early stopping the validation set is only logged and every tree is kept.
  const earlyStopping = valid !== undefined && p.earlyStoppingRounds > 0;
  let best = logRound(0);
  let stoppedEarly = false;
  const nRowsPerTree = Math.max(1, Math.round(p.subsample * n));
  const nFeaturesPerTree = Math.max(1, Math.round(p.colsample * d));
  const allRows = Uint32Array.from({ length: n }, (_, i) => i);
  const allFeatures = Uint32Array.from({ length: d }, (_, f) => f);

  for (let t = 1; t <= p.nTrees; t++) {
    logisticGradients(scores, train, grad, hess);
    const rows = nRowsPerTree < n ? sampleSortedIndices(n, nRowsPerTree, rand) : allRows;
    const features =
      nFeaturesPerTree < d ? sampleSortedIndices(d, nFeaturesPerTree, rand) : allFeatures;
    const tree = growTree({ binned, layout, features, rows, grad, hess }, p, pool);
    trees.push(tree);
    addTreeOutput(tree, binned, scores);
    if (validBinned !== undefined && validScores !== undefined)
      addTreeOutput(tree, validBinned, validScores);
    const entry = logRound(t);
    const improved =
      !earlyStopping ||
      entry.validLogLoss === undefined ||
      best.validLogLoss === undefined ||
      entry.validLogLoss < best.validLogLoss;
    if (improved) best = entry;
    options.onProgress?.({
      ...entry,
      maxIterations: p.nTrees,
      bestIteration: best.iteration,
      elapsedMs: performance.now() - started,
    });
    if (earlyStopping && t - best.iteration >= p.earlyStoppingRounds) {
      stoppedEarly = true;
      break;
    }
  }

  const kept = trees.slice(0, best.iteration);
  const model: TreeEnsemble = {
    nFeatures: d,
    aggregate: 'SUM',
    postTransform: 'LOGISTIC',
    baseScore,
    trees: kept.map((tree) => toDecisionTree(tree, mapper)),
  };
  const log: TrainingLog = {
    iterations,
    bestIteration: best.iteration,
    stoppedEarly,
    elapsedMs: performance.now() - started,
  };
  return { model, log, binMapper: mapper };
}
