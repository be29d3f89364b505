/**
 * Blocks shared by the analysis artifacts (tools/analysis/common.ts writes them): outcome rate
 * blocks, "insufficient data" markers and χ² tests.
 */
import { FieldReader, JsonRecord, join } from './field-reader';

/** Outcome counts and rates of a group of episodes; a rate is null when there is nothing to rate. */
export interface RateBlock {
  readonly n: number;
  readonly nResolved: number;
  readonly nBreak: number;
  readonly nReject: number;
  readonly nChop: number;
  /** BREAK among resolved (BREAK or REJECT). */
  readonly breakRate: number | null;
  /** Wilson 95 % interval of `breakRate`. */
  readonly breakRateCi95: readonly [number, number] | null;
  /** CHOP among all episodes. */
  readonly chopRate: number | null;
}

/** A result the analysis refused to compute: too few rows (or dates, or a class). */
export interface Insufficient {
  readonly status: 'insufficient_data';
  /** What was counted (null when the artifact does not say). */
  readonly n: number | null;
  readonly minimum: number | null;
  /** What was too few, e.g. "resolved rows", or why (e.g. "no global model"). */
  readonly what: string;
}

export interface ChiSquare {
  readonly status: 'ok';
  readonly chi2: number;
  readonly dof: number;
  readonly pValue: number;
  readonly cramersV: number | null;
  readonly n: number;
  readonly lowExpected: boolean;
}

export function readRateBlock(r: FieldReader, value: unknown, path: string): RateBlock {
  const b = r.record(value, path);
  return {
    n: r.count(b, 'n', path),
    nResolved: r.count(b, 'n_resolved', path),
    nBreak: r.count(b, 'n_break', path),
    nReject: r.count(b, 'n_reject', path),
    nChop: r.count(b, 'n_chop', path),
    breakRate: r.nullableUnit(b, 'break_rate', path),
    breakRateCi95: r.nullableInterval(b, 'break_rate_ci95', path),
    chopRate: r.nullableUnit(b, 'chop_rate', path),
  };
}

/** True when the block is an "insufficient data" marker (status field). */
export function isInsufficientBlock(block: JsonRecord | null): boolean {
  return block?.['status'] === 'insufficient_data';
}

export function readInsufficient(r: FieldReader, block: JsonRecord | null): Insufficient {
  const n = block?.['n'];
  const minimum = block?.['minimum'];
  return {
    status: 'insufficient_data',
    n: typeof n === 'number' && Number.isFinite(n) ? n : null,
    minimum: typeof minimum === 'number' && Number.isFinite(minimum) ? minimum : null,
    what: r.optionalString(block, 'what') ?? r.optionalString(block, 'reason') ?? 'rows',
  };
}

export function readChiSquare(
  r: FieldReader,
  parent: JsonRecord | null,
  key: string,
  path: string,
): ChiSquare | Insufficient {
  const p = join(path, key);
  const t = r.child(parent, key, path);
  if (isInsufficientBlock(t)) return readInsufficient(r, t);
  return {
    status: 'ok',
    chi2: r.number(t, 'chi2', p),
    dof: r.count(t, 'dof', p),
    pValue: r.unit(t, 'p_value', p),
    cramersV: r.nullableNumber(t, 'cramers_v', p),
    n: r.count(t, 'n', p),
    lowExpected: r.boolean(t, 'low_expected', p),
  };
}
