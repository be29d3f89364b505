import {
  CHI_SQUARE_MIN_TOTAL,
  ChiSquareResult,
  chiSquareIndependence,
  crossTabulate,
} from './contingency';
import { NotComputed } from './result';

function ok(r: ChiSquareResult | NotComputed): ChiSquareResult {
  if (r.status !== 'ok') throw new Error(`expected a result, got ${JSON.stringify(r)}`);
  return r;
}

describe('chiSquareIndependence', () => {
  it('2×2 by hand: every expected count 25, χ² = 4·(5²/25) = 4, V = √(4/100)', () => {
    const r = ok(
      chiSquareIndependence([
        [20, 30],
        [30, 20],
      ]),
    );
    expect(r.statistic).toBeCloseTo(4, 12);
    expect(r.dof).toBe(1);
    expect(r.pValue).toBeCloseTo(0.04550026389635857, 9); // P(χ²₁ ≥ 4) = 2·Φ(−2)
    expect(r.cramersV).toBeCloseTo(0.2, 12);
    expect(r.expected).toEqual([
      [25, 25],
      [25, 25],
    ]);
    expect(r.residuals[0][0]).toBeCloseTo(-1, 12);
    expect(r.lowExpected).toBeFalse();
  });

  it('2×3 by hand: E = R·C/N with R = (60, 50), C = (30, 40, 40), N = 110', () => {
    const r = ok(
      chiSquareIndependence([
        [10, 20, 30],
        [20, 20, 10],
      ]),
    );
    const expected = [
      [(60 * 30) / 110, (60 * 40) / 110, (60 * 40) / 110],
      [(50 * 30) / 110, (50 * 40) / 110, (50 * 40) / 110],
    ];
    const observed = [
      [10, 20, 30],
      [20, 20, 10],
    ];
    let hand = 0;
    observed.forEach((row, i) =>
      row.forEach((o, j) => (hand += (o - expected[i][j]) ** 2 / expected[i][j])),
    );
    expect(r.statistic).toBeCloseTo(hand, 10);
    expect(r.statistic).toBeCloseTo(12.527777777777779, 10);
    expect(r.dof).toBe(2);
    expect(r.pValue).toBeCloseTo(0.0019038276076954943, 9); // = exp(−χ²/2) for 2 dof
    expect(r.pValue).toBeCloseTo(Math.exp(-hand / 2), 12);
    expect(r.cramersV).toBeCloseTo(Math.sqrt(hand / 110), 12);
  });

  it('3×5 table (time buckets × three outcomes) has 8 dof and p ≈ 0.0538', () => {
    const r = ok(
      chiSquareIndependence([
        [30, 45, 80, 60, 40],
        [40, 40, 60, 65, 50],
        [20, 15, 25, 30, 35],
      ]),
    );
    expect(r.dof).toBe(8);
    expect(r.statistic).toBeCloseTo(15.286840677489632, 9);
    expect(r.pValue).toBeCloseTo(0.05380220737219597, 8);
    expect(r.cramersV).toBeCloseTo(Math.sqrt(15.286840677489632 / (r.total * 2)), 12);
  });

  it('Yates correction on a 2×2 table', () => {
    const table = [
      [12, 5],
      [7, 9],
    ];
    const plain = ok(chiSquareIndependence(table, { minimumTotal: 10 }));
    const yates = ok(chiSquareIndependence(table, { yates: true, minimumTotal: 10 }));
    expect(plain.statistic).toBeCloseTo(2.4305755196815575, 10);
    expect(yates.statistic).toBeCloseTo(1.455996378814684, 10);
    expect(yates.pValue).toBeCloseTo(0.22756821457580642, 8);
    expect(() =>
      chiSquareIndependence(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { yates: true },
      ),
    ).toThrowError(RangeError);
  });

  it('flags expected counts below 5 (E = 1.5, 3.5, 4.5, 10.5)', () => {
    const r = ok(
      chiSquareIndependence([
        [2, 3],
        [4, 11],
      ]),
    );
    expect(r.minExpected).toBeCloseTo((5 * 6) / 20, 12);
    expect(r.cellsExpectedBelow5).toBe(3);
    expect(r.lowExpected).toBeTrue();
  });

  it('drops empty rows and columns before testing', () => {
    const r = ok(
      chiSquareIndependence([
        [20, 0, 30],
        [0, 0, 0],
        [30, 0, 20],
      ]),
    );
    expect(r.rowsKept).toEqual([0, 2]);
    expect(r.columnsKept).toEqual([0, 2]);
    expect(r.dof).toBe(1);
    expect(r.statistic).toBeCloseTo(4, 12);
  });

  it('returns insufficient_data below the minimum total or with one non-empty column', () => {
    expect(
      chiSquareIndependence([
        [3, 4],
        [5, 6],
      ]),
    ).toEqual({
      status: 'insufficient_data',
      n: 18,
      minimum: CHI_SQUARE_MIN_TOTAL,
      what: 'observations',
    });
    expect(
      chiSquareIndependence([
        [30, 0],
        [40, 0],
      ]),
    ).toEqual(jasmine.objectContaining({ status: 'insufficient_data', n: 1, minimum: 2 }));
    expect(chiSquareIndependence([])).toEqual(
      jasmine.objectContaining({ status: 'insufficient_data', n: 0 }),
    );
  });

  it('rejects negative or non-finite counts and ragged rows', () => {
    expect(() =>
      chiSquareIndependence([
        [1, -1],
        [2, 3],
      ]),
    ).toThrowError(RangeError);
    expect(() =>
      chiSquareIndependence([
        [1, Number.NaN],
        [2, 3],
      ]),
    ).toThrowError(RangeError);
    expect(() => chiSquareIndependence([[1, 2], [3]])).toThrowError(RangeError);
  });
});

describe('crossTabulate', () => {
  it('counts key pairs in the given order', () => {
    const t = crossTabulate(
      ['T0_15', 'T30_60', 'T0_15', 'T30_60', 'T30_60'],
      ['BREAK', 'BREAK', 'REJECT', 'BREAK', 'CHOP'],
      ['T0_15', 'T30_60'],
      ['BREAK', 'REJECT', 'CHOP'],
    );
    expect(t.counts).toEqual([
      [1, 1, 0],
      [2, 0, 1],
    ]);
  });

  it('sorts keys by default and rejects keys outside a given order', () => {
    expect(crossTabulate(['b', 'a'], ['y', 'x']).rows).toEqual(['a', 'b']);
    expect(() => crossTabulate(['a'], ['z'], ['a'], ['x'])).toThrowError(RangeError);
  });
});
