/**
 * A gradient-boosted (or averaged) ensemble of binary decision trees over a dense float row.
 *
 * This is the single in-memory model format of the project: the trainer writes it, the ONNX
 * exporter turns it into a `TreeEnsembleRegressor` graph and the JS predictor below evaluates it
 * (the reference the ONNX runtimes are compared with).
 *
 * Decision rule (ONNX `BRANCH_LEQ`): go to `left` when `x[feature] <= threshold`, else `right`.
 * Thresholds are float32 values, so a float32 input compares the same way in every runtime.
 * Missing values (NaN) go right: NaN <= t is false in JS and in onnxruntime.
 */
export interface DecisionTree {
  /** Feature index per node; -1 marks a leaf. */
  readonly feature: readonly number[];
  /** Split threshold per node (ignored for leaves). */
  readonly threshold: readonly number[];
  /** Index of the left child per node (-1 for leaves). */
  readonly left: readonly number[];
  /** Index of the right child per node (-1 for leaves). */
  readonly right: readonly number[];
  /** Leaf value per node (0 for internal nodes). */
  readonly value: readonly number[];
}

export type EnsembleAggregate = 'SUM' | 'AVERAGE';
/** LOGISTIC applies the sigmoid to the aggregated score (plus `baseScore`). */
export type EnsemblePostTransform = 'NONE' | 'LOGISTIC';

export interface TreeEnsemble {
  readonly nFeatures: number;
  readonly aggregate: EnsembleAggregate;
  readonly postTransform: EnsemblePostTransform;
  /** Added to the aggregated tree output before the post transform. */
  readonly baseScore: number;
  readonly trees: readonly DecisionTree[];
}

function treeOutput(tree: DecisionTree, row: ArrayLike<number>): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node];
    if (f === undefined) throw new Error(`tree node ${node} does not exist`);
    if (f < 0) return tree.value[node] ?? 0;
    const x = row[f] ?? Number.NaN;
    const thr = tree.threshold[node] ?? 0;
    node = x <= thr ? (tree.left[node] ?? -1) : (tree.right[node] ?? -1);
  }
}

/** The raw aggregated score (before the post transform). */
export function ensembleScore(model: TreeEnsemble, row: ArrayLike<number>): number {
  let sum = 0;
  for (const tree of model.trees) sum += treeOutput(tree, row);
  const agg = model.aggregate === 'AVERAGE' && model.trees.length > 0 ? sum / model.trees.length : sum;
  return agg + model.baseScore;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Model output for one row: a probability when the post transform is LOGISTIC. */
export function predictRow(model: TreeEnsemble, row: ArrayLike<number>): number {
  const s = ensembleScore(model, row);
  return model.postTransform === 'LOGISTIC' ? sigmoid(s) : s;
}

/** Model output for `n` rows stored row-major in `rows` (length n × nFeatures). */
export function predictBatch(model: TreeEnsemble, rows: Float32Array): Float32Array {
  const d = model.nFeatures;
  if (rows.length % d !== 0) {
    throw new Error(`batch length ${rows.length} is not a multiple of ${d} features`);
  }
  const n = rows.length / d;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = predictRow(model, rows.subarray(i * d, (i + 1) * d));
  return out;
}
