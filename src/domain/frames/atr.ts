import { PriceSeries } from './price-series';

export const ATR_PERIOD = 14;
/** ATR floor (one tick), so that every division by the ATR is defined. */
export const MIN_ATR = 0.25;

/**
 * ATR after k completed 1-min bars: the mean true range of the last min(k, 14) bars, floored at
 * one tick. True range = max(high − low, |high − previous close|, |low − previous close|); the very
 * first bar of the grid has no previous close and uses high − low.
 */
export class AtrTrack {
  private readonly byCompletedMinutes: Float64Array;

  constructor(private readonly series: PriceSeries) {
    const m = series.minuteCount;
    const trPrefix = new Float64Array(m + 1);
    for (let k = 0; k < m; k++) {
      const hi = series.minuteHigh[k];
      const lo = series.minuteLow[k];
      let tr = hi - lo;
      if (k > 0) {
        const prev = series.minuteClose[k - 1];
        tr = Math.max(tr, Math.abs(hi - prev), Math.abs(lo - prev));
      }
      trPrefix[k + 1] = trPrefix[k] + tr;
    }
    this.byCompletedMinutes = new Float64Array(m + 1);
    this.byCompletedMinutes[0] = MIN_ATR;
    for (let k = 1; k <= m; k++) {
      const n = Math.min(k, ATR_PERIOD);
      const mean = (trPrefix[k] - trPrefix[k - n]) / n;
      this.byCompletedMinutes[k] = Number.isFinite(mean) ? Math.max(mean, MIN_ATR) : MIN_ATR;
    }
  }

  /** ATR from the 1-min bars completed at or before `tMs`. */
  atrAt(tMs: number): number {
    return this.byCompletedMinutes[this.series.completedMinutes(tMs)];
  }
}
