import { Direction, dirSign } from '../frame/level-frame';

/**
 * A driver's reading (domain §5): the number whose empirical percentile becomes the driver's
 * strength bar. It is a small declarative expression over the 144-D vector and the level's
 * direction, stored in the feature manifest so analysts can edit it without code changes:
 *
 * - `feature`: sign·vector[index] (sign defaults to +1)
 * - `const`: a number
 * - `dir_sign`: +1 for UP, −1 for DOWN
 * - `neg`, `abs`: of `arg`
 * - `sum`, `product`: of `args`
 * - `ratio`: num/den (0 when den is 0)
 * - `sum_squares`: Σ vector[i]² over `indices`
 * - `by_direction`: `up` when the level is approached from below, else `down`
 */
export type ReadingExpr =
  | { readonly kind: 'feature'; readonly index: number; readonly sign?: 1 | -1 }
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'dir_sign' }
  | { readonly kind: 'neg'; readonly arg: ReadingExpr }
  | { readonly kind: 'abs'; readonly arg: ReadingExpr }
  | { readonly kind: 'sum'; readonly args: readonly ReadingExpr[] }
  | { readonly kind: 'product'; readonly args: readonly ReadingExpr[] }
  | { readonly kind: 'ratio'; readonly num: ReadingExpr; readonly den: ReadingExpr }
  | { readonly kind: 'sum_squares'; readonly indices: readonly number[] }
  | { readonly kind: 'by_direction'; readonly up: ReadingExpr; readonly down: ReadingExpr };

/** Evaluates a reading for one vector of the given direction. */
export function evaluateReading(
  expr: ReadingExpr,
  vector: ArrayLike<number>,
  direction: Direction,
): number {
  switch (expr.kind) {
    case 'feature':
      return (expr.sign ?? 1) * vector[expr.index];
    case 'const':
      return expr.value;
    case 'dir_sign':
      return dirSign(direction);
    case 'neg':
      return -evaluateReading(expr.arg, vector, direction);
    case 'abs':
      return Math.abs(evaluateReading(expr.arg, vector, direction));
    case 'sum': {
      let s = 0;
      for (const a of expr.args) s += evaluateReading(a, vector, direction);
      return s;
    }
    case 'product': {
      let p = 1;
      for (const a of expr.args) p *= evaluateReading(a, vector, direction);
      return p;
    }
    case 'ratio': {
      const den = evaluateReading(expr.den, vector, direction);
      return den === 0 ? 0 : evaluateReading(expr.num, vector, direction) / den;
    }
    case 'sum_squares': {
      let s = 0;
      for (const i of expr.indices) s += vector[i] * vector[i];
      return s;
    }
    case 'by_direction':
      return evaluateReading(direction === 'UP' ? expr.up : expr.down, vector, direction);
  }
}

/** Every vector index a reading reads. */
export function readingIndices(expr: ReadingExpr): number[] {
  switch (expr.kind) {
    case 'feature':
      return [expr.index];
    case 'const':
    case 'dir_sign':
      return [];
    case 'neg':
    case 'abs':
      return readingIndices(expr.arg);
    case 'sum':
    case 'product':
      return expr.args.flatMap(readingIndices);
    case 'ratio':
      return [...readingIndices(expr.num), ...readingIndices(expr.den)];
    case 'sum_squares':
      return [...expr.indices];
    case 'by_direction':
      return [...readingIndices(expr.up), ...readingIndices(expr.down)];
  }
}

/** Parses an untrusted reading expression; returns the expression or an error path + reason. */
export function parseReadingExpr(
  input: unknown,
  path: string,
  dimension: number,
): ReadingExpr | { error: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { error: `${path}: must be an object` };
  const o: Readonly<Record<string, unknown>> = { ...input };
  const index = (v: unknown, p: string): number | { error: string } =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < dimension
      ? v
      : { error: `${p}: must be an integer index in 0…${dimension - 1}` };
  const sub = (v: unknown, p: string) => parseReadingExpr(v, p, dimension);
  const list = (v: unknown, p: string): ReadingExpr[] | { error: string } => {
    if (!Array.isArray(v) || v.length === 0) return { error: `${p}: must be a non-empty array` };
    const out: ReadingExpr[] = [];
    for (let i = 0; i < v.length; i++) {
      const e = sub(v[i], `${p}[${i}]`);
      if ('error' in e) return e;
      out.push(e);
    }
    return out;
  };
  switch (o['kind']) {
    case 'feature': {
      const i = index(o['index'], `${path}.index`);
      if (typeof i !== 'number') return i;
      const sign = o['sign'];
      if (sign === undefined) return { kind: 'feature', index: i };
      if (sign !== 1 && sign !== -1) return { error: `${path}.sign: must be 1 or -1` };
      return { kind: 'feature', index: i, sign };
    }
    case 'const':
      return typeof o['value'] === 'number' && Number.isFinite(o['value'])
        ? { kind: 'const', value: o['value'] }
        : { error: `${path}.value: must be a finite number` };
    case 'dir_sign':
      return { kind: 'dir_sign' };
    case 'neg':
    case 'abs': {
      const arg = sub(o['arg'], `${path}.arg`);
      if ('error' in arg) return arg;
      return o['kind'] === 'neg' ? { kind: 'neg', arg } : { kind: 'abs', arg };
    }
    case 'sum':
    case 'product': {
      const args = list(o['args'], `${path}.args`);
      if ('error' in args) return args;
      return o['kind'] === 'sum' ? { kind: 'sum', args } : { kind: 'product', args };
    }
    case 'ratio': {
      const num = sub(o['num'], `${path}.num`);
      if ('error' in num) return num;
      const den = sub(o['den'], `${path}.den`);
      if ('error' in den) return den;
      return { kind: 'ratio', num, den };
    }
    case 'sum_squares': {
      const raw = o['indices'];
      if (!Array.isArray(raw) || raw.length === 0)
        return { error: `${path}.indices: must be a non-empty array` };
      const indices: number[] = [];
      for (let k = 0; k < raw.length; k++) {
        const i = index(raw[k], `${path}.indices[${k}]`);
        if (typeof i !== 'number') return i;
        indices.push(i);
      }
      return { kind: 'sum_squares', indices };
    }
    case 'by_direction': {
      const up = sub(o['up'], `${path}.up`);
      if ('error' in up) return up;
      const down = sub(o['down'], `${path}.down`);
      if ('error' in down) return down;
      return { kind: 'by_direction', up, down };
    }
    default:
      return { error: `${path}.kind: unknown reading kind ${JSON.stringify(o['kind'])}` };
  }
}
