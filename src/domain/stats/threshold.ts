// Decision threshold chosen out of sample. Rule: predict BREAK when score ≥ t.
//
// Objectives (maximised on the training folds):
//   'balanced_accuracy'  (TPR + TNR)/2. Equivalent to maximising Youden's J = TPR − FPR, and also to
//                        the expected excess of breaks among signals per opportunity,
//                        TP/n − π·(TP+FP)/n = π(1−π)·(TPR − FPR), π the base rate.
//   'accuracy'           (TP + TN)/n.
//   'lift'               precision − base rate (the break-rate edge of the signalled episodes over
//                        all episodes), among thresholds that signal at least `minCoverage` of the
//                        training rows (without that floor the best lift sits on a handful of rows).
// Candidates are the smallest training score and the midpoints between consecutive distinct training
// scores (or a given grid). Among equally good candidates the smallest threshold wins. Folds are grouped by date (folds.ts): each fold's threshold is chosen on
// the other folds and scored on that fold; the report gives every fold, the pooled held-out
// confusion matrix, and the median threshold with its spread.
import { GroupKey, distinctGroups, groupFolds } from './folds';
import { quantileSorted } from './quantile';
import {
  BinaryLabel,
  Degenerate,
  InsufficientData,
  assertSameLength,
  degenerate,
  insufficientData,
  toBinary,
} from './result';

export type ThresholdObjective = 'balanced_accuracy' | 'accuracy' | 'lift';

export interface ThresholdOptions {
  /** Default 'balanced_accuracy'. */
  readonly objective?: ThresholdObjective;
  /** Number of grouped folds. Default 5. */
  readonly folds?: number;
  /** For 'lift': minimum share of training rows signalled. Default 0.1. */
  readonly minCoverage?: number;
  /** Candidate thresholds; default: `defaultCandidates` of the training scores. */
  readonly candidates?: readonly number[];
}

/** Minimum rows with a finite score, and minimum rows of each class. */
export const THRESHOLD_MIN_N = 30;
export const THRESHOLD_MIN_PER_CLASS = 5;

export interface ConfusionMetrics {
  readonly n: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  /** null when undefined (no positives / no negatives / nothing signalled). */
  readonly tpr: number | null;
  readonly tnr: number | null;
  readonly balancedAccuracy: number | null;
  readonly accuracy: number;
  readonly precision: number | null;
  /** Share of rows signalled (score ≥ t). */
  readonly coverage: number;
  readonly baseRate: number;
  readonly lift: number | null;
}

export function confusionMetrics(tp: number, fp: number, tn: number, fn: number): ConfusionMetrics {
  const n = tp + fp + tn + fn;
  const pos = tp + fn;
  const neg = tn + fp;
  const tpr = pos > 0 ? tp / pos : null;
  const tnr = neg > 0 ? tn / neg : null;
  const precision = tp + fp > 0 ? tp / (tp + fp) : null;
  const baseRate = n > 0 ? pos / n : Number.NaN;
  return {
    n,
    tp,
    fp,
    tn,
    fn,
    tpr,
    tnr,
    balancedAccuracy: tpr !== null && tnr !== null ? (tpr + tnr) / 2 : null,
    accuracy: n > 0 ? (tp + tn) / n : Number.NaN,
    precision,
    coverage: n > 0 ? (tp + fp) / n : Number.NaN,
    baseRate,
    lift: precision !== null ? precision - baseRate : null,
  };
}

/** Confusion metrics of the rule score ≥ threshold. */
export function evaluateThreshold(
  scores: ArrayLike<number>,
  labels: readonly BinaryLabel[] | Uint8Array,
  threshold: number,
): ConfusionMetrics {
  assertSameLength('evaluateThreshold', scores, labels);
  const y = toBinary(labels);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const signal = scores[i] >= threshold;
    if (y[i] === 1) {
      if (signal) tp++;
      else fn++;
    } else if (signal) fp++;
    else tn++;
  }
  return confusionMetrics(tp, fp, tn, fn);
}

function objectiveValue(
  m: ConfusionMetrics,
  objective: ThresholdObjective,
  minCoverage: number,
): number {
  switch (objective) {
    case 'balanced_accuracy':
      return m.balancedAccuracy ?? Number.NEGATIVE_INFINITY;
    case 'accuracy':
      return m.accuracy;
    case 'lift':
      return m.coverage >= minCoverage && m.lift !== null ? m.lift : Number.NEGATIVE_INFINITY;
  }
}

/**
 * Default candidates: the smallest score (signal everything) and the midpoints between consecutive
 * distinct scores, so a chosen threshold sits halfway between the training rows it separates.
 */
export function defaultCandidates(scores: ArrayLike<number>): number[] {
  const distinct = [...new Set(Array.from(scores))].sort((a, b) => a - b);
  if (distinct.length === 0) return [];
  const out = [distinct[0]];
  for (let k = 1; k < distinct.length; k++)
    out.push(distinct[k - 1] + (distinct[k] - distinct[k - 1]) / 2);
  return out;
}

export interface BestThreshold {
  readonly status: 'ok';
  readonly threshold: number;
  readonly value: number;
}

