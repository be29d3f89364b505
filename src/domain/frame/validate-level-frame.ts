import { LevelFrame } from './level-frame';
import {
  FieldSpec,
  LEVEL_FRAME_FIELDS,
  LEVEL_FRAME_FIELD_NAMES,
  isFrameKey,
} from './level-frame-fields';

/** One problem with one field of an incoming frame. */
export interface FieldError {
  /** Field name; '' when the input as a whole is wrong (not an object). */
  readonly field: string;
  /** The offending value as received (undefined when the field is missing). */
  readonly value: unknown;
  readonly reason: string;
}

export type LevelFrameValidation =
  | {
      readonly ok: true;
      readonly frame: LevelFrame;
      /**
       * Keys that are not part of `level-frame/1`. They are tolerated (a producer may add fields
       * compatibly) and reported so the caller can log them; they are left on the object.
       */
      readonly unknownKeys: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const NO_UNKNOWN_KEYS: readonly string[] = [];

/** Pre-resolved (name, spec) pairs so the hot path does no property enumeration of the table. */
const CHECKS: readonly (readonly [string, FieldSpec])[] = LEVEL_FRAME_FIELD_NAMES.map((name) => [
  name,
  LEVEL_FRAME_FIELDS[name],
]);
const FIELD_COUNT = CHECKS.length;

/**
 * Validates an untrusted value as a `level-frame/1` frame: every field of the contract (presence,
 * type, enum membership, finiteness, nullability, range, timestamp and date formats). All errors
 * are collected, not just the first. Unknown extra keys are tolerated and reported in
 * `unknownKeys`. Cross-field consistency (e.g. distance_signed_atr vs spot, level and atr) is not
 * checked here.
 */
export function validateLevelFrame(input: unknown): LevelFrameValidation {
  if (!isRecord(input)) {
    return {
      ok: false,
      errors: [{ field: '', value: input, reason: 'frame must be a JSON object' }],
    };
  }
  const errors: FieldError[] = [];
  if (!conformsToFieldTable(input, errors)) return { ok: false, errors };
  let unknownKeys = NO_UNKNOWN_KEYS;
  const keys = Object.keys(input);
  if (keys.length !== FIELD_COUNT) unknownKeys = keys.filter((k) => !isFrameKey(k));
  return { ok: true, frame: input, unknownKeys };
}

/**
 * Checks every field against the table in one pass, appending an error per bad field. It is the
 * type guard: each table entry's spec type is tied to the field's type (level-frame-fields.ts).
 */
function conformsToFieldTable(
  record: Readonly<Record<string, unknown>>,
  errors: FieldError[],
): record is LevelFrame & Readonly<Record<string, unknown>> {
  for (let i = 0; i < FIELD_COUNT; i++) {
    const [name, spec] = CHECKS[i];
    const value = record[name];
    const reason = checkField(spec, value);
    if (reason !== null) errors.push({ field: name, value, reason });
  }
  return errors.length === 0;
}

/** Returns null when `value` satisfies `spec`, else the reason it does not. */
export function checkField(spec: FieldSpec, value: unknown): string | null {
  if (value === undefined) return 'missing';
  switch (spec.kind) {
    case 'number': {
      if (value === null) return spec.nullable ? null : 'must not be null';
      if (typeof value !== 'number')
        return `must be a number${spec.nullable ? ' or null' : ''}, got ${typeName(value)}`;
      if (!Number.isFinite(value)) return 'must be a finite number';
      if (spec.integer === true && !Number.isInteger(value)) return 'must be an integer';
      if (spec.min !== undefined && value < spec.min) return `must be ≥ ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `must be ≤ ${spec.max}`;
      if (spec.exclusiveMin !== undefined && value <= spec.exclusiveMin)
        return `must be > ${spec.exclusiveMin}`;
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be a boolean, got ${typeName(value)}`;
    case 'enum':
      if (typeof value !== 'string')
        return `must be one of ${spec.values.join(', ')}, got ${typeName(value)}`;
      return spec.values.includes(value) ? null : `must be one of ${spec.values.join(', ')}`;
    case 'string':
      if (typeof value !== 'string') return `must be a string, got ${typeName(value)}`;
      switch (spec.format) {
        case 'const':
          return value === spec.value ? null : `must be "${spec.value}"`;
        case 'date-time':
          return isIsoUtc(value)
            ? null
            : 'must be an ISO-8601 UTC timestamp (YYYY-MM-DDTHH:MM:SS[.fff]Z)';
        case 'date':
          return isCalendarDate(value) ? null : 'must be a calendar date YYYY-MM-DD';
      }
  }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isIsoUtc(value: string): boolean {
  const m = ISO_UTC.exec(value);
  if (m === null) return false;
  if (!validYmd(+m[1], +m[2], +m[3])) return false;
  return +m[4] <= 23 && +m[5] <= 59 && +m[6] <= 59;
}

function isCalendarDate(value: string): boolean {
  const m = YMD.exec(value);
  return m !== null && validYmd(+m[1], +m[2], +m[3]);
}

function validYmd(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}
