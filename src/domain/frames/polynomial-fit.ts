/**
 * Ordinary least squares polynomial fits on equally spaced samples. The highest coefficient of a
 * degree-d fit does not depend on where x = 0 is, so for a fixed number of samples it is a fixed
 * linear combination of the samples: the weights are computed once and every fit is a dot product.
 */

/**
 * Weights w such that Σ w[j]·y[j] is the degree-`degree` coefficient of the OLS polynomial fit of
 * y[0…n−1] against x = 0 … n−1 (coefficient per step^degree). Needs n > degree.
 */
export function topCoefficientWeights(n: number, degree: number): Float64Array {
  if (!(n > degree) || degree < 1) throw new RangeError(`need n > degree ≥ 1, got n=${n}, degree=${degree}`);
  const size = degree + 1;
  const half = (n - 1) / 2;
  // Scaled abscissae u ∈ [−1, 1] keep the normal equations well conditioned.
  const powers: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const u = (j - half) / half;
    const row = new Float64Array(size);
    row[0] = 1;
    for (let k = 1; k < size; k++) row[k] = row[k - 1] * u;
    powers.push(row);
  }
  const normal: number[][] = [];
  for (let a = 0; a < size; a++) {
    const row: number[] = [];
    for (let b = 0; b < size; b++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += powers[j][a] * powers[j][b];
      row.push(s);
    }
    normal.push(row);
  }
  const inverseLastRow = lastRowOfInverse(normal);
  const scale = Math.pow(half, degree);
  const weights = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < size; k++) s += inverseLastRow[k] * powers[j][k];
    weights[j] = s / scale;
  }
  return weights;
}

/** Last row of the inverse of a symmetric positive-definite matrix (Gauss–Jordan, partial pivoting). */
function lastRowOfInverse(matrix: readonly (readonly number[])[]): Float64Array {
  const size = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: size }, (_, k) => (k === i ? 1 : 0))]);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const p = a[col][col];
    for (let k = 0; k < 2 * size; k++) a[col][k] /= p;
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const f = a[r][col];
      if (f === 0) continue;
      for (let k = 0; k < 2 * size; k++) a[r][k] -= f * a[col][k];
    }
  }
  return Float64Array.from(a[size - 1].slice(size));
}

/**
 * Σ w[j]·(values[start + j] − values[last]), with indices below 0 clamped to 0 (flat history
 * before the grid). The weights of a degree ≥ 1 coefficient sum to zero, so subtracting the last
 * value changes nothing but keeps a price of ~6,000 from swamping the result with rounding noise.
 */
export function weightedSum(weights: Float64Array, values: Float64Array, start: number): number {
  const ref = values[Math.max(0, start + weights.length - 1)];
  let s = 0;
  for (let j = 0; j < weights.length; j++) s += weights[j] * (values[Math.max(0, start + j)] - ref);
  return s;
}
