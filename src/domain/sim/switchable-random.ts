import { SeededRandom } from './seeded-random';

/**
 * The generator's random stream, optionally replaced by a differently seeded one for every
 * draw made at a simulated time strictly after a given instant (the leakage guard's
 * "change everything after t").
 */
export class SwitchableRandom {
  private current: SeededRandom;
  private switched = false;

  constructor(
    seed: number,
    private readonly switchAfter?: { readonly tMs: number; readonly seed: number },
  ) {
    this.current = new SeededRandom(seed);
  }

  /** The stream to draw from for data stamped at `tMs`. */
  at(tMs: number): SeededRandom {
    if (!this.switched && this.switchAfter && tMs > this.switchAfter.tMs) {
      this.current = new SeededRandom(this.switchAfter.seed ^ 0x5bd1e995);
      this.switched = true;
    }
    return this.current;
  }
}
