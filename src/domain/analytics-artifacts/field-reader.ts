/**
 * Reads fields out of parsed JSON (`unknown`) and collects every problem with the path of the
 * field, so a validator can report all that is wrong with an artifact at once. A failed read
 * returns a placeholder (NaN, '', null, []) and records an error; the validator returns the errors
 * instead of the value whenever there are any.
 */
export type ArtifactResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly string[] };

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 20 ? `${value.slice(0, 20)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export class FieldReader {
  private readonly errors: string[] = [];

  constructor(private readonly artifact: string) {}

  fail(path: string, expected: string, value: unknown): void {
    this.errors.push(`${this.artifact}: ${path} must be ${expected} (found ${describe(value)})`);
  }

  /** The object at `path` (the root when `path` is ''), or null after recording an error. */
  record(value: unknown, path: string): JsonRecord | null {
    if (isRecord(value)) return value;
    this.fail(path || 'the file', 'an object', value);
    return null;
  }

  child(parent: JsonRecord | null, key: string, path: string): JsonRecord | null {
    if (parent === null) return null;
    return this.record(parent[key], join(path, key));
  }

  number(parent: JsonRecord | null, key: string, path: string): number {
    if (parent === null) return Number.NaN;
    const v = parent[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    this.fail(join(path, key), 'a number', v);
    return Number.NaN;
  }

  /** A number, or null where the artifact writes null (an undefined or non-finite value). */
  nullableNumber(parent: JsonRecord | null, key: string, path: string): number | null {
    if (parent === null) return null;
    const v = parent[key];
    if (v === null) return null;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    this.fail(join(path, key), 'a number or null', v);
    return null;
  }

  /** A number in [0, 1] (a rate, probability or AUC), or null. */
  nullableUnit(parent: JsonRecord | null, key: string, path: string): number | null {
    const v = this.nullableNumber(parent, key, path);
    if (v !== null && (v < 0 || v > 1)) {
      this.fail(join(path, key), 'a number from 0 to 1 or null', v);
      return null;
    }
    return v;
  }

  unit(parent: JsonRecord | null, key: string, path: string): number {
    const v = this.number(parent, key, path);
    if (Number.isFinite(v) && (v < 0 || v > 1)) {
      this.fail(join(path, key), 'a number from 0 to 1', v);
      return Number.NaN;
    }
    return v;
  }

  count(parent: JsonRecord | null, key: string, path: string): number {
    if (parent === null) return Number.NaN;
    const v = parent[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
    this.fail(join(path, key), 'a whole number ≥ 0', v);
    return Number.NaN;
  }

  string(parent: JsonRecord | null, key: string, path: string): string {
    if (parent === null) return '';
    const v = parent[key];
    if (typeof v === 'string') return v;
    this.fail(join(path, key), 'a string', v);
    return '';
  }

  optionalString(parent: JsonRecord | null, key: string): string | null {
    const v = parent?.[key];
    return typeof v === 'string' ? v : null;
  }

  boolean(parent: JsonRecord | null, key: string, path: string): boolean {
    if (parent === null) return false;
    const v = parent[key];
    if (typeof v === 'boolean') return v;
    this.fail(join(path, key), 'true or false', v);
    return false;
  }

  /** An interval [lo, hi] of rates, or null. */
  nullableInterval(
    parent: JsonRecord | null,
    key: string,
    path: string,
  ): readonly [number, number] | null {
    if (parent === null) return null;
    const v = parent[key];
    if (v === null) return null;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      v.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
      v[0] <= v[1]
    ) {
      return [v[0], v[1]];
    }
    this.fail(join(path, key), 'an interval [low, high] or null', v);
    return null;
  }

  array(parent: JsonRecord | null, key: string, path: string): readonly unknown[] {
    if (parent === null) return [];
    const v = parent[key];
    if (Array.isArray(v)) return v;
    this.fail(join(path, key), 'an array', v);
    return [];
  }

  result<T>(value: T): ArtifactResult<T> {
    return this.errors.length > 0 ? { ok: false, errors: [...this.errors] } : { ok: true, value };
  }
}

export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
