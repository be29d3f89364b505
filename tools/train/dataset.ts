/**
 * The trainer's input: dense float32 rows with binary labels (or, as a simulation diagnostic,
 * known probabilities) and optional sample weights.
 *
 * Rows are row-major (`rows[i * nFeatures + f]`), the same layout `predictBatch` takes, and
 * float32 because that is what the browser feeds the model: split thresholds are chosen so that
 * float32 inputs route exactly as during training. NaN marks a missing value.
 */
export interface Dataset {
  readonly rows: Float32Array;
  readonly nFeatures: number;
  /** 1 = positive class (BREAK), 0 = negative (REJECT); with `softLabels`, P(positive) in [0, 1]. */
  readonly labels: ArrayLike<number>;
  /**
   * Labels are probabilities, not outcomes: the log loss is the cross-entropy against them. Only
   * for data whose true probability is known (a simulator's), to see what a model could learn
   * without outcome noise; never for a model the app ships.
   */
  readonly softLabels?: boolean;
  /** Non-negative sample weights; all 1 when absent. */
  readonly weights?: ArrayLike<number>;
}

export function rowCount(data: Dataset): number {
  return data.nFeatures > 0 ? data.rows.length / data.nFeatures : 0;
}

/** Throws a clear error when the arrays do not fit together or labels/weights are invalid. */
export function assertValidDataset(data: Dataset, name = 'dataset'): void {
  const d = data.nFeatures;
  if (!Number.isInteger(d) || d <= 0)
    throw new Error(`${name}: nFeatures must be a positive integer`);
  if (data.rows.length % d !== 0) {
    throw new Error(`${name}: rows length ${data.rows.length} is not a multiple of ${d} features`);
  }
  const n = data.rows.length / d;
  if (data.labels.length !== n)
    throw new Error(`${name}: ${data.labels.length} labels for ${n} rows`);
  for (let i = 0; i < n; i++) {
    const y = data.labels[i];
    if (data.softLabels === true) {
      if (!(y >= 0 && y <= 1))
        throw new Error(`${name}: soft label ${i} is ${y}, expected a probability in [0, 1]`);
    } else if (y !== 0 && y !== 1) throw new Error(`${name}: label ${i} is ${y}, expected 0 or 1`);
  }
  const w = data.weights;
  if (w === undefined) return;
  if (w.length !== n) throw new Error(`${name}: ${w.length} weights for ${n} rows`);
  for (let i = 0; i < n; i++) {
    if (!(w[i] >= 0) || !Number.isFinite(w[i])) throw new Error(`${name}: weight ${i} is ${w[i]}`);
  }
}

/** The rows at `indices` (in that order) as a new dataset. */
export function selectRows(data: Dataset, indices: ArrayLike<number>): Dataset {
  const d = data.nFeatures;
  const rows = new Float32Array(indices.length * d);
  const labels =
    data.softLabels === true ? new Float64Array(indices.length) : new Uint8Array(indices.length);
  const weights = data.weights === undefined ? undefined : new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    rows.set(data.rows.subarray(i * d, (i + 1) * d), k * d);
    labels[k] = data.labels[i];
    if (weights !== undefined && data.weights !== undefined) weights[k] = data.weights[i];
  }
  const soft = data.softLabels === true ? { softLabels: true } : {};
  return weights === undefined
    ? { rows, nFeatures: d, labels, ...soft }
    : { rows, nFeatures: d, labels, weights, ...soft };
}
