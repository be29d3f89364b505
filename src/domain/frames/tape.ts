import { Trade } from '../market/market-day';
import { countAtOrBefore } from './sorted-search';

export const TAPE_WINDOW_MS = 60_000;
/** Trades within this many points of the level count for the level's tape. */
export const TAPE_NEAR_LEVEL_PTS = 0.5;
/** A sweep: one aggressor's consecutive trades, all within this long of the first … */
export const SWEEP_MAX_SPAN_MS = 1_000;
/** … moving monotonically in the aggressor's direction through at least this many points (3 price levels). */
export const SWEEP_MIN_PRICE_SPAN_PTS = 0.5;

const EPS = 1e-9;

export interface TapeReading {
  readonly buyVolume: number;
  readonly sellVolume: number;
  /** (buy − sell)/(buy + sell), 0 when no volume. */
  readonly imbalance: number;
  readonly sweep: boolean;
}

/**
 * The tape over the last 60 s, (t − 60 s, t]. Sweep runs are found once per trade: a run grows
 * while the next trade has the same aggressor, is within 1 s of the run's first trade and does not
 * step back against the aggressor; the run qualifies as a sweep from the trade at which its price
 * span reaches 0.5 pt (three price levels). Only trades up to that trade decide, so detection is backward-looking.
 */
export class TapeCalculator {
  private readonly sweepAt: Uint8Array;
  private readonly runLow: Float64Array;
  private readonly runHigh: Float64Array;

  constructor(private readonly trades: readonly Trade[]) {
    const n = trades.length;
    this.sweepAt = new Uint8Array(n);
    this.runLow = new Float64Array(n);
    this.runHigh = new Float64Array(n);
    let runStart = 0;
    for (let i = 0; i < n; i++) {
      const cur = trades[i];
      if (i > 0) {
        const prev = trades[i - 1];
        const first = trades[runStart];
        const continues =
          cur.aggressor === prev.aggressor &&
          cur.t - first.t <= SWEEP_MAX_SPAN_MS &&
          (cur.aggressor === 'BUY' ? cur.price >= prev.price : cur.price <= prev.price);
        if (!continues) runStart = i;
      }
      const startPrice = trades[runStart].price;
      this.runLow[i] = Math.min(startPrice, cur.price);
      this.runHigh[i] = Math.max(startPrice, cur.price);
      this.sweepAt[i] = this.runHigh[i] - this.runLow[i] >= SWEEP_MIN_PRICE_SPAN_PTS - EPS ? 1 : 0;
    }
  }

  /** Index range [from, to) of the trades in (t − 60 s, t]. */
  windowAt(tMs: number): { readonly from: number; readonly to: number } {
    return { from: countAtOrBefore(this.trades, tMs - TAPE_WINDOW_MS), to: countAtOrBefore(this.trades, tMs) };
  }

  /**
   * OLS slope (pt/s) of every trade price in the window against its time, each trade one
   * observation; 0 with fewer than two distinct trade times.
   */
  velocity(from: number, to: number): number {
    const n = to - from;
    if (n < 2) return 0;
    const trades = this.trades;
    const t0 = trades[from].t;
    const p0 = trades[from].price;
    let st = 0;
    let sp = 0;
    for (let i = from; i < to; i++) {
      st += (trades[i].t - t0) / 1000;
      sp += trades[i].price - p0;
    }
    const mt = st / n;
    const mp = sp / n;
    let sxy = 0;
    let sxx = 0;
    for (let i = from; i < to; i++) {
      const dx = (trades[i].t - t0) / 1000 - mt;
      sxy += dx * (trades[i].price - p0 - mp);
      sxx += dx * dx;
    }
    return sxx > EPS ? sxy / sxx : 0;
  }

  /**
   * Volume by aggressor of the window's trades within 0.5 pt of the level, and whether a sweep
   * completed in the window with a price range reaching within 0.5 pt of the level.
   */
  nearLevel(from: number, to: number, level: number): TapeReading {
    const trades = this.trades;
    let buy = 0;
    let sell = 0;
    let sweep = false;
    for (let i = from; i < to; i++) {
      const tr = trades[i];
      if (Math.abs(tr.price - level) <= TAPE_NEAR_LEVEL_PTS + EPS) {
        if (tr.aggressor === 'BUY') buy += tr.size;
        else sell += tr.size;
      }
      if (
        !sweep &&
        this.sweepAt[i] === 1 &&
        this.runLow[i] <= level + TAPE_NEAR_LEVEL_PTS + EPS &&
        this.runHigh[i] >= level - TAPE_NEAR_LEVEL_PTS - EPS
      ) {
        sweep = true;
      }
    }
    const total = buy + sell;
    return { buyVolume: buy, sellVolume: sell, imbalance: total > 0 ? (buy - sell) / total : 0, sweep };
  }
}
