import { PriceBar10s } from './price-bar';

/**
 * One session of raw market data, the way an exchange feed would deliver it after light
 * aggregation. The simulator produces it; the frame builder turns it into level-state frames
 * using backward windows only. All times are milliseconds since the Unix epoch (UTC); every
 * array is sorted by time.
 */
export interface MarketDay {
  /** Session date in America/New_York, YYYY-MM-DD. */
  readonly sessionDate: string;
  /** Epoch ms of 09:30:00 ET on the session date (the regular open). */
  readonly openMs: number;
  /** 10-s bars from 04:00 ET to at least 12:40 ET (labels look up to 8 min past 12:30). */
  readonly bars: readonly PriceBar10s[];
  /** Top of book sampled every second over the regular session (and warm-up before it). */
  readonly quotes: readonly TopOfBook[];
  /** Resting depth around the mid, snapshotted every 10 s. */
  readonly depth: readonly DepthSnapshot[];
  /** Every trade with its aggressor side. */
  readonly trades: readonly Trade[];
  /** Same-day-expiry option trades (customer side; dealers take the other side). */
  readonly optionTrades: readonly OptionTrade[];
  /** Implied volatility (annualised, e.g. 0.15) used to price the same-day options. */
  readonly impliedVol: number;
}

export interface TopOfBook {
  readonly t: number;
  readonly bid: number;
  readonly ask: number;
  /** Contracts resting at the best bid / ask. */
  readonly bidSize: number;
  readonly askSize: number;
}

/** One price level of the book: [price, contracts]. */
export type DepthLevel = readonly [price: number, size: number];

export interface DepthSnapshot {
  readonly t: number;
  /** Bids from the best downward, at least 20 points deep. */
  readonly bids: readonly DepthLevel[];
  /** Asks from the best upward, at least 20 points deep. */
  readonly asks: readonly DepthLevel[];
}

export type Aggressor = 'BUY' | 'SELL';

export interface Trade {
  readonly t: number;
  readonly price: number;
  readonly size: number;
  readonly aggressor: Aggressor;
}

export type OptionRight = 'C' | 'P';

export interface OptionTrade {
  readonly t: number;
  readonly strike: number;
  readonly right: OptionRight;
  /** Contracts. */
  readonly size: number;
  /** The customer's side; dealers hold the opposite position. */
  readonly customerSide: Aggressor;
}
