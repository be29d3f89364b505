import { MarketDay } from '../market/market-day';

const BAR_MS = 10_000;

/**
 * The part of a market day known at `tMs`: quotes, depth, trades and option trades stamped at or
 * before t, and the 10-s bars that have ended by t (start + 10 s ≤ t). A frame builder that only
 * looks backward produces the same frames at times ≤ t from this truncated day as from the full one.
 */
export function truncateMarketDayAfter(day: MarketDay, tMs: number): MarketDay {
  return {
    ...day,
    bars: day.bars.filter((b) => b.t + BAR_MS <= tMs),
    quotes: day.quotes.filter((q) => q.t <= tMs),
    depth: day.depth.filter((d) => d.t <= tMs),
    trades: day.trades.filter((x) => x.t <= tMs),
    optionTrades: day.optionTrades.filter((o) => o.t <= tMs),
  };
}
