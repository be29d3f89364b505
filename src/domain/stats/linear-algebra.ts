// Small dense linear algebra for the logistic fit: symmetric positive-definite systems via Cholesky.
// Matrices are row-major Float64Array of size p·p.

/** Cholesky factor L (lower, row-major) of a symmetric positive-definite matrix, or null if not PD. */
export function cholesky(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * p + j];
      for (let k = 0; k < j; k++) sum -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * p + i] = Math.sqrt(sum);
      } else {
        l[i * p + j] = sum / l[j * p + j];
      }
    }
  }
  return l;
}

/** Solves L·Lᵀ·x = b given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * p + k] * y[k];
    y[i] = sum / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < p; k++) sum -= l[k * p + i] * x[k];
    x[i] = sum / l[i * p + i];
  }
  return x;
}

/** Inverse of the matrix whose Cholesky factor is L. */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i];
  }
  return inv;
}
