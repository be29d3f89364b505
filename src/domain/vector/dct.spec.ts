import { DctBasis } from './dct';

/** Direct O(N²) orthonormal DCT-II, written from the formula. */
function referenceDct(x: readonly number[], k: number): number {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i] * Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n));
  return (k === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n)) * sum;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

describe('DctBasis', () => {
  it('matches the direct O(N²) DCT-II on random series', () => {
    const rand = seeded(7);
    const basis = new DctBasis(40, 8);
    for (let trial = 0; trial < 5; trial++) {
      const x = Array.from({ length: 40 }, () => rand() * 10);
      const got = basis.transform(x);
      for (let k = 0; k < 8; k++) expect(got[k]).toBeCloseTo(referenceDct(x, k), 10);
    }
  });

  it('is orthonormal: the full basis preserves energy and its rows are orthonormal', () => {
    const n = 16;
    const basis = new DctBasis(n, n);
    const rand = seeded(11);
    const x = Array.from({ length: n }, () => rand());
    const X = basis.transform(x);
    const energy = (v: ArrayLike<number>) => Array.from(v).reduce((s, a) => s + a * a, 0);
    expect(energy(X)).toBeCloseTo(energy(x), 12);
    // Rows: transform of unit impulses gives the columns of the basis matrix.
    const rows: number[][] = Array.from({ length: n }, () => []);
    for (let i = 0; i < n; i++) {
      const e = Array.from({ length: n }, (_, j) => (j === i ? 1 : 0));
      const col = basis.transform(e);
      for (let k = 0; k < n; k++) rows[k].push(col[k]);
    }
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const dot = rows[a].reduce((s, v, i) => s + v * rows[b][i], 0);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 12);
      }
    }
  });

  it('puts a constant entirely in k0 = √N·c', () => {
    const X = new DctBasis(40, 8).transform(new Array<number>(40).fill(2));
    expect(X[0]).toBeCloseTo(2 * Math.sqrt(40), 12);
    for (let k = 1; k < 8; k++) expect(X[k]).toBeCloseTo(0, 12);
  });

  it('reads a ring buffer from its start offset', () => {
    const x = Array.from({ length: 10 }, (_, i) => i * i);
    const start = 3;
    const ring = Array.from({ length: 10 }, (_, j) => x[(j - start + 10) % 10]);
    const basis = new DctBasis(10, 4);
    const out = new Float64Array(4);
    basis.transformInto(ring, out, 0, start);
    const direct = basis.transform(x);
    for (let k = 0; k < 4; k++) expect(out[k]).toBeCloseTo(direct[k], 12);
  });

  it('rejects bad sizes', () => {
    expect(() => new DctBasis(0, 1)).toThrowError(RangeError);
    expect(() => new DctBasis(4, 5)).toThrowError(RangeError);
    expect(() => new DctBasis(4, 4).transform([1, 2, 3])).toThrowError(RangeError);
  });
});
