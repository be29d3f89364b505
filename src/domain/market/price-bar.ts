/**
 * A 10-second OHLC bar of the traded price. Sessions are stored with their bars (09:30 ET to
 * the end of the labelling horizon) because the offline labeler reads the future of the price
 * path at 10-s resolution, exactly as it would read a real market's bars. Frames never contain bars.
 */
export interface PriceBar10s {
  /** Bar start, milliseconds since the Unix epoch (UTC). The bar covers [t, t + 10 s). */
  readonly t: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}
