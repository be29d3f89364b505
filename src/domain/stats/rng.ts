// Seeded pseudo-random numbers for resampling. mulberry32 (32-bit state, integer arithmetic only), so
// a given seed yields the same sequence on every JavaScript engine, and every resampling result that
// depends on it is reproducible bit for bit.

export interface Rng {
  /** Uniform in [0, 1), multiples of 2^-32. */
  next(): number;
  /** Uniform integer in [0, n), n ≤ 2^32 (rejection sampling, no modulo bias). */
  int(n: number): number;
}

/** Normalises any finite number to a uint32 seed (non-integers are truncated). */
export function toSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
  return Math.trunc(seed) >>> 0;
}

export function mulberry32(seed: number): Rng {
  let state = toSeed(seed);
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next: () => nextUint32() / 4294967296,
    int: (n: number): number => {
      if (!(Number.isInteger(n) && n > 0 && n <= 4294967296))
        throw new RangeError(`int: n must be an integer in [1, 2^32], got ${n}`);
      const limit = 4294967296 - (4294967296 % n);
      let x = nextUint32();
      while (x >= limit) x = nextUint32();
      return x % n;
    },
  };
}

/** Anything indexable and writable: arrays and typed arrays. */
export interface MutableIndexed<T> {
  readonly length: number;
  [index: number]: T;
}

/** In-place Fisher–Yates shuffle (j drawn uniformly from 0..i, i from the end). */
export function shuffleInPlace<T>(items: MutableIndexed<T>, rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
}

/** A shuffled copy of `items`. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const copy = items.slice();
  shuffleInPlace(copy, rng);
  return copy;
}

/** A uniformly random permutation of 0..n−1. */
export function randomPermutation(n: number, rng: Rng): Uint32Array {
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  shuffleInPlace(perm, rng);
  return perm;
}

/**
 * Derives an independent-looking uint32 seed from a base seed and a label (FNV-1a over the label's
 * UTF-16 code units, mixed with the seed), e.g. one seed per feature pair from one run seed.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ toSeed(seed)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche (murmur3 fmix32) so nearby labels give distant seeds.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** Standard normal draws from `rng` (Box–Muller; each call consumes two uniforms). */
export function normalSampler(rng: Rng): () => number {
  return () => {
    const u1 = 1 - rng.next(); // (0, 1]
    const u2 = rng.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
}
