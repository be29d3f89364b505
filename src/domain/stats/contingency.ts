// Pearson's χ² test of independence for an r×c contingency table.
//   E_ij = R_i·C_j / N,  χ² = Σ (O_ij − E_ij)² / E_ij,  dof = (r − 1)(c − 1),  p = P(χ²_dof ≥ χ²)
//   Cramér's V = √(χ² / (N·(min(r, c) − 1)))
// Rows or columns whose total is 0 carry no information and would give E = 0; they are dropped
// before the test and reported.
import { chiSquareSf } from './distributions';
import { InsufficientData, insufficientData } from './result';

export interface ChiSquareOptions {
  /** Yates' continuity correction (2×2 tables only): |O − E| is reduced by ½, not below 0. Default false. */
  readonly yates?: boolean;
  /** Minimum grand total N. Default `CHI_SQUARE_MIN_TOTAL`. */
  readonly minimumTotal?: number;
}

/** Default minimum grand total for the χ² test. */
export const CHI_SQUARE_MIN_TOTAL = 20;
/** The classic validity rule: every expected count should be at least this. */
export const CHI_SQUARE_MIN_EXPECTED = 5;

export interface ChiSquareResult {
  readonly status: 'ok';
  readonly statistic: number;
  readonly dof: number;
  readonly pValue: number;
  readonly cramersV: number;
  readonly total: number;
  /** Indices (into the input) of the rows and columns kept, i.e. with a non-zero total. */
  readonly rowsKept: readonly number[];
  readonly columnsKept: readonly number[];
  readonly observed: readonly (readonly number[])[];
  readonly expected: readonly (readonly number[])[];
  /** Pearson residuals (O − E)/√E. */
  readonly residuals: readonly (readonly number[])[];
  readonly minExpected: number;
  /** Number of cells with E < 5. */
  readonly cellsExpectedBelow5: number;
  /** True when any expected count is below 5: the χ² approximation is then doubtful. */
  readonly lowExpected: boolean;
  readonly yates: boolean;
}

export function chiSquareIndependence(
  table: readonly (readonly number[])[],
  options: ChiSquareOptions = {},
): ChiSquareResult | InsufficientData {
  const cols = table[0]?.length ?? 0;
  for (const [i, row] of table.entries()) {
    if (row.length !== cols)
      throw new RangeError(
        `chiSquareIndependence: row ${i} has ${row.length} cells, expected ${cols}`,
      );
    for (const v of row) {
      if (!(Number.isFinite(v) && v >= 0))
        throw new RangeError(`chiSquareIndependence: counts must be finite and ≥ 0, got ${v}`);
    }
  }
  const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = Array.from({ length: cols }, (_, j) => table.reduce((a, row) => a + row[j], 0));
  const rowsKept = rowTotals.flatMap((t, i) => (t > 0 ? [i] : []));
  const columnsKept = colTotals.flatMap((t, j) => (t > 0 ? [j] : []));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const minimumTotal = options.minimumTotal ?? CHI_SQUARE_MIN_TOTAL;
  if (rowsKept.length < 2) return insufficientData(rowsKept.length, 2, 'non-empty rows');
  if (columnsKept.length < 2) return insufficientData(columnsKept.length, 2, 'non-empty columns');
  if (total < minimumTotal) return insufficientData(total, minimumTotal, 'observations');

  const r = rowsKept.length;
  const c = columnsKept.length;
  const yates = options.yates === true;
  if (yates && (r !== 2 || c !== 2))
    throw new RangeError('chiSquareIndependence: Yates correction applies to 2×2 tables only');
  const observed = rowsKept.map((i) => columnsKept.map((j) => table[i][j]));
  const expected = rowsKept.map((i) =>
    columnsKept.map((j) => (rowTotals[i] * colTotals[j]) / total),
  );
  let statistic = 0;
  let minExpected = Number.POSITIVE_INFINITY;
  let cellsExpectedBelow5 = 0;
  const residuals = observed.map((row, a) =>
    row.map((o, b) => {
      const e = expected[a][b];
      const diff = yates ? Math.max(0, Math.abs(o - e) - 0.5) : Math.abs(o - e);
      statistic += (diff * diff) / e;
      minExpected = Math.min(minExpected, e);
      if (e < CHI_SQUARE_MIN_EXPECTED) cellsExpectedBelow5++;
      return (o - e) / Math.sqrt(e);
    }),
  );
  const dof = (r - 1) * (c - 1);
  return {
    status: 'ok',
    statistic,
    dof,
    pValue: chiSquareSf(statistic, dof),
    cramersV: Math.sqrt(statistic / (total * (Math.min(r, c) - 1))),
    total,
    rowsKept,
    columnsKept,
    observed,
    expected,
    residuals,
    minExpected,
    cellsExpectedBelow5,
    lowExpected: cellsExpectedBelow5 > 0,
    yates,
  };
}

export interface CrossTab<R extends string, C extends string> {
  readonly rows: readonly R[];
  readonly columns: readonly C[];
  readonly counts: readonly (readonly number[])[];
}

/**
 * Counts pairs (rowKeys[i], columnKeys[i]) into a table. Row and column order is the order given in
 * `rowOrder` / `columnOrder` when provided (keys not listed are an error), else sorted.
 */
export function crossTabulate<R extends string, C extends string>(
  rowKeys: readonly R[],
  columnKeys: readonly C[],
  rowOrder?: readonly R[],
  columnOrder?: readonly C[],
): CrossTab<R, C> {
  if (rowKeys.length !== columnKeys.length)
    throw new RangeError('crossTabulate: key arrays differ in length');
  const rows = rowOrder ?? [...new Set(rowKeys)].sort();
  const columns = columnOrder ?? [...new Set(columnKeys)].sort();
  const rowIndex = new Map(rows.map((k, i) => [k, i]));
  const colIndex = new Map(columns.map((k, j) => [k, j]));
  const counts = rows.map(() => columns.map(() => 0));
  for (let k = 0; k < rowKeys.length; k++) {
    const i = rowIndex.get(rowKeys[k]);
    const j = colIndex.get(columnKeys[k]);
    if (i === undefined || j === undefined)
      throw new RangeError(
        `crossTabulate: key (${rowKeys[k]}, ${columnKeys[k]}) not in the given order`,
      );
    counts[i][j]++;
  }
  return { rows, columns, counts };
}
