/**
 * Per-feature quantile binning: the trainer sees each feature as a small integer bin index.
 *
 * Feature f has `upper[f].length` value bins (at most `maxBins` ≤ 255) plus one missing bin whose
 * index is `upper[f].length`. A value x falls in the first bin b with `x <= upper[f][b]`; NaN (and
 * +Infinity, which exceeds every edge) falls in the missing bin.
 *
 * Every edge is a float32 value, chosen in the gap between two neighbouring training values
 * (`lo < hi`): the largest float32 not above their midpoint, so lo <= edge < hi. The last value bin's
 * edge is the largest finite float32 (FLOAT32_MAX), so any finite input has a value bin.
 * Consequence: a split "bin <= b" is exactly the ONNX rule `x <= upper[f][b]` on float32 inputs,
 * and because the missing bin has the highest index, NaN goes right, as in BRANCH_LEQ.
 */
export const MAX_BINS = 255;
export const FLOAT32_MAX = 3.4028234663852886e38;

export interface BinMapper {
  readonly nFeatures: number;
  /** Per feature: the upper edge of each value bin (ascending float32 values; last = FLOAT32_MAX). */
  readonly upper: readonly Float32Array[];
}

/** A binned matrix, column-major: the bin of row i, feature f is `bins[f * nRows + i]`. */
export interface BinnedMatrix {
  readonly nRows: number;
  readonly nFeatures: number;
  readonly bins: Uint8Array;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The largest float32 value that is <= x (x finite). */
export function float32AtMost(x: number): number {
  const f = Math.fround(x);
  if (f <= x) return f;
  if (f === 0) return -1.401298464324817e-45;
  f32[0] = f;
  if (f > 0) u32[0] -= 1;
  else u32[0] += 1;
  return f32[0];
}

/** Missing-bin index of feature f (also its number of value bins). */
export function missingBin(mapper: BinMapper, f: number): number {
  return mapper.upper[f].length;
}

/**
 * Groups sorted distinct values into at most `maxBins` bins of roughly equal row counts and
 * returns, per bin, the index of its last distinct value. Greedy: a bin closes once it holds
 * remaining/binsLeft rows; a single value that heavy (a tie) gets a bin of its own.
 */
function groupDistinctValues(counts: readonly number[], maxBins: number): number[] {
  const nd = counts.length;
  const ends: number[] = [];
  if (nd <= maxBins) {
    for (let i = 0; i < nd; i++) ends.push(i);
    return ends;
  }
  let remaining = counts.reduce((a, c) => a + c, 0);
  let binsLeft = maxBins;
  let acc = 0;
  const closeAt = (i: number): void => {
    ends.push(i);
    remaining -= acc;
    binsLeft--;
    acc = 0;
  };
  for (let i = 0; i < nd; i++) {
    // A value holding at least a bin's share of rows starts a bin of its own.
    if (acc > 0 && binsLeft > 1 && counts[i] >= remaining / binsLeft) closeAt(i - 1);
    acc += counts[i];
    const distinctLeft = nd - i - 1;
    const isLast = i === nd - 1;
    const close =
      isLast || (binsLeft > 1 && (acc >= remaining / binsLeft || distinctLeft < binsLeft));
    if (close) closeAt(i);
  }
  return ends;
}

/** Upper edges for one feature's values (NaN and +Infinity ignored). */
export function fitFeatureEdges(values: ArrayLike<number>, maxBins = MAX_BINS): Float32Array {
  if (!Number.isInteger(maxBins) || maxBins < 1 || maxBins > MAX_BINS) {
    throw new Error(`maxBins must be an integer in [1, ${MAX_BINS}], got ${maxBins}`);
  }
  // Typed-array sort is numeric and puts NaN last; +Infinity sits just before the NaNs.
  const sorted = Float32Array.from(values).sort();
  let m = sorted.length;
  while (m > 0 && !(sorted[m - 1] <= FLOAT32_MAX)) m--;
  if (m === 0) return new Float32Array(0);
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < m; i++) {
    // `!==` treats -0 and +0 as one value, as `<=` does.
    if (distinct.length === 0 || sorted[i] !== distinct[distinct.length - 1]) {
      distinct.push(sorted[i]);
      counts.push(1);
    } else {
      counts[counts.length - 1]++;
    }
  }
  const ends = groupDistinctValues(counts, maxBins);
  const upper = new Float32Array(ends.length);
  for (let b = 0; b < ends.length - 1; b++) {
    const lo = distinct[ends[b]];
    const hi = distinct[ends[b] + 1];
    upper[b] = float32AtMost(lo + (hi - lo) / 2);
  }
  upper[ends.length - 1] = FLOAT32_MAX;
  return upper;
}

/** Fits bin edges for every feature of row-major float32 `rows`. */
export function fitBinMapper(rows: Float32Array, nFeatures: number, maxBins = MAX_BINS): BinMapper {
  const n = rows.length / nFeatures;
  const column = new Float32Array(n);
  const upper: Float32Array[] = [];
  for (let f = 0; f < nFeatures; f++) {
    for (let i = 0; i < n; i++) column[i] = rows[i * nFeatures + f];
    upper.push(fitFeatureEdges(column, maxBins));
  }
  return { nFeatures, upper };
}

/** Bin index of value x for a feature with edges `upper` (binary search; NaN → missing bin). */
export function binValue(upper: Float32Array, x: number): number {
  const nb = upper.length;
  if (!(x <= FLOAT32_MAX) || nb === 0) return nb;
  let lo = 0;
  let hi = nb - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= upper[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Bins row-major float32 `rows` with a fitted mapper into a column-major matrix. */
export function binRows(mapper: BinMapper, rows: Float32Array): BinnedMatrix {
  const d = mapper.nFeatures;
  if (rows.length % d !== 0)
    throw new Error(`rows length ${rows.length} is not a multiple of ${d}`);
  const n = rows.length / d;
  const bins = new Uint8Array(n * d);
  for (let f = 0; f < d; f++) {
    const upper = mapper.upper[f];
    const base = f * n;
    for (let i = 0; i < n; i++) bins[base + i] = binValue(upper, rows[i * d + f]);
  }
  return { nRows: n, nFeatures: d, bins };
}
