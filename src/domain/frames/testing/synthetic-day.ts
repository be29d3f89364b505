import { PriceBar10s } from '../../market/price-bar';
import { DepthLevel, DepthSnapshot, MarketDay, OptionTrade, TopOfBook, Trade } from '../../market/market-day';
import { PREMARKET_START_OFFSET_MS, SLOT_MS } from '../session-clock';
import { HAND_OPEN_MS, HAND_SESSION_DATE } from './hand-made-day';

const TICK = 0.25;
const END_OFFSET_MS = 190 * 60_000;
const WARM_UP_MS = 30 * 60_000;

/** mulberry32: a tiny seeded generator for test data. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticDayOptions {
  readonly seed: number;
  /** Mean trades per second from 09:00 ET (default 8). */
  readonly tradesPerSecond?: number;
  /** Option trades over the session (default 1500). */
  readonly optionTradeCount?: number;
}

/**
 * A seeded, realistically sized day for benchmarks and leakage checks (not a market model):
 * a per-second tick random walk from 04:00 ET, 1-s quotes and 10-s depth from 09:00, Poisson
 * trades with occasional sweeps, and same-day option trades on 5-pt strikes around the price.
 */
export function syntheticDay(options: SyntheticDayOptions): MarketDay {
  const rand = seededUniform(options.seed);
  const open = HAND_OPEN_MS;
  const start = open - PREMARKET_START_OFFSET_MS;
  const end = open + END_OFFSET_MS;
  const seconds = (end - start) / 1000;
  const prices = new Float64Array(seconds + 1);
  prices[0] = 6000 + Math.round(rand() * 200) * TICK;
  for (let s = 1; s <= seconds; s++) {
    const u = rand();
    const step = u < 0.12 ? -1 : u > 0.88 ? 1 : 0;
    prices[s] = prices[s - 1] + step * TICK * (rand() < 0.1 ? 2 : 1);
  }
  const priceAt = (ms: number): number => prices[Math.min(seconds, Math.max(0, Math.floor((ms - start) / 1000)))];
  return {
    sessionDate: HAND_SESSION_DATE,
    openMs: open,
    bars: barsFrom(prices, start, end),
    quotes: quotesFrom(rand, priceAt, open - WARM_UP_MS, end),
    depth: depthFrom(rand, priceAt, open - WARM_UP_MS, end),
    trades: tradesFrom(rand, priceAt, open - WARM_UP_MS, end, options.tradesPerSecond ?? 8),
    optionTrades: optionTradesFrom(rand, priceAt, open, end, options.optionTradeCount ?? 1500),
    impliedVol: 0.12 + rand() * 0.1,
  };
}

function barsFrom(prices: Float64Array, start: number, end: number): PriceBar10s[] {
  const bars: PriceBar10s[] = [];
  for (let t = start; t < end; t += SLOT_MS) {
    const s0 = (t - start) / 1000;
    let hi = -Infinity;
    let lo = Infinity;
    for (let s = s0; s <= s0 + 10; s++) {
      hi = Math.max(hi, prices[s]);
      lo = Math.min(lo, prices[s]);
    }
    bars.push({ t, open: prices[s0], high: hi, low: lo, close: prices[s0 + 10] });
  }
  return bars;
}

function quotesFrom(rand: () => number, priceAt: (ms: number) => number, from: number, to: number): TopOfBook[] {
  const quotes: TopOfBook[] = [];
  for (let t = from; t <= to; t += 1000) {
    const bid = priceAt(t);
    quotes.push({ t, bid, ask: bid + TICK, bidSize: 5 + Math.floor(rand() * 60), askSize: 5 + Math.floor(rand() * 60) });
  }
  return quotes;
}

function depthFrom(rand: () => number, priceAt: (ms: number) => number, from: number, to: number): DepthSnapshot[] {
  const snaps: DepthSnapshot[] = [];
  for (let t = from; t <= to; t += SLOT_MS) {
    const bid = priceAt(t);
    const bids: DepthLevel[] = [];
    const asks: DepthLevel[] = [];
    for (let i = 0; i <= 84; i++) {
      const wall = (p: number): number => (Math.round(p) % 10 === 0 ? 150 : 0);
      bids.push([bid - i * TICK, 10 + Math.floor(rand() * 70) + wall(bid - i * TICK)]);
      asks.push([bid + TICK + i * TICK, 10 + Math.floor(rand() * 70) + wall(bid + TICK + i * TICK)]);
    }
    snaps.push({ t, bids, asks });
  }
  return snaps;
}

