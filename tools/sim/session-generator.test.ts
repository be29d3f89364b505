import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildLevelFrames } from '../../src/domain/frames/build-level-frames';
import { MarketDay } from '../../src/domain/market/market-day';
import { easternToUtcMs, parseIsoDate } from '../../src/domain/sim/eastern-time';
import { truncateMarketDayAfter } from '../../src/domain/sim/market-day-truncation';
import { TICK } from '../../src/domain/sim/market-book';
import { resimulateAfter, simulateMarketDay } from '../../src/domain/sim/session-generator';
import type { SimulatedSession } from '../../src/domain/sim/session-types';

const DATE = '2025-03-10'; // first Monday on daylight time
const cache = new Map<string, SimulatedSession>();
const sim = (seed: number): SimulatedSession => {
  const key = String(seed);
  let s = cache.get(key);
  if (!s) cache.set(key, (s = simulateMarketDay(DATE, seed)));
  return s;
};
const digest = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');
const onTick = (p: number): boolean => Math.abs(p / TICK - Math.round(p / TICK)) < 1e-9;

describe('simulateMarketDay', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const a = sim(5);
    const again = simulateMarketDay(DATE, 5);
    assert.equal(digest(again.day), digest(a.day));
    assert.equal(digest(again.truth), digest(a.truth));
    assert.notEqual(digest(sim(6).day.bars), digest(a.day.bars));
  });

  it('covers 04:00–12:45 ET in 10-s bars, with prices on the tick grid in the ES range', () => {
    const { day } = sim(5);
    const d = parseIsoDate(DATE);
    assert.equal(day.openMs, easternToUtcMs(d, 9, 30));
    assert.equal(day.bars[0]?.t, easternToUtcMs(d, 4, 0));
    assert.ok((day.bars.at(-1)?.t ?? 0) >= easternToUtcMs(d, 12, 40));
    for (let i = 1; i < day.bars.length; i++)
      assert.equal((day.bars[i]?.t ?? 0) - (day.bars[i - 1]?.t ?? 0), 10_000);
    for (const b of day.bars) {
      assert.ok([b.open, b.high, b.low, b.close].every(onTick));
      assert.ok(b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close));
      assert.ok(b.low > 4500 && b.high < 7500);
    }
    assert.ok(day.trades.every((t) => onTick(t.price) && t.size > 0));
    assert.ok(
      day.quotes.every(
        (q) => onTick(q.bid) && q.ask - q.bid === TICK && q.bidSize > 0 && q.askSize > 0,
      ),
    );
    for (const snap of day.depth) {
      assert.ok(snap.bids.length >= 81 && snap.asks.length >= 81);
      assert.ok((snap.bids.at(-1)?.[0] ?? 0) <= (snap.bids[0]?.[0] ?? 0) - 20);
      assert.ok(snap.asks.every(([p, s]) => onTick(p) && s > 0));
    }
    assert.ok(
      day.optionTrades.length > 500 &&
        day.optionTrades.every((o) => o.strike % 5 === 0 && o.t >= day.openMs),
    );
    assert.ok(day.impliedVol > 0.05 && day.impliedVol < 0.4);
  });

  it('keeps every stream sorted by time', () => {
    const { day } = sim(5);
    for (const stream of [day.quotes, day.depth, day.trades, day.optionTrades]) {
      for (let i = 1; i < stream.length; i++)
        assert.ok((stream[i]?.t ?? 0) >= (stream[i - 1]?.t ?? 0));
    }
  });

  it('writes truth only for active in-zone levels on the 30-s grid, with contributions that add up', () => {
    const s = sim(5);
    assert.ok(s.truth.length > 0);
    for (const r of s.truth) {
      assert.ok(Math.abs(r.distance_signed_atr) <= 2);
      assert.ok(
        Number.isInteger(r.minutes_since_open * 2) &&
          r.minutes_since_open >= 0 &&
          r.minutes_since_open <= 180,
      );
      if (r.level_kind.startsWith('OR')) assert.ok(r.minutes_since_open >= 15);
      assert.equal(r.direction, r.spot < r.level_price ? 'UP' : 'DOWN');
      for (const h of ['2', '4', '8'] as const) assert.ok(r.p_break[h] >= 0 && r.p_break[h] <= 1);
      const sum = Object.values(r.contributions_4).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - (r.p_break['4'] - r.baseline_4)) < 1e-9);
      for (const control of [
        'Approach Momentum',
        'Gamma Walls',
        'Level Confluence',
        'Force Balance',
        'Persistence Trends',
      ] as const) {
        assert.equal(r.contributions_4[control], 0);
      }
    }
  });

  it('derives PM and OR levels from its own path', () => {
    const s = sim(5);
    const open = s.day.openMs;
    const pm = s.day.bars.filter((b) => b.t < open);
    const or = s.day.bars.filter((b) => b.t >= open && b.t < open + 15 * 60_000);
    assert.equal(s.levels.pmHigh, Math.max(...pm.map((b) => b.high)));
    assert.equal(s.levels.pmLow, Math.min(...pm.map((b) => b.low)));
    assert.equal(s.levels.orHigh, Math.max(...or.map((b) => b.high)));
    assert.equal(s.levels.orLow, Math.min(...or.map((b) => b.low)));
  });
});

describe('leakage guard', () => {
  const cut = easternToUtcMs(parseIsoDate(DATE), 10, 47, 30);
  const keepBefore = (day: MarketDay): MarketDay => truncateMarketDayAfter(day, cut);

  it('resimulateAfter keeps all data up to t identical and changes what follows', () => {
    const base = sim(5);
    const other = resimulateAfter(DATE, 5, cut, 999);
    assert.equal(digest(keepBefore(other.day)), digest(keepBefore(base.day)));
    assert.notEqual(digest(other.day.bars), digest(base.day.bars));
    const after = (day: MarketDay): unknown => day.trades.filter((t) => t.t > cut).slice(0, 50);
    assert.notEqual(digest(after(other.day)), digest(after(base.day)));
    const truthUpTo = (s: SimulatedSession): unknown =>
      s.truth.filter((r) => Date.parse(r.ts) <= cut);
    assert.equal(digest(truthUpTo(other)), digest(truthUpTo(base)));
  });

  it('truncateMarketDayAfter drops everything stamped after t and bars not yet ended', () => {
    const day = keepBefore(sim(5).day);
    assert.ok(day.bars.every((b) => b.t + 10_000 <= cut));
    assert.ok(
      [day.quotes, day.depth, day.trades, day.optionTrades].every((xs) =>
        xs.every((x) => x.t <= cut),
      ),
    );
    assert.equal(day.quotes.at(-1)?.t, cut);
  });

  it('frames at or before t do not change when everything after t changes', () => {
    const base = buildLevelFrames(sim(5).day).filter((f) => Date.parse(f.ts) <= cut);
    const other = buildLevelFrames(resimulateAfter(DATE, 5, cut, 999).day).filter(
      (f) => Date.parse(f.ts) <= cut,
    );
    assert.ok(base.length > 100);
    assert.deepEqual(other, base);
  });
});
