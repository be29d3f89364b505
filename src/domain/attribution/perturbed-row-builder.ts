/**
 * Builds the model rows of an interventional attribution: z_j = x_j for features of the players
 * in a coalition, z_j = b_j (a background row) for the others.
 *
 * Two rows that are bound to be equal are planned once:
 * - a player whose features equal the background row's on row b cannot change z on that row, so
 *   z(S, b) depends only on S ∩ D_b, D_b being the players that differ from x on row b;
 * - S ∩ D_b = ∅ is the background row itself and S ∩ D_b = D_b is x itself (one row shared by
 *   every background row and every coalition that contains D_b).
 *
 * Coalitions are bit sets over the active players (Uint32Array words, bit i of word i >> 5).
 */
export class PerturbedRowBuilder {
  /** Plan row holding x. */
  readonly xRow: number;
  /** Plan row holding each background row (the empty coalition). */
  readonly backgroundRows: Int32Array;
  private buffer: Float32Array;
  private count = 0;
  private readonly known = new Map<number | string, number>();
  private readonly scratch: Uint32Array;
  private readonly groupFeatures: Int32Array[];

  /**
   * @param differs `nBackground × words` bit sets: bit i of row b is set when active player i has a
   *   feature whose value differs between x and background row b.
   */
  constructor(
    private readonly x: Float32Array,
    private readonly background: Float32Array,
    private readonly nBackground: number,
    activeGroups: readonly (readonly number[])[],
    private readonly differs: Uint32Array,
    private readonly words: number,
    expectedRows: number,
    arena?: RowArena,
  ) {
    const d = x.length;
    const floats = (expectedRows + nBackground + 1) * d;
    this.buffer = arena !== undefined ? arena.take(floats) : new Float32Array(floats);
    this.scratch = new Uint32Array(words);
    this.groupFeatures = activeGroups.map((g) => Int32Array.from(g));
    this.xRow = this.append(x, 0);
    this.backgroundRows = new Int32Array(nBackground);
    for (let b = 0; b < nBackground; b++) this.backgroundRows[b] = this.append(background, b * d);
  }

  get rowCount(): number {
    return this.count;
  }

  /** The plan row for coalition `coalition` against background row `b`, planned on first use. */
  rowFor(b: number, coalition: Uint32Array): number {
    const eff = this.scratch;
    let empty = true;
    let full = true;
    const base = b * this.words;
    for (let w = 0; w < this.words; w++) {
      const diff = this.differs[base + w];
      const v = (coalition[w] & diff) >>> 0;
      eff[w] = v;
      if (v !== 0) empty = false;
      if (v !== diff) full = false;
    }
    if (full) return this.xRow;
    if (empty) return this.backgroundRows[b];
    const key: number | string = this.words === 1 ? eff[0] * this.nBackground + b : `${b}:${eff.join(',')}`;
    const known = this.known.get(key);
    if (known !== undefined) return known;
    const row = this.appendMixed(b, eff);
    this.known.set(key, row);
    return row;
  }

  /** The planned rows (nRows × d, row-major): a view of the builder's buffer, not a copy. */
  rows(): Float32Array {
    return this.buffer.subarray(0, this.count * this.x.length);
  }

  private appendMixed(b: number, coalition: Uint32Array): number {
    const d = this.x.length;
    const row = this.append(this.background, b * d);
    const start = row * d;
    const buffer = this.buffer;
    const x = this.x;
    for (let i = 0; i < this.groupFeatures.length; i++) {
      if ((coalition[i >>> 5] & (1 << (i & 31))) === 0) continue;
      const features = this.groupFeatures[i];
      for (let k = 0; k < features.length; k++) {
        const j = features[k];
        buffer[start + j] = x[j];
      }
    }
    return row;
  }

  private append(source: Float32Array, offset: number): number {
    const d = this.x.length;
    if ((this.count + 1) * d > this.buffer.length) {
      const grown = new Float32Array(Math.max(this.buffer.length * 2, (this.count + 1) * d));
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer.set(source.subarray(offset, offset + d), this.count * d);
    return this.count++;
  }
}

/**
 * Scratch memory for planned rows, reused from one batch to the next: plans take consecutive
 * regions of one buffer instead of allocating their own. A plan's `rows` stay valid until the
 * arena's next `reset()` (the batch copies them before that), so the engine resets it when it
 * starts planning a tick. Regions are not cleared: the builder writes every row it returns.
 */
export class RowArena {
  private buffer = new Float32Array(0);
  private used = 0;

  /** Starts over: every region taken before may be overwritten. */
  reset(): void {
    this.used = 0;
  }

  /** A region of `floats` floats (a view of the arena's buffer, or of a new larger one). */
  take(floats: number): Float32Array {
    if (this.used + floats > this.buffer.length) {
      // views taken before keep the old buffer alive; the new one serves from here on
      this.buffer = new Float32Array(Math.max(2 * this.buffer.length, this.used + floats, 1 << 16));
    }
    const region = this.buffer.subarray(this.used, this.used + floats);
    this.used += floats;
    return region;
  }
}

/** Same value for the model: equal numbers, or both NaN (−0 and +0 are told apart). */
export function sameFeatureValue(a: number, b: number): boolean {
  return Object.is(a, b);
}

/**
 * Per background row, which players differ from x: an `nBackground × nPlayers` 0/1 matrix.
 * A player that differs on no row is a null player of the game (its Shapley value is exactly 0).
 */
export function playerDifferences(
  x: Float32Array,
  background: Float32Array,
  nBackground: number,
  groups: readonly (readonly number[])[],
): Uint8Array {
  const d = x.length;
  const m = groups.length;
  const out = new Uint8Array(nBackground * m);
  for (let b = 0; b < nBackground; b++) {
    const offset = b * d;
    for (let i = 0; i < m; i++) {
      for (const j of groups[i]) {
        if (!sameFeatureValue(x[j], background[offset + j])) {
          out[b * m + i] = 1;
          break;
        }
      }
    }
  }
  return out;
}
