import { PriceBar10s } from '../market/price-bar';
import { MINUTE_MS, SLOT_MS } from './session-clock';

/** Slots per 1-min bar. */
const SLOTS_PER_MINUTE = MINUTE_MS / SLOT_MS;

/**
 * The traded price on a dense 10-s grid starting at 04:00 ET, with 1-min bars aggregated from it.
 * Slot i covers [startMs + i·10 s, startMs + (i+1)·10 s). A slot without a bar is flat at the
 * previous close (no trade, no move); slots before the first bar are flat at the first bar's open.
 * Several bars in one slot (an off-grid feed) merge into one.
 *
 * Readers only ever ask for slots that end at or before their time, which keeps every window
 * backward-looking.
 */
export class PriceSeries {
  readonly slotCount: number;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** Completed 1-min bars; minute m covers slots 6m … 6m+5. */
  readonly minuteCount: number;
  readonly minuteHigh: Float64Array;
  readonly minuteLow: Float64Array;
  readonly minuteClose: Float64Array;

  constructor(
    readonly startMs: number,
    bars: readonly PriceBar10s[],
    /** The grid extends at least to this instant. */
    untilMs: number,
  ) {
    const lastEnd = bars.length > 0 ? bars[bars.length - 1].t + SLOT_MS : startMs;
    const n = Math.max(1, Math.ceil((Math.max(lastEnd, untilMs) - startMs) / SLOT_MS));
    this.slotCount = n;
    this.open = new Float64Array(n);
    this.high = new Float64Array(n);
    this.low = new Float64Array(n);
    this.close = new Float64Array(n);
    const seen = new Uint8Array(n);
    for (const bar of bars) {
      const i = Math.floor((bar.t - startMs) / SLOT_MS);
      if (i < 0 || i >= n) continue;
      if (seen[i] === 0) {
        seen[i] = 1;
        this.open[i] = bar.open;
        this.high[i] = bar.high;
        this.low[i] = bar.low;
      } else {
        this.high[i] = Math.max(this.high[i], bar.high);
        this.low[i] = Math.min(this.low[i], bar.low);
      }
      this.close[i] = bar.close;
    }
    let last = firstOpen(bars);
    for (let i = 0; i < n; i++) {
      if (seen[i] === 1) {
        last = this.close[i];
        continue;
      }
      this.open[i] = last;
      this.high[i] = last;
      this.low[i] = last;
      this.close[i] = last;
    }

    const m = Math.floor(n / SLOTS_PER_MINUTE);
    this.minuteCount = m;
    this.minuteHigh = new Float64Array(m);
    this.minuteLow = new Float64Array(m);
    this.minuteClose = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      let hi = -Infinity;
      let lo = Infinity;
      for (let j = k * SLOTS_PER_MINUTE; j < (k + 1) * SLOTS_PER_MINUTE; j++) {
        hi = Math.max(hi, this.high[j]);
        lo = Math.min(lo, this.low[j]);
      }
      this.minuteHigh[k] = hi;
      this.minuteLow[k] = lo;
      this.minuteClose[k] = this.close[(k + 1) * SLOTS_PER_MINUTE - 1];
    }
  }

  /** Number of slots that ended at or before `tMs`. */
  completedSlots(tMs: number): number {
    return clamp(Math.floor((tMs - this.startMs) / SLOT_MS), 0, this.slotCount);
  }

  /** Number of 1-min bars that ended at or before `tMs`. */
  completedMinutes(tMs: number): number {
    return clamp(Math.floor((tMs - this.startMs) / MINUTE_MS), 0, this.minuteCount);
  }

  /** Close of the last slot that ended at or before `tMs` (the price at `tMs`). */
  priceAt(tMs: number): number {
    const done = this.completedSlots(tMs);
    return done > 0 ? this.close[done - 1] : this.open[0];
  }
}

function firstOpen(bars: readonly PriceBar10s[]): number {
  return bars.length > 0 ? bars[0].open : 0;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
