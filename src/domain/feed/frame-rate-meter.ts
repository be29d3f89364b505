/** Frames per wall-clock second over a sliding window. Times are in ms from any monotonic clock. */
export class FrameRateMeter {
  private readonly arrivals: { t: number; n: number }[] = [];

  constructor(private readonly windowMs = 5_000) {}

  record(nowMs: number, frames: number): void {
    this.arrivals.push({ t: nowMs, n: frames });
    this.drop(nowMs);
  }

  /** Frames in the last window divided by the window length in seconds. */
  rate(nowMs: number): number {
    this.drop(nowMs);
    let total = 0;
    for (const a of this.arrivals) total += a.n;
    return total / (this.windowMs / 1000);
  }

  clear(): void {
    this.arrivals.length = 0;
  }

  private drop(nowMs: number): void {
    while (this.arrivals.length > 0 && this.arrivals[0].t <= nowMs - this.windowMs)
      this.arrivals.shift();
  }
}
