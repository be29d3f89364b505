/**
 * Catmull–Rom interpolation of a smooth function on a uniform grid: the table of P(BREAK) over ν
 * behind the truth's `contributions_4` (break-propensity.ts) and the truth game (truth-game.ts).
 */
export class CubicGrid {
  private readonly ys: Float64Array;
  private readonly step: number;

  constructor(
    private readonly lo: number,
    hi: number,
    private readonly points: number,
    fn: (x: number) => number,
  ) {
    const span = Math.max(hi - lo, 1e-9);
    this.step = span / (points - 1);
    this.ys = new Float64Array(points + 2);
    for (let i = -1; i <= points; i++) this.ys[i + 1] = fn(lo + i * this.step);
  }

  at(x: number): number {
    const u = (x - this.lo) / this.step;
    const i = Math.max(0, Math.min(this.points - 2, Math.floor(u)));
    const f = u - i;
    const y0 = this.ys[i] ?? 0;
    const y1 = this.ys[i + 1] ?? 0;
    const y2 = this.ys[i + 2] ?? 0;
    const y3 = this.ys[i + 3] ?? 0;
    return (
      y1 + 0.5 * f * (y2 - y0 + f * (2 * y0 - 5 * y1 + 4 * y2 - y3 + f * (3 * (y1 - y2) + y3 - y0)))
    );
  }
}
