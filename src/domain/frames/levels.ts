import { LevelKind } from '../frame/level-frame';
import { PriceSeries } from './price-series';
import { MINUTE_MS, SessionClock, SLOT_MS } from './session-clock';

/** The four dashboard levels, then the optional moving averages: the order of frames at one time. */
export const CORE_LEVEL_KINDS = ['PM_HIGH', 'PM_LOW', 'OR_HIGH', 'OR_LOW'] as const satisfies readonly LevelKind[];
export const MOVING_AVERAGE_KINDS = ['SMA_90', 'EMA_20'] as const satisfies readonly LevelKind[];

export const SMA_PERIOD = 90;
export const EMA_SPAN = 20;
const TWO_MINUTES_MS = 2 * MINUTE_MS;

export interface LevelState {
  readonly price: number;
  readonly active: boolean;
}

/** A level's price and activity as a function of time, from data at or before that time. */
export interface LevelTrack {
  readonly kind: LevelKind;
  at(tMs: number): LevelState;
}

/**
 * PM_HIGH / PM_LOW: highest high / lowest low of the 10-s slots (hence of the 1-min bars)
 * 04:00–09:30. Known in full at 09:30, constant afterwards.
 */
export function premarketLevels(series: PriceSeries, clock: SessionClock): { high: LevelTrack; low: LevelTrack } {
  const end = series.completedSlots(clock.openMs);
  let hi = -Infinity;
  let lo = Infinity;
  for (let i = 0; i < end; i++) {
    hi = Math.max(hi, series.high[i]);
    lo = Math.min(lo, series.low[i]);
  }
  const fallback = series.priceAt(clock.openMs);
  const high: LevelState = { price: Number.isFinite(hi) ? hi : fallback, active: true };
  const low: LevelState = { price: Number.isFinite(lo) ? lo : fallback, active: true };
  return { high: { kind: 'PM_HIGH', at: () => high }, low: { kind: 'PM_LOW', at: () => low } };
}

/**
 * OR_HIGH / OR_LOW: highest high / lowest low 09:30–09:45. Active from 09:45:00. Before that the
 * price is the running extreme of the opening range so far (slots completed by t; at 09:30:00,
 * when no slot of the range has completed, the spot) and `active` is false.
 */
export function openingRangeLevels(series: PriceSeries, clock: SessionClock): { high: LevelTrack; low: LevelTrack } {
  const first = series.completedSlots(clock.openMs);
  const last = series.completedSlots(clock.openingRangeEndMs);
  const n = last - first;
  // runHigh[j] / runLow[j]: extremes of the first j slots of the range.
  const runHigh = new Float64Array(n + 1);
  const runLow = new Float64Array(n + 1);
  runHigh[0] = runLow[0] = series.priceAt(clock.openMs);
  for (let j = 1; j <= n; j++) {
    const i = first + j - 1;
    runHigh[j] = j === 1 ? series.high[i] : Math.max(runHigh[j - 1], series.high[i]);
    runLow[j] = j === 1 ? series.low[i] : Math.min(runLow[j - 1], series.low[i]);
  }
  const track = (kind: 'OR_HIGH' | 'OR_LOW', run: Float64Array): LevelTrack => ({
    kind,
    at(tMs: number): LevelState {
      const j = Math.max(0, Math.min(n, series.completedSlots(tMs) - first));
      return { price: run[j], active: tMs >= clock.openingRangeEndMs };
    },
  });
  return { high: track('OR_HIGH', runHigh), low: track('OR_LOW', runLow) };
}

/**
 * SMA_90 / EMA_20 of 2-min closes (2-min bars on the grid from 04:00, so 09:30 is a bar boundary),
 * using the closes completed by t. SMA: mean of the last 90 closes; EMA: span 20
 * (α = 2/21), seeded with the first close of the grid. A moving average is active once 90 (SMA)
 * or 20 (EMA) closes exist; before that its price is the value over the closes so far (the spot
 * when none) and `active` is false.
 */
export function movingAverageLevels(series: PriceSeries): { sma: LevelTrack; ema: LevelTrack } {
  const slotsPer = TWO_MINUTES_MS / SLOT_MS;
  const count = Math.floor(series.slotCount / slotsPer);
  const closes = new Float64Array(count);
  for (let j = 0; j < count; j++) closes[j] = series.close[(j + 1) * slotsPer - 1];
  // sma[j] / ema[j]: value after j + 1 closes.
  const sma = new Float64Array(count);
  const ema = new Float64Array(count);
  const alpha = 2 / (EMA_SPAN + 1);
  let windowSum = 0;
  for (let j = 0; j < count; j++) {
    windowSum += closes[j];
    if (j >= SMA_PERIOD) windowSum -= closes[j - SMA_PERIOD];
    sma[j] = windowSum / Math.min(j + 1, SMA_PERIOD);
    ema[j] = j === 0 ? closes[0] : alpha * closes[j] + (1 - alpha) * ema[j - 1];
  }
  const track = (kind: 'SMA_90' | 'EMA_20', values: Float64Array, needed: number): LevelTrack => ({
    kind,
    at(tMs: number): LevelState {
      const done = Math.min(count, Math.max(0, Math.floor((tMs - series.startMs) / TWO_MINUTES_MS)));
      if (done === 0) return { price: series.priceAt(tMs), active: false };
      return { price: values[done - 1], active: done >= needed };
    },
  });
  return { sma: track('SMA_90', sma, SMA_PERIOD), ema: track('EMA_20', ema, EMA_SPAN) };
}