function tradesFrom(rand: () => number, priceAt: (ms: number) => number, from: number, to: number, perSecond: number): Trade[] {
  const trades: Trade[] = [];
  let t = from;
  while (t < to) {
    t += Math.max(1, Math.round((-Math.log(1 - rand()) / perSecond) * 1000));
    const aggressor = rand() < 0.5 ? 'BUY' : 'SELL';
    const base = priceAt(t) + (aggressor === 'BUY' ? TICK : 0);
    if (rand() < 0.002) {
      // A sweep: five prints walking four ticks within 200 ms.
      for (let j = 0; j < 5; j++) {
        const price = base + (aggressor === 'BUY' ? j : -j) * TICK;
        trades.push({ t: t + j * 50, price, size: 5 + Math.floor(rand() * 40), aggressor });
      }
      t += 200;
      continue;
    }
    trades.push({ t, price: base, size: 1 + Math.floor(rand() * 12), aggressor });
  }
  return trades;
}

function optionTradesFrom(rand: () => number, priceAt: (ms: number) => number, from: number, to: number, count: number): OptionTrade[] {
  const times = Array.from({ length: count }, () => from + Math.floor(rand() * (to - from))).sort((a, b) => a - b);
  return times.map((t) => {
    const strike = Math.round(priceAt(t) / 5) * 5 + 5 * Math.round((rand() - 0.5) * 16);
    return {
      t,
      strike,
      right: rand() < 0.5 ? 'C' : 'P',
      size: 1 + Math.floor(rand() * 50),
      customerSide: rand() < 0.55 ? 'BUY' : 'SELL',
    };
  });
}

/**
 * The same day with everything strictly after `tMs` replaced: bars starting at or after `tMs`
 * (their prices are only known after it), and quotes, depth, trades and option trades after it.
 */
export function withFutureChanged(day: MarketDay, tMs: number, seed: number): MarketDay {
  const rand = seededUniform(seed);
  const jump = (): number => (Math.floor(rand() * 41) - 20) * TICK;
  const shift = 7.5 + jump();
  return {
    ...day,
    bars: day.bars.map((b) => {
      if (b.t < tMs) return b;
      const j = jump();
      return { t: b.t, open: b.open + shift, high: b.high + shift + Math.abs(j), low: b.low + shift - Math.abs(j), close: b.close + shift + j / 4 };
    }),
    quotes: day.quotes.map((q) =>
      q.t <= tMs ? q : { t: q.t, bid: q.bid + shift, ask: q.ask + shift, bidSize: 1 + Math.floor(rand() * 99), askSize: 1 + Math.floor(rand() * 99) },
    ),
    depth: day.depth.map((d) =>
      d.t <= tMs
        ? d
        : {
            t: d.t,
            bids: d.bids.map(([p, s]): DepthLevel => [p + shift, s + Math.floor(rand() * 300)]),
            asks: d.asks.map(([p, s]): DepthLevel => [p + shift, s + Math.floor(rand() * 300)]),
          },
    ),
    trades: day.trades.map((tr) =>
      tr.t <= tMs ? tr : { t: tr.t, price: tr.price + shift, size: tr.size * 3 + 1, aggressor: tr.aggressor === 'BUY' ? 'SELL' : 'BUY' },
    ),
    optionTrades: [
      ...day.optionTrades.map((o) => (o.t <= tMs ? o : { ...o, size: o.size * 10, customerSide: o.customerSide === 'BUY' ? 'SELL' : 'BUY' } satisfies OptionTrade)),
      { t: tMs + 1, strike: 5 * Math.round(day.bars[0].close / 5), right: 'P', size: 5000, customerSide: 'SELL' } satisfies OptionTrade,
    ].sort((a, b) => a.t - b.t),
  };
}
