import { PriceBar10s } from '../market/price-bar';
import { TICK } from './market-book';

const SLOT_MS = 10_000;
const MINUTE_MS = 60_000;

interface OpenBar {
  t: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

/**
 * Records the generated prints: 10-s bars, the 1-min true ranges of the §1 ATR (as the frame
 * builder computes it), the running premarket and opening-range extremes, and the last price.
 */
export class PriceRecorder {
  readonly bars: PriceBar10s[] = [];
  pmHigh = -Infinity;
  pmLow = Infinity;
  orHigh = -Infinity;
  orLow = Infinity;
  /** Last printed price. */
  last: number;
  private bar: OpenBar | null = null;
  private minute: { t: number; high: number; low: number; close: number } | null = null;
  private prevMinuteClose = NaN;
  private readonly trueRanges: number[] = [];

  constructor(
    private readonly startMs: number,
    private readonly openMs: number,
    private readonly orEndMs: number,
    firstPrice: number,
  ) {
    this.last = firstPrice;
  }

  /** One print at `t` (ms, on or after the previous one). */
  print(t: number, price: number): void {
    const barStart = t - ((t - this.startMs) % SLOT_MS);
    const bar = this.bar;
    if (!bar || bar.t !== barStart) {
      if (bar)
        this.bars.push({
          t: bar.t,
          open: bar.open,
          high: bar.high,
          low: bar.low,
          close: bar.close,
        });
      this.bar = { t: barStart, open: price, high: price, low: price, close: price };
    } else {
      bar.high = Math.max(bar.high, price);
      bar.low = Math.min(bar.low, price);
      bar.close = price;
    }
    this.closeMinuteBefore(t);
    const minute = this.minute;
    if (!minute) {
      const minuteStart = t - ((t - this.startMs) % MINUTE_MS);
      this.minute = { t: minuteStart, high: price, low: price, close: price };
    } else {
      minute.high = Math.max(minute.high, price);
      minute.low = Math.min(minute.low, price);
      minute.close = price;
    }
    if (t < this.openMs) {
      this.pmHigh = Math.max(this.pmHigh, price);
      this.pmLow = Math.min(this.pmLow, price);
    } else if (t < this.orEndMs) {
      this.orHigh = Math.max(this.orHigh, price);
      this.orLow = Math.min(this.orLow, price);
    }
    this.last = price;
  }

  /** Completes the 1-min bar once `t` is past its end (its true range enters the ATR). */
  closeMinuteBefore(t: number): void {
    const m = this.minute;
    if (!m || t < m.t + MINUTE_MS) return;
    const pc = this.prevMinuteClose;
    this.trueRanges.push(
      Number.isNaN(pc) ? m.high - m.low : Math.max(m.high, pc) - Math.min(m.low, pc),
    );
    this.prevMinuteClose = m.close;
    this.minute = null;
  }

  /** Mean of the last 14 one-minute true ranges; before the first, a guess from the volatility. */
  atr(sigmaPerSqrtSec: number): number {
    const n = this.trueRanges.length;
    if (n === 0) return Math.max(TICK, 12.4 * sigmaPerSqrtSec);
    const k = Math.min(14, n);
    let sum = 0;
    for (let i = n - k; i < n; i++) sum += this.trueRanges[i] ?? 0;
    return Math.max(TICK, sum / k);
  }

  /** The 10-s bar being filled (at a control step: the slot that just ended). */
  get currentBar(): { readonly high: number; readonly low: number } | null {
    return this.bar;
  }

  /** Closes the last bar and returns every bar. */
  finish(): PriceBar10s[] {
    const bar = this.bar;
    if (bar)
      this.bars.push({ t: bar.t, open: bar.open, high: bar.high, low: bar.low, close: bar.close });
    this.bar = null;
    return this.bars;
  }
}
