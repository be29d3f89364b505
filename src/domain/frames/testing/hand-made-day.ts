import { PriceBar10s } from '../../market/price-bar';
import { DepthLevel, DepthSnapshot, MarketDay, OptionTrade, TopOfBook, Trade } from '../../market/market-day';
import { PREMARKET_START_OFFSET_MS, SLOT_MS } from '../session-clock';

/** 2025-11-03 09:30 ET (EST, UTC−5) = 14:30 UTC. */
export const HAND_OPEN_MS = Date.UTC(2025, 10, 3, 14, 30);
export const HAND_SESSION_DATE = '2025-11-03';
/** Bars run to 12:40 ET (190 min after the open). */
const END_OFFSET_MS = 190 * 60_000;

export interface HandMadeDayInput {
  /** Price at a time, seconds since the open (negative in the premarket); sampled at every 10-s boundary. */
  readonly price: (secondsSinceOpen: number) => number;
  /** Extra high/low beyond open/close per bar (default 0). */
  readonly wick?: number;
  /** Explicit bars replace the ones built from `price`. */
  readonly bars?: readonly PriceBar10s[];
  /** Default: every second from 09:00 to 12:40, bid = price rounded down to a tick, ask = bid + 0.25, 10 × 10. */
  readonly quotes?: readonly TopOfBook[];
  /** Default: every 10 s from 09:00, 20 contracts at every tick 20 pts deep around the price. */
  readonly depth?: readonly DepthSnapshot[];
  readonly trades?: readonly Trade[];
  readonly optionTrades?: readonly OptionTrade[];
  readonly impliedVol?: number;
}

/**
 * A small MarketDay with known answers for specs: bars from 04:00 to 12:40 ET whose closes follow
 * `price`, and plain default quotes and depth. Every array is sorted by time.
 */
export function handMadeDay(input: HandMadeDayInput): MarketDay {
  const open = HAND_OPEN_MS;
  const start = open - PREMARKET_START_OFFSET_MS;
  const at = (ms: number): number => input.price((ms - open) / 1000);
  const wick = input.wick ?? 0;
  const bars: PriceBar10s[] = [];
  if (input.bars) bars.push(...input.bars);
  else {
    for (let t = start; t < open + END_OFFSET_MS; t += SLOT_MS) {
      const o = at(t);
      const c = at(t + SLOT_MS);
      bars.push({ t, open: o, high: Math.max(o, c) + wick, low: Math.min(o, c) - wick, close: c });
    }
  }
  return {
    sessionDate: HAND_SESSION_DATE,
    openMs: open,
    bars,
    quotes: input.quotes ?? defaultQuotes(at),
    depth: input.depth ?? defaultDepth(at),
    trades: input.trades ?? [],
    optionTrades: input.optionTrades ?? [],
    impliedVol: input.impliedVol ?? 0.15,
  };
}

const TICK = 0.25;
const floorTick = (p: number): number => Math.floor(p / TICK) * TICK;

function defaultQuotes(at: (ms: number) => number): TopOfBook[] {
  const quotes: TopOfBook[] = [];
  for (let t = HAND_OPEN_MS - 30 * 60_000; t <= HAND_OPEN_MS + END_OFFSET_MS; t += 1000) {
    const bid = floorTick(at(t));
    quotes.push({ t, bid, ask: bid + TICK, bidSize: 10, askSize: 10 });
  }
  return quotes;
}

/** A flat book: `size` contracts at every tick within 20 pts of the price. */
export function flatBookAt(t: number, price: number, size = 20): DepthSnapshot {
  const bid = floorTick(price);
  const bids: DepthLevel[] = [];
  const asks: DepthLevel[] = [];
  for (let i = 0; i <= 80; i++) {
    bids.push([bid - i * TICK, size]);
    asks.push([bid + TICK + i * TICK, size]);
  }
  return { t, bids, asks };
}

function defaultDepth(at: (ms: number) => number): DepthSnapshot[] {
  const snaps: DepthSnapshot[] = [];
  for (let t = HAND_OPEN_MS - 30 * 60_000; t <= HAND_OPEN_MS + END_OFFSET_MS; t += SLOT_MS) snaps.push(flatBookAt(t, at(t)));
  return snaps;
}

/** Epoch ms of a time given as seconds since the hand-made day's open. */
export function handMs(secondsSinceOpen: number): number {
  return HAND_OPEN_MS + secondsSinceOpen * 1000;
}
