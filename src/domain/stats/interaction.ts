// Does the product of two features add predictive power beyond the two main effects?
//
// Both features are standardised (z₁, z₂, with the training mean and sd), the product term is z₁·z₂,
// and two L2 logistic models are compared:
//   main:        logit P(BREAK) = β₀ + β₁z₁ + β₂z₂ + γ₁z₁² + γ₂z₂²
//   interaction: logit P(BREAK) = β₀ + β₁z₁ + β₂z₂ + γ₁z₁² + γ₂z₂² + β₃·z₁z₂
// The squares are in both models so that curvature of a main effect on the logit scale (a hump over
// the session, a saturating flow effect) is not taken for an interaction: when z₁ and z₂ are
// correlated, z₁z₂ carries part of z₁² and z₂², and without them a product term "improves" the fit
// of two purely additive effects.
// Out of sample: grouped folds (all rows of a session date in one fold, see folds.ts); each fold's
// models are fitted on the other folds and score the held-out rows. The pooled out-of-fold scores
// give one AUC per model; per-fold AUCs are reported too. In sample, on all rows: β₃ (change in the
// log-odds slope of z₁ per standard deviation of z₂), its standard error, and the likelihood-ratio
// test of the product term (1 dof).
import { rocAuc } from './auc';
import { GroupKey, distinctGroups, groupFolds } from './folds';
import {
  LikelihoodRatioResult,
  LogisticModel,
  fitLogistic,
  likelihoodRatioTest,
  predictLogistic,
} from './logistic';
import { PermutationResult, permutationTestIndices } from './permutation';
import {
  BinaryLabel,
  Degenerate,
  InsufficientData,
  assertSameLength,
  degenerate,
  insufficientData,
  isOk,
  toBinary,
} from './result';

export interface InteractionOptions {
  /** Number of grouped folds. Default 5. */
  readonly folds?: number;
  /** L2 penalty of both models. Default 1. */
  readonly l2?: number;
}

/** Minimum complete rows, and minimum rows of each class, for the comparison. */
export const INTERACTION_MIN_N = 50;
export const INTERACTION_MIN_PER_CLASS = 10;

export interface FoldAuc {
  readonly fold: number;
  readonly nTest: number;
  /** null when the held-out fold has a single class. */
  readonly aucMain: number | null;
  readonly aucInteraction: number | null;
}

export interface InteractionComparison {
  readonly status: 'ok';
  readonly n: number;
  /** Rows left out because a feature was not finite. */
  readonly dropped: number;
  readonly folds: number;
  /** Pooled out-of-fold AUCs and their difference (interaction − main). */
  readonly aucMain: number;
  readonly aucInteraction: number;
  readonly improvement: number;
  readonly foldAucs: readonly FoldAuc[];
  /** In-sample fit on all rows: coefficients of [z₁, z₂, z₁², z₂²] and [z₁, z₂, z₁², z₂², z₁z₂]. */
  readonly mainCoefficients: readonly number[];
  readonly interactionModelCoefficients: readonly number[];
  readonly interactionCoefficient: number;
  readonly interactionStandardError: number;
  readonly likelihoodRatio: LikelihoodRatioResult;
  readonly l2: number;
}

interface Standardised {
  readonly z1: Float64Array;
  readonly z2: Float64Array;
  readonly product: Float64Array;
  /** The main model's columns: z₁, z₂, z₁², z₂². */
  readonly main: readonly Float64Array[];
}

/** Position of the product's coefficient in the interaction model's columns (after `main`). */
const PRODUCT_COLUMN = 4;

function meanSd(values: Float64Array, rows: ArrayLike<number>): { mean: number; sd: number } {
  let mean = 0;
  for (let k = 0; k < rows.length; k++) mean += values[rows[k]];
  mean /= rows.length;
  let ss = 0;
  for (let k = 0; k < rows.length; k++) ss += (values[rows[k]] - mean) ** 2;
  const sd = Math.sqrt(ss / rows.length);
  return { mean, sd: sd > 0 ? sd : 1 };
}

