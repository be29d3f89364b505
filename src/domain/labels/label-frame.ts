import { Direction, dirSign } from '../frame/level-frame';
import { PriceBar10s } from '../market/price-bar';

/**
 * The outcome labeler (domain §4). For a frame at time t with level L, direction d and atr a, with
 * p = d·(price − L) the level-frame position and p(t) the position at t:
 * - BREAK: within (t, t+H] price trades through the level by 0.5·a (p ≥ +0.5a) first;
 * - REJECT: within (t, t+H] p falls to p(t) − a first;
 * - CHOP: neither within H, or both inside the same 10-s bar (the order inside a bar is unknown).
 *
 * Only bars that start at or after t are read: a bar covers [start, start + 10 s), so the bar
 * that ends at t (the "entry bar", whose close is the price at t) is never counted. The last bar
 * read is the one ending at t + H.
 */
export const OUTCOMES = ['BREAK', 'REJECT', 'CHOP'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const BAR_MS = 10_000;
/** Break threshold, in ATR through the level. */
export const BREAK_ATR = 0.5;
/** Reject threshold, in ATR further away from the level than at t. */
export const REJECT_ATR = 1.0;
/** Horizons the project labels with, minutes (4 is the default). */
export const HORIZONS_MIN = [2, 4, 8] as const;
export const DEFAULT_HORIZON_MIN = 4;

export interface LabelDetail {
  readonly outcome: Outcome;
  /** Start (epoch ms) of the bar that decided the outcome; null when nothing was hit. */
  readonly decidedAtMs: number | null;
  /** Position p(t) the reject threshold was measured from, points. */
  readonly startPosition: number;
  /** False when the bars end before t + H and nothing was hit (the CHOP is then uncertain). */
  readonly horizonCovered: boolean;
}

/**
 * Labels one frame. `bars` are 10-s bars sorted by start time. p(t) is taken from `spotAtT` when
 * given (the frame's spot), else from the close of the bar ending at or before t.
 */
export function labelFrame(
  bars: readonly PriceBar10s[],
  tMs: number,
  level: number,
  direction: Direction,
  atr: number,
  horizonMin: number,
  spotAtT?: number,
): Outcome {
  return labelFrameDetail(bars, tMs, level, direction, atr, horizonMin, spotAtT).outcome;
}

export function labelFrameDetail(
  bars: readonly PriceBar10s[],
  tMs: number,
  level: number,
  direction: Direction,
  atr: number,
  horizonMin: number,
  spotAtT?: number,
): LabelDetail {
  if (!(atr > 0) || !Number.isFinite(atr)) throw new RangeError(`atr must be positive: ${atr}`);
  if (!(horizonMin > 0)) throw new RangeError(`horizon must be positive: ${horizonMin}`);
  const d = dirSign(direction);
  const first = firstBarAtOrAfter(bars, tMs);
  const price0 = spotAtT ?? priceAt(bars, first, tMs);
  const p0 = d * (price0 - level);
  const breakAt = BREAK_ATR * atr;
  const rejectAt = p0 - REJECT_ATR * atr;
  const endMs = tMs + horizonMin * 60_000;

  let lastEnd = tMs;
  for (let i = first; i < bars.length; i++) {
    const bar = bars[i];
    if (bar.t + BAR_MS > endMs) break;
    lastEnd = bar.t + BAR_MS;
    // Extremes of p within the bar: for UP p = price − L, for DOWN p = L − price.
    const pHigh = d === 1 ? bar.high - level : level - bar.low;
    const pLow = d === 1 ? bar.low - level : level - bar.high;
    const broke = pHigh >= breakAt;
    const rejected = pLow <= rejectAt;
    if (broke || rejected) {
      const outcome: Outcome = broke && rejected ? 'CHOP' : broke ? 'BREAK' : 'REJECT';
      return { outcome, decidedAtMs: bar.t, startPosition: p0, horizonCovered: true };
    }
  }
  return {
    outcome: 'CHOP',
    decidedAtMs: null,
    startPosition: p0,
    horizonCovered: lastEnd >= endMs,
  };
}

/** Index of the first bar whose start is ≥ tMs (bars.length when none). */
export function firstBarAtOrAfter(bars: readonly PriceBar10s[], tMs: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bars[mid].t < tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Close of the last bar ending at or before t (bars[first − 1] when it has ended by t). */
function priceAt(bars: readonly PriceBar10s[], first: number, tMs: number): number {
  const prev = first - 1;
  if (prev >= 0 && bars[prev].t + BAR_MS <= tMs) return bars[prev].close;
  throw new RangeError(
    `no bar ends at or before ${new Date(tMs).toISOString()}; pass the spot at t`,
  );
}