/** The candidate maximising the objective on (scores, y); ties go to the smallest threshold. */
export function bestThreshold(
  scores: ArrayLike<number>,
  labels: readonly BinaryLabel[] | Uint8Array,
  options: Pick<ThresholdOptions, 'objective' | 'minCoverage' | 'candidates'> = {},
): BestThreshold | Degenerate {
  assertSameLength('bestThreshold', scores, labels);
  const y = toBinary(labels);
  const objective = options.objective ?? 'balanced_accuracy';
  const minCoverage = options.minCoverage ?? 0.1;
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const candidates = [...new Set(options.candidates ?? defaultCandidates(scores))].sort(
    (a, b) => b - a,
  );
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  const negatives = y.length - positives;
  let tp = 0;
  let fp = 0;
  let cursor = 0;
  let best: BestThreshold | null = null;
  for (const t of candidates) {
    while (cursor < order.length && scores[order[cursor]] >= t) {
      if (y[order[cursor]] === 1) tp++;
      else fp++;
      cursor++;
    }
    const value = objectiveValue(
      confusionMetrics(tp, fp, negatives - fp, positives - tp),
      objective,
      minCoverage,
    );
    if (value > Number.NEGATIVE_INFINITY && (best === null || value >= best.value))
      best = { status: 'ok', threshold: t, value };
  }
  return best ?? degenerate(`no candidate threshold is admissible for '${objective}'`);
}

export interface FoldThreshold {
  readonly fold: number;
  readonly nTrain: number;
  readonly nTest: number;
  readonly threshold: number;
  /** Objective value on the training folds at the chosen threshold. */
  readonly trainValue: number;
  /** Objective value on the held-out fold (null when undefined there). */
  readonly heldOutValue: number | null;
  readonly heldOut: ConfusionMetrics;
}

export interface ThresholdSelection {
  readonly status: 'ok';
  readonly objective: ThresholdObjective;
  readonly n: number;
  readonly dropped: number;
  readonly folds: readonly FoldThreshold[];
  readonly medianThreshold: number;
  readonly spread: {
    readonly min: number;
    readonly q25: number;
    readonly q75: number;
    readonly max: number;
    readonly iqr: number;
  };
  /** Held-out confusion summed over folds (each fold scored with its own threshold). */
  readonly heldOutPooled: ConfusionMetrics;
  readonly heldOutPooledValue: number | null;
}

export function selectThresholdOutOfSample(
  scores: ArrayLike<number>,
  labels: readonly BinaryLabel[] | Uint8Array,
  groups: readonly GroupKey[],
  options: ThresholdOptions = {},
): ThresholdSelection | InsufficientData | Degenerate {
  assertSameLength('selectThresholdOutOfSample', scores, labels, groups);
  const objective = options.objective ?? 'balanced_accuracy';
  const minCoverage = options.minCoverage ?? 0.1;
  const k = options.folds ?? 5;
  const yAll = toBinary(labels);
  const keep: number[] = [];
  for (let i = 0; i < yAll.length; i++) if (Number.isFinite(scores[i])) keep.push(i);
  const s = Float64Array.from(keep, (i) => scores[i]);
  const y = Uint8Array.from(keep, (i) => yAll[i]);
  const g = keep.map((i) => groups[i]);
  const n = keep.length;
  if (n < THRESHOLD_MIN_N) return insufficientData(n, THRESHOLD_MIN_N, 'rows with a finite score');
  let pos = 0;
  for (const v of y) pos += v;
  if (Math.min(pos, n - pos) < THRESHOLD_MIN_PER_CLASS)
    return insufficientData(
      Math.min(pos, n - pos),
      THRESHOLD_MIN_PER_CLASS,
      'rows of the rarer class',
    );
  const nGroups = distinctGroups(g);
  if (nGroups < k) return insufficientData(nGroups, k, 'distinct groups (one per fold at least)');
  const { foldOf } = groupFolds(g, k);

  const folds: FoldThreshold[] = [];
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === f ? test : train).push(i);
    const best = bestThreshold(
      Float64Array.from(train, (i) => s[i]),
      Uint8Array.from(train, (i) => y[i]),
      { objective, minCoverage, candidates: options.candidates },
    );
    if (best.status !== 'ok') return degenerate(`fold ${f}: ${best.reason}`);
    const heldOut = evaluateThreshold(
      Float64Array.from(test, (i) => s[i]),
      Uint8Array.from(test, (i) => y[i]),
      best.threshold,
    );
    const heldOutValue = objectiveValue(heldOut, objective, 0);
    tp += heldOut.tp;
    fp += heldOut.fp;
    tn += heldOut.tn;
    fn += heldOut.fn;
    folds.push({
      fold: f,
      nTrain: train.length,
      nTest: test.length,
      threshold: best.threshold,
      trainValue: best.value,
      heldOutValue: Number.isFinite(heldOutValue) ? heldOutValue : null,
      heldOut,
    });
  }
  const sorted = Float64Array.from(folds, (f) => f.threshold).sort();
  const pooled = confusionMetrics(tp, fp, tn, fn);
  const pooledValue = objectiveValue(pooled, objective, 0);
  const q25 = quantileSorted(sorted, 0.25);
  const q75 = quantileSorted(sorted, 0.75);
  return {
    status: 'ok',
    objective,
    n,
    dropped: yAll.length - n,
    folds,
    medianThreshold: quantileSorted(sorted, 0.5),
    spread: { min: sorted[0], q25, q75, max: sorted[sorted.length - 1], iqr: q75 - q25 },
    heldOutPooled: pooled,
    heldOutPooledValue: Number.isFinite(pooledValue) ? pooledValue : null,
  };
}