/** Standardises `rows` of x1, x2 with the statistics of `fitRows`. */
function standardise(
  x1: Float64Array,
  x2: Float64Array,
  fitRows: ArrayLike<number>,
  rows: ArrayLike<number>,
): Standardised {
  const s1 = meanSd(x1, fitRows);
  const s2 = meanSd(x2, fitRows);
  const z1 = Float64Array.from(rows, (i) => (x1[i] - s1.mean) / s1.sd);
  const z2 = Float64Array.from(rows, (i) => (x2[i] - s2.mean) / s2.sd);
  const main = [z1, z2, z1.map((v) => v * v), z2.map((v) => v * v)];
  return { z1, z2, product: z1.map((v, k) => v * z2[k]), main };
}

interface CleanInput {
  readonly x1: Float64Array;
  readonly x2: Float64Array;
  readonly y: Uint8Array;
  readonly groups: GroupKey[];
  readonly dropped: number;
}

function clean(
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  labels: readonly BinaryLabel[] | Uint8Array,
  groups?: readonly GroupKey[],
): CleanInput {
  assertSameLength('interaction', x1, x2, labels, ...(groups ? [groups] : []));
  const yAll = toBinary(labels);
  const keep: number[] = [];
  for (let i = 0; i < yAll.length; i++)
    if (Number.isFinite(x1[i]) && Number.isFinite(x2[i])) keep.push(i);
  return {
    x1: Float64Array.from(keep, (i) => x1[i]),
    x2: Float64Array.from(keep, (i) => x2[i]),
    y: Uint8Array.from(keep, (i) => yAll[i]),
    groups: groups ? keep.map((i) => groups[i]) : [],
    dropped: yAll.length - keep.length,
  };
}

function checkSize(y: Uint8Array): InsufficientData | null {
  if (y.length < INTERACTION_MIN_N)
    return insufficientData(y.length, INTERACTION_MIN_N, 'complete rows');
  let pos = 0;
  for (const v of y) pos += v;
  const minority = Math.min(pos, y.length - pos);
  if (minority < INTERACTION_MIN_PER_CLASS)
    return insufficientData(minority, INTERACTION_MIN_PER_CLASS, 'rows of the rarer class');
  return null;
}

function range(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

export function compareInteraction(
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  labels: readonly BinaryLabel[] | Uint8Array,
  groups: readonly GroupKey[],
  options: InteractionOptions = {},
): InteractionComparison | InsufficientData | Degenerate {
  const k = options.folds ?? 5;
  const l2 = options.l2 ?? 1;
  const data = clean(x1, x2, labels, groups);
  const tooSmall = checkSize(data.y);
  if (tooSmall) return tooSmall;
  const nGroups = distinctGroups(data.groups);
  if (nGroups < k) return insufficientData(nGroups, k, 'distinct groups (one per fold at least)');
  const n = data.y.length;
  const { foldOf } = groupFolds(data.groups, k);

  const oofMain = new Float64Array(n);
  const oofInteraction = new Float64Array(n);
  const foldAucs: FoldAuc[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === f ? test : train).push(i);
    const yTrain = Uint8Array.from(train, (i) => data.y[i]);
    const yTest = Uint8Array.from(test, (i) => data.y[i]);
    const zTrain = standardise(data.x1, data.x2, train, train);
    const zTest = standardise(data.x1, data.x2, train, test);
    const main = fitLogistic(zTrain.main, yTrain, { l2 });
    const full = fitLogistic([...zTrain.main, zTrain.product], yTrain, { l2 });
    if (!isOk(main))
      return main.status === 'degenerate'
        ? main
        : degenerate(`fold ${f}: training rows lack a class`);
    if (!isOk(full))
      return full.status === 'degenerate'
        ? full
        : degenerate(`fold ${f}: training rows lack a class`);
    const pMain = predictLogistic(main, zTest.main);
    const pFull = predictLogistic(full, [...zTest.main, zTest.product]);
    test.forEach((i, t) => {
      oofMain[i] = pMain[t];
      oofInteraction[i] = pFull[t];
    });
    const aMain = rocAuc(pMain, yTest);
    const aFull = rocAuc(pFull, yTest);
    foldAucs.push({
      fold: f,
      nTest: test.length,
      aucMain: isOk(aMain) ? aMain.auc : null,
      aucInteraction: isOk(aFull) ? aFull.auc : null,
    });
  }
  const aucMain = rocAuc(oofMain, data.y);
  const aucInteraction = rocAuc(oofInteraction, data.y);
  if (!isOk(aucMain) || !isOk(aucInteraction)) return degenerate('out-of-fold AUC undefined');

  const all = range(n);
  const zAll = standardise(data.x1, data.x2, all, all);
  const main = fitLogistic(zAll.main, data.y, { l2 });
  const full = fitLogistic([...zAll.main, zAll.product], data.y, { l2 });
  if (!isOk(main))
    return main.status === 'degenerate' ? main : degenerate('all rows: a class is missing');
  if (!isOk(full))
    return full.status === 'degenerate' ? full : degenerate('all rows: a class is missing');
  return {
    status: 'ok',
    n,
    dropped: data.dropped,
    folds: k,
    aucMain: aucMain.auc,
    aucInteraction: aucInteraction.auc,
    improvement: aucInteraction.auc - aucMain.auc,
    foldAucs,
    mainCoefficients: main.coefficients,
    interactionModelCoefficients: full.coefficients,
    interactionCoefficient: full.coefficients[PRODUCT_COLUMN],
    interactionStandardError: full.standardErrors[PRODUCT_COLUMN],
    likelihoodRatio: likelihoodRatioTest(main.logLikelihood, full.logLikelihood, 1),
    l2,
  };
}

