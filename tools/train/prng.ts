/**
 * Seeded pseudo-random numbers for the trainer (row/column subsampling, fold shuffling).
 *
 * Mulberry32: 32-bit state, integer arithmetic only, so a seed gives the same sequence in every
 * JavaScript runtime. Good enough for sampling; not for cryptography.
 */
export type Prng = () => number;

/** A generator of uniform numbers in [0, 1) determined by `seed` (any integer; taken modulo 2^32). */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n). */
export function randomIndex(rand: Prng, n: number): number {
  return Math.min(n - 1, Math.floor(rand() * n));
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T>(items: T[], rand: Prng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomIndex(rand, i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
}

/**
 * `k` distinct indices out of [0, n), drawn without replacement and returned in ascending order
 * (ascending keeps later passes over the data cache-friendly).
 */
export function sampleSortedIndices(n: number, k: number, rand: Prng): Uint32Array {
  const count = Math.max(0, Math.min(n, k));
  const pool = new Uint32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < count; i++) {
    const j = i + randomIndex(rand, n - i);
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return pool.slice(0, count).sort();
}
