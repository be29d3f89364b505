import { HighLowGrid, highLowGrid } from './grid';
import { NotComputed } from './result';

function ok(r: HighLowGrid | NotComputed): HighLowGrid {
  if (r.status !== 'ok') throw new Error(`expected a grid, got ${JSON.stringify(r)}`);
  return r;
}

describe('highLowGrid', () => {
  // 40 rows: x1 = 1..40 (median 20.5), x2 alternates 0/1 (median 0.5).
  // Breaks: every row with x1 > 20 and x2 = 1 (10 rows), plus x1 ≤ 5 with x2 = 0 (3 rows: x1 = 1, 3, 5).
  const x1 = Array.from({ length: 40 }, (_, i) => i + 1);
  const x2 = Array.from({ length: 40 }, (_, i) => i % 2);
  const y = x1.map((v, i): 0 | 1 => ((v > 20 && x2[i] === 1) || (v <= 5 && x2[i] === 0) ? 1 : 0));

  it('splits at the medians and counts each cell by hand', () => {
    const g = ok(highLowGrid(x1, x2, y));
    expect(g.cut1).toBe(20.5);
    expect(g.cut2).toBe(0.5);
    expect(g.baseRate).toBeCloseTo(13 / 40, 12);
    expect([g.lowLow.n, g.lowHigh.n, g.highLow.n, g.highHigh.n]).toEqual([10, 10, 10, 10]);
    expect([g.lowLow.breaks, g.lowHigh.breaks, g.highLow.breaks, g.highHigh.breaks]).toEqual([
      3, 0, 0, 10,
    ]);
    expect(g.highHigh.breakRate).toBe(1);
    expect(g.edge).toEqual({ status: 'ok', value: 1 - 13 / 40 });
    expect(g.highHigh.interval).toEqual(jasmine.objectContaining({ status: 'ok', upper: 1 }));
  });

  it('"high" is strictly above the cut (a value equal to the 75th percentile is low)', () => {
    const g = ok(highLowGrid(x1, x2, y, { quantile: 0.75 }));
    expect(g.cut1).toBeCloseTo(30.25, 12);
    expect(g.highHigh.n + g.highLow.n).toBe(10); // x1 = 31..40
    expect(g.highHigh.n).toBe(0); // x2's 75th percentile is 1: nothing is above it
    expect(g.highHigh.breakRate).toBeNull();
    expect(g.edge).toEqual({
      status: 'insufficient_data',
      n: 0,
      minimum: 10,
      what: 'rows in the high/high cell',
    });
  });

  it('accepts reference cuts and reports dropped rows; too few rows is insufficient data', () => {
    const xs = x1.slice();
    xs[0] = Number.NaN;
    const g = ok(highLowGrid(xs, x2, y, { cuts: [30, 0] }));
    expect(g.dropped).toBe(1);
    expect(g.quantile).toBeNull();
    expect(g.highHigh.n).toBe(5); // x1 = 32, 34, …, 40
    expect(highLowGrid([1, 2], [1, 2], [0, 1])).toEqual({
      status: 'insufficient_data',
      n: 2,
      minimum: 20,
      what: 'complete rows',
    });
  });
});
