import { OFI_WINDOWS } from '../frame/level-frame';
import { TopOfBook } from '../market/market-day';
import { countAtOrBefore } from './sorted-search';

/** Quotes whose mid is within this many points of the level count as "near the level". */
export const NEAR_LEVEL_PTS = 5;
const WINDOWS_MS: readonly number[] = OFI_WINDOWS.map((w) => w * 1000);

/**
 * Order-flow imbalance of one top-of-book update (Cont, Kukanov & Stoikov 2014), contracts, buy
 * pressure positive:
 *   e = [bid ≥ bid₋]·bidSize − [bid ≤ bid₋]·bidSize₋ − [ask ≤ ask₋]·askSize + [ask ≥ ask₋]·askSize₋
 * A bid that rises or grows adds, an ask that falls or grows subtracts.
 */
export function contOfi(prev: TopOfBook, cur: TopOfBook): number {
  let e = 0;
  if (cur.bid >= prev.bid) e += cur.bidSize;
  if (cur.bid <= prev.bid) e -= prev.bidSize;
  if (cur.ask <= prev.ask) e -= cur.askSize;
  if (cur.ask >= prev.ask) e += prev.askSize;
  return e;
}

export interface OrderFlowReading {
  /** Summed OFI over updates in (t − W, t], per OFI_WINDOWS entry. */
  readonly sums: readonly number[];
  /** Mean OFI per update over updates in (t − W, t] whose mid was within 5 pts of the level; 0 if none. */
  readonly nearLevelMeans: readonly number[];
}

/**
 * OFI windows from the 1-s top-of-book samples. The first sample has no predecessor and carries
 * no OFI. Window sums come from prefix sums; the near-level means scan the last 300 s of updates.
 */
export class OrderFlowCalculator {
  private readonly ofi: Float64Array;
  private readonly mid: Float64Array;
  /** prefix[i] = Σ ofi[0 … i−1]. */
  private readonly prefix: Float64Array;

  constructor(private readonly quotes: readonly TopOfBook[]) {
    const n = quotes.length;
    this.ofi = new Float64Array(n);
    this.mid = new Float64Array(n);
    this.prefix = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      const q = quotes[i];
      this.mid[i] = (q.bid + q.ask) / 2;
      this.ofi[i] = i > 0 ? contOfi(quotes[i - 1], q) : 0;
      this.prefix[i + 1] = this.prefix[i] + this.ofi[i];
    }
  }

  /** OFI window sums at `tMs` (level-independent). */
  sumsAt(tMs: number): number[] {
    const hi = countAtOrBefore(this.quotes, tMs);
    return WINDOWS_MS.map((w) => this.prefix[hi] - this.prefix[countAtOrBefore(this.quotes, tMs - w)]);
  }

  /** Near-level mean OFI per window at `tMs` for a level at `level`. */
  nearLevelMeansAt(tMs: number, level: number): number[] {
    // Windows are nested: walk back once, closing each window as the walk passes its start.
    const windows = WINDOWS_MS;
    const sums = windows.map(() => 0);
    const counts = windows.map(() => 0);
    const quotes = this.quotes;
    let sum = 0;
    let count = 0;
    let i = countAtOrBefore(quotes, tMs) - 1;
    for (let w = 0; w < windows.length; w++) {
      const startMs = tMs - windows[w];
      // Sample 0 has no predecessor, hence no update.
      for (; i >= 1 && quotes[i].t > startMs; i--) {
        if (Math.abs(this.mid[i] - level) <= NEAR_LEVEL_PTS) {
          sum += this.ofi[i];
          count++;
        }
      }
      sums[w] = sum;
      counts[w] = count;
    }
    return sums.map((s, w) => (counts[w] > 0 ? s / counts[w] : 0));
  }
}
