import { PriceBar10s } from '../market/price-bar';
import { BAR_MS, labelFrame, labelFrameDetail } from './label-frame';

const T0 = Date.UTC(2025, 10, 3, 15, 0, 0);
const LEVEL = 6000;
const ATR = 4; // break at p ≥ +2, reject at p ≤ p(t) − 4

/** Bars from T0 − 10 s (the entry bar, ending at t) onward; each entry is [low, high], close = mid. */
function path(entry: [number, number], ...after: [number, number][]): PriceBar10s[] {
  return [entry, ...after].map(([low, high], i) => ({
    t: T0 - BAR_MS + i * BAR_MS,
    open: (low + high) / 2,
    high,
    low,
    close: (low + high) / 2,
  }));
}
/** n quiet bars around `price` (±0.25). */
function quiet(n: number, price: number): [number, number][] {
  return Array.from({ length: n }, () => [price - 0.25, price + 0.25]);
}

describe('labelFrame', () => {
  // UP approach: spot 5998 is 2 pts below the level; p(t) = −2; break needs high ≥ 6002, reject low ≤ 5994.
  it('labels a BREAK when price goes 0.5 ATR through the level first', () => {
    const bars = path([5997.75, 5998.25], ...quiet(3, 5999), [5999, 6002], ...quiet(3, 6001));
    expect(labelFrame(bars, T0, LEVEL, 'UP', ATR, 4)).toBe('BREAK');
  });

  it('labels a REJECT when price moves 1 ATR further away first', () => {
    const bars = path([5997.75, 5998.25], ...quiet(2, 5997), [5993.75, 5996], [5999, 6003]);
    expect(labelFrame(bars, T0, LEVEL, 'UP', ATR, 4)).toBe('REJECT');
  });

  it('labels CHOP when neither threshold is hit within the horizon', () => {
    const bars = path([5997.75, 5998.25], ...quiet(24, 5999), [5999, 6005]);
    const d = labelFrameDetail(bars, T0, LEVEL, 'UP', ATR, 4);
    expect(d.outcome).toBe('CHOP');
    expect(d.horizonCovered).toBeTrue();
    // The same break one bar later is inside an 8-min horizon.
    expect(labelFrame(bars, T0, LEVEL, 'UP', ATR, 8)).toBe('BREAK');
  });

  it('counts the bar ending at t + H but not the one after', () => {
    const bars = path([5997.75, 5998.25], ...quiet(23, 5999), [5999, 6005]);
    expect(labelFrame(bars, T0, LEVEL, 'UP', ATR, 4)).toBe('BREAK');
    expect(labelFrame(bars, T0, LEVEL, 'UP', ATR, 3.9)).toBe('CHOP');
  });

  it('labels CHOP when both thresholds fall in the same 10-s bar', () => {
    const bars = path([5997.75, 5998.25], ...quiet(2, 5998), [5993, 6003], [5999, 6004]);
    const d = labelFrameDetail(bars, T0, LEVEL, 'UP', ATR, 4);
    expect(d.outcome).toBe('CHOP');
    expect(d.decidedAtMs).toBe(T0 + 2 * BAR_MS);
  });

  it('does not count the entry bar (the bar ending at t)', () => {
    // The entry bar spans both thresholds; only quiet bars follow.
    const bars = path([5990, 6005], ...quiet(30, 5998));
    expect(labelFrame(bars, T0, LEVEL, 'UP', ATR, 4, 5998)).toBe('CHOP');
    // A bar starting exactly at t is the first one counted.
    const next = path([5997.75, 5998.25], [5993, 5998], ...quiet(30, 5998));
    expect(labelFrameDetail(next, T0, LEVEL, 'UP', ATR, 4).decidedAtMs).toBe(T0);
  });

  it('measures p(t) from the close of the entry bar, or the given spot', () => {
    // Entry close 5998 → reject at 5994; with spot 5999 given → reject at 5995.
    const bars = path([5997.75, 5998.25], [5994.5, 5998]);
    expect(labelFrameDetail(bars, T0, LEVEL, 'UP', ATR, 4).startPosition).toBe(-2);
    expect(labelFrame(bars, T0, LEVEL, 'UP', ATR, 4)).toBe('CHOP');
    expect(labelFrame(bars, T0, LEVEL, 'UP', ATR, 4, 5999)).toBe('REJECT');
  });

  it('mirrors the thresholds for a DOWN approach', () => {
    // Spot 6003 above the level: p(t) = −3; break needs low ≤ 5998, reject high ≥ 6007.
    const up = path([6002.75, 6003.25], ...quiet(3, 6002), [5997.75, 6001]);
    expect(labelFrame(up, T0, LEVEL, 'DOWN', ATR, 4)).toBe('BREAK');
    const away = path([6002.75, 6003.25], ...quiet(3, 6004), [6004, 6007]);
    expect(labelFrame(away, T0, LEVEL, 'DOWN', ATR, 4)).toBe('REJECT');
    const almost = path([6002.75, 6003.25], ...quiet(3, 6004), [5998.25, 6006.75]);
    expect(labelFrame(almost, T0, LEVEL, 'DOWN', ATR, 4)).toBe('CHOP');
  });

  it('flags a horizon the bars do not cover', () => {
    const bars = path([5997.75, 5998.25], ...quiet(5, 5998));
    expect(labelFrameDetail(bars, T0, LEVEL, 'UP', ATR, 4).horizonCovered).toBeFalse();
  });

  it('rejects bad inputs', () => {
    const bars = path([5997.75, 5998.25]);
    expect(() => labelFrame(bars, T0, LEVEL, 'UP', 0, 4)).toThrowError(RangeError);
    expect(() => labelFrame([], T0, LEVEL, 'UP', ATR, 4)).toThrowError(RangeError);
  });
});