export interface InteractionPermutationOptions {
  readonly permutations: number;
  readonly seed: number;
  /** L2 penalty. Default 1. */
  readonly l2?: number;
  /** Permute the product term only within these strata (e.g. session dates). */
  readonly strata?: readonly GroupKey[];
}

export interface InteractionPermutationResult extends PermutationResult {
  readonly status: 'ok';
  readonly n: number;
  readonly dropped: number;
}

/**
 * Permutation p-value for the product term: the statistic is the likelihood-ratio statistic
 * 2(ℓ_interaction − ℓ_main) on all rows (both models with the squared main effects); under the null
 * the product column z₁z₂ is shuffled across rows (within strata when given), which keeps the main
 * effects and the outcome intact and breaks only the product's link to the outcome. One-sided (large statistics), p = (1 + #≥)/(1 + B).
 */
export function interactionPermutationTest(
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  labels: readonly BinaryLabel[] | Uint8Array,
  options: InteractionPermutationOptions,
): InteractionPermutationResult | InsufficientData | Degenerate {
  const l2 = options.l2 ?? 1;
  const data = clean(x1, x2, labels, options.strata);
  const tooSmall = checkSize(data.y);
  if (tooSmall) return tooSmall;
  const n = data.y.length;
  const all = range(n);
  const z = standardise(data.x1, data.x2, all, all);
  const main: LogisticModel | InsufficientData | Degenerate = fitLogistic(z.main, data.y, { l2 });
  if (!isOk(main)) return main.status === 'degenerate' ? main : degenerate('a class is missing');
  const observedFull = fitLogistic([...z.main, z.product], data.y, { l2 });
  if (!isOk(observedFull))
    return observedFull.status === 'degenerate' ? observedFull : degenerate('a class is missing');
  // Warm start: the main model's optimum with a zero product coefficient.
  const start = [main.standardizedIntercept, ...main.standardizedCoefficients, 0];
  const shuffledProduct = new Float64Array(n);
  let failure: Degenerate | null = null;
  const result = permutationTestIndices(
    n,
    (perm) => {
      for (let i = 0; i < n; i++) shuffledProduct[i] = z.product[perm[i]];
      const full = fitLogistic([...z.main, shuffledProduct], data.y, { l2, start });
      if (!isOk(full)) {
        failure = full.status === 'degenerate' ? full : degenerate('a class is missing');
        return Number.NaN;
      }
      return 2 * (full.logLikelihood - main.logLikelihood);
    },
    {
      permutations: options.permutations,
      seed: options.seed,
      alternative: 'greater',
      strata: options.strata ? data.groups : undefined,
    },
  );
  if (failure) return failure;
  return { ...result, status: 'ok', n, dropped: data.dropped };
}
