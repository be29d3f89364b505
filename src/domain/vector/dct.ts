/**
 * Orthonormal DCT-II (domain §3): X_k = s_k·Σ_n x_n·cos(πk(2n+1)/(2N)), s_0 = √(1/N), s_k = √(2/N).
 * {@link DctBasis} precomputes the scaled cosine table for a fixed N and number of coefficients,
 * so a transform is K·N multiply-adds with no allocation.
 */
export class DctBasis {
  /** Row-major K×N table of s_k·cos(πk(2n+1)/(2N)). */
  private readonly table: Float64Array;

  constructor(
    readonly length: number,
    readonly coefficients: number,
  ) {
    if (!Number.isInteger(length) || length < 1)
      throw new RangeError(`DCT length must be a positive integer: ${length}`);
    if (!Number.isInteger(coefficients) || coefficients < 1 || coefficients > length) {
      throw new RangeError(`DCT coefficients must be in 1…${length}: ${coefficients}`);
    }
    this.table = new Float64Array(length * coefficients);
    for (let k = 0; k < coefficients; k++) {
      const s = k === 0 ? Math.sqrt(1 / length) : Math.sqrt(2 / length);
      for (let n = 0; n < length; n++) {
        this.table[k * length + n] = s * Math.cos((Math.PI * k * (2 * n + 1)) / (2 * length));
      }
    }
  }

  /**
   * Writes the first `coefficients` DCT-II coefficients of `x[0…length)` into `out` at `outOffset`.
   * `x` may be a ring buffer: element n is read at `x[(start + n) % length]`.
   */
  transformInto(
    x: ArrayLike<number>,
    out: { [i: number]: number },
    outOffset = 0,
    start = 0,
  ): void {
    const n = this.length;
    const t = this.table;
    for (let k = 0; k < this.coefficients; k++) {
      const row = k * n;
      let sum = 0;
      let j = start;
      for (let i = 0; i < n; i++) {
        sum += t[row + i] * x[j];
        j = j + 1 === n ? 0 : j + 1;
      }
      out[outOffset + k] = sum;
    }
  }

  /** Convenience: the coefficients of `x` as a new array. */
  transform(x: ArrayLike<number>): Float64Array {
    if (x.length !== this.length)
      throw new RangeError(`expected ${this.length} samples, got ${x.length}`);
    const out = new Float64Array(this.coefficients);
    this.transformInto(x, out);
    return out;
  }
}
