import { IntMap } from './int-map';
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
  private readonly known = new Map<string, number>();
  private readonly knownInt: IntMap;
  private readonly scratch: Uint32Array;
  private readonly groupFeatures: Int32Array[];
  /** Each background row as a view (made once, not per planned row). */
  private readonly backgroundViews: Float32Array[];
  /** The last row returned and its effective coalition: the next prefix of a permutation builds on it. */
  private lastB = -1;
  private lastRow = -1;
  private readonly lastEff: Uint32Array;

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
    this.knownInt = new IntMap(expectedRows);
    this.scratch = new Uint32Array(words);
    this.lastEff = new Uint32Array(words);
    this.groupFeatures = activeGroups.map((g) => Int32Array.from(g));
    this.backgroundViews = [];
    for (let b = 0; b < nBackground; b++) this.backgroundViews.push(background.subarray(b * d, (b + 1) * d));
    this.xRow = this.append(x);
    this.backgroundRows = new Int32Array(nBackground);
    for (let b = 0; b < nBackground; b++) this.backgroundRows[b] = this.append(this.backgroundViews[b]);
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
    let row: number;
    if (full) row = this.xRow;
    else if (empty) row = this.backgroundRows[b];
    else {
      if (this.words === 1) {
        const key = eff[0] * this.nBackground + b;
        row = this.knownInt.get(key);
        if (row < 0) {
          row = this.appendMixed(b, eff);
          this.knownInt.set(key, row);
        }
      } else {
        const key = `${b}:${eff.join(',')}`;
        const known = this.known.get(key);
        if (known !== undefined) row = known;
        else {
          row = this.appendMixed(b, eff);
          this.known.set(key, row);
        }
      }
    }
    this.lastB = b;
    this.lastRow = row;
    for (let w = 0; w < this.words; w++) this.lastEff[w] = eff[w];
    return row;
  }

  /** The planned rows (nRows × d, row-major): a view of the builder's buffer, not a copy. */
  rows(): Float32Array {
    return this.buffer.subarray(0, this.count * this.x.length);
  }

  /**
   * Writes z for `coalition` on background row b. When the previous row returned was on the same
   * background row with a sub-coalition (the previous prefix of a permutation), it starts from that
   * row and writes only the added players' features; otherwise from the background row.
   */
  private appendMixed(b: number, coalition: Uint32Array): number {
    const d = this.x.length;
    let subset = this.lastB === b && this.lastRow >= 0;
    if (subset) {
      for (let w = 0; w < this.words; w++) {
        if ((this.lastEff[w] & ~coalition[w]) !== 0) {
          subset = false;
          break;
        }
      }
    }
    const from = subset ? this.lastRow : -1;
    const row = from >= 0 ? this.appendRow(from) : this.append(this.backgroundViews[b]);
    const start = row * d;
    const buffer = this.buffer;
    const x = this.x;
    // the players to take from x: those of the coalition not already in the row copied
    for (let w = 0; w < this.words; w++) {
      let add = from >= 0 ? coalition[w] & ~this.lastEff[w] : coalition[w];
      while (add !== 0) {
        const bit = 31 - Math.clz32(add);
        add &= ~(1 << bit);
        const features = this.groupFeatures[(w << 5) | bit];
        for (let k = 0; k < features.length; k++) {
          const j = features[k];
          buffer[start + j] = x[j];
        }
      }
    }
    return row;
  }

  /** Appends a copy of plan row `from`. */
  private appendRow(from: number): number {
    const d = this.x.length;
    this.reserve();
    this.buffer.copyWithin(this.count * d, from * d, (from + 1) * d);
    return this.count++;
  }

  private reserve(): void {
    const d = this.x.length;
    if ((this.count + 1) * d > this.buffer.length) {
      const grown = new Float32Array(Math.max(this.buffer.length * 2, (this.count + 1) * d));
      grown.set(this.buffer);
      this.buffer = grown;
    }
  }

  /** Appends a row (a view of exactly d values). */
  private append(source: Float32Array): number {
    this.reserve();
    this.buffer.set(source, this.count * this.x.length);
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
