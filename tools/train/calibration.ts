/**
 * Probability calibration fitted on held-out predictions.
 *
 * - Platt scaling: p = sigmoid(a·z + b) on the model's raw score z (log-odds). Because the ensemble
 *   is SUM + LOGISTIC, it folds into the model itself: `applyPlattToEnsemble`.
 * - Isotonic regression (pool adjacent violators): a monotone step map from score to probability,
 *   for analysis and comparison; it cannot be folded into the trees.
 */
import type { DecisionTree, TreeEnsemble } from '../../src/domain/model/tree-ensemble';
import { sigmoid } from '../../src/domain/model/tree-ensemble';

export interface PlattScaling {
  readonly a: number;
  readonly b: number;
  readonly iterations: number;
  readonly converged: boolean;
}

function weightAt(weights: ArrayLike<number> | undefined, i: number): number {
  return weights === undefined ? 1 : weights[i];
}

function plattLoss(
  z: ArrayLike<number>,
  y: ArrayLike<number>,
  w: ArrayLike<number> | undefined,
  a: number,
  b: number,
): number {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    const s = a * z[i] + b;
    // −log σ(s) = log(1 + e^−s), computed stably; −log(1 − σ(s)) = log(1 + e^s).
    const t = y[i] === 1 ? -s : s;
    loss += weightAt(w, i) * (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));
  }
  return loss;
}

/**
 * Fits a, b minimising the log loss of sigmoid(a·z + b) by Newton's method (equivalently IRLS)
 * with a backtracking line search. `scores` are raw log-odds z, labels 0/1.
 */
export function fitPlatt(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
  maxIterations = 100,
): PlattScaling {
  if (scores.length !== labels.length)
    throw new Error(`${scores.length} scores for ${labels.length} labels`);
  let pos = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    pos += weightAt(weights, i) * labels[i];
    total += weightAt(weights, i);
  }
  if (!(pos > 0 && pos < total)) throw new Error('Platt scaling needs both classes');
  let a = 1;
  let b = 0;
  let loss = plattLoss(scores, labels, weights, a, b);
  for (let it = 1; it <= maxIterations; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let i = 0; i < scores.length; i++) {
      const w = weightAt(weights, i);
      const z = scores[i];
      const p = sigmoid(a * z + b);
      const r = w * (p - labels[i]);
      const h = w * Math.max(p * (1 - p), 1e-12);
      ga += r * z;
      gb += r;
      haa += h * z * z;
      hab += h * z;
      hbb += h;
    }
    const ridge = 1e-12 * (haa + hbb);
    const det = (haa + ridge) * (hbb + ridge) - hab * hab;
    if (!(det > 0)) return { a, b, iterations: it, converged: false };
    const da = ((hbb + ridge) * ga - hab * gb) / det;
    const db = ((haa + ridge) * gb - hab * ga) / det;
    let step = 1;
    let next = plattLoss(scores, labels, weights, a - da, b - db);
    while (next > loss && step > 1e-10) {
      step /= 2;
      next = plattLoss(scores, labels, weights, a - step * da, b - step * db);
    }
    if (next > loss) return { a, b, iterations: it, converged: true };
    a -= step * da;
    b -= step * db;
    const decrease = loss - next;
    loss = next;
    if (
      Math.abs(step * da) + Math.abs(step * db) < 1e-10 ||
      decrease <= 1e-14 * Math.max(1, loss)
    ) {
      return { a, b, iterations: it, converged: true };
    }
  }
  return { a, b, iterations: maxIterations, converged: false };
}

/**
 * The ensemble whose probability is sigmoid(a·z + b), z being the original raw score: every leaf
 * value is multiplied by a, and baseScore becomes a·baseScore + b (values rounded to float32).
 * Needs aggregate SUM and post transform LOGISTIC.
 */
export function applyPlattToEnsemble(model: TreeEnsemble, a: number, b: number): TreeEnsemble {
  if (model.aggregate !== 'SUM' || model.postTransform !== 'LOGISTIC') {
    throw new Error('Platt scaling folds only into a SUM + LOGISTIC ensemble');
  }
  const scaleTree = (tree: DecisionTree): DecisionTree => ({
    ...tree,
    value: tree.value.map((v, node) => (tree.feature[node] < 0 ? Math.fround(a * v) : v)),
  });
  return {
    ...model,
    baseScore: Math.fround(a * model.baseScore + b),
    trees: model.trees.map(scaleTree),
  };
}

/** A monotone non-decreasing map from score to probability. */
export interface IsotonicCalibrator {
  /** Knots (ascending scores) and their values; linear in between, constant outside. */
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Isotonic regression of labels on scores by pool adjacent violators (weighted). Each fitted block
 * contributes knots at its lowest and highest score with the block's mean label.
 */
export function fitIsotonic(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): IsotonicCalibrator {
  if (scores.length !== labels.length)
    throw new Error(`${scores.length} scores for ${labels.length} labels`);
  const order = Array.from({ length: scores.length }, (_, i) => i)
    .filter((i) => !Number.isNaN(scores[i]) && weightAt(weights, i) > 0)
    .sort((i, j) => scores[i] - scores[j]);
  const mean: number[] = [];
  const wsum: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  for (const i of order) {
    let m = labels[i];
    let w = weightAt(weights, i);
    let l = scores[i];
    const h = scores[i];
    // Equal scores must get one value: pool them with the previous block too.
    while (mean.length > 0 && (mean[mean.length - 1] >= m || hi[hi.length - 1] === l)) {
      const pw = wsum.pop() ?? 0;
      const pm = mean.pop() ?? 0;
      m = (pm * pw + m * w) / (pw + w);
      w += pw;
      l = lo.pop() ?? l;
      hi.pop();
    }
    mean.push(m);
    wsum.push(w);
    lo.push(l);
    hi.push(h);
  }
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < mean.length; k++) {
    x.push(lo[k]);
    y.push(mean[k]);
    if (hi[k] > lo[k]) {
      x.push(hi[k]);
      y.push(mean[k]);
    }
  }
  return { x: Float64Array.from(x), y: Float64Array.from(y) };
}

export function applyIsotonic(cal: IsotonicCalibrator, score: number): number {
  const { x, y } = cal;
  const n = x.length;
  if (n === 0) return Number.NaN;
  if (score <= x[0]) return y[0];
  if (score >= x[n - 1]) return y[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= score) lo = mid;
    else hi = mid;
  }
  const t = (score - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}
