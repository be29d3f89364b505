// Result conventions shared by every function in src/domain/stats.
//
// A function that needs a minimum amount of data returns `InsufficientData` instead of a number when
// the data falls short, so callers cannot mistake "too little data" for a real estimate. A function
// whose inputs are large enough but make the statistic undefined (zero variance, one class only)
// returns `Degenerate`. Successful results carry `status: 'ok'`.

export interface InsufficientData {
  readonly status: 'insufficient_data';
  /** The count that fell short (what it counts is named by `what`). */
  readonly n: number;
  /** The documented minimum for that count. */
  readonly minimum: number;
  /** What `n` counts, e.g. 'observations', 'positives', 'groups'. */
  readonly what: string;
}

export interface Degenerate {
  readonly status: 'degenerate';
  readonly reason: string;
}

export type NotComputed = InsufficientData | Degenerate;

export function insufficientData(n: number, minimum: number, what: string): InsufficientData {
  return { status: 'insufficient_data', n, minimum, what };
}

export function degenerate(reason: string): Degenerate {
  return { status: 'degenerate', reason };
}

export function isInsufficientData(value: unknown): value is InsufficientData {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { status?: unknown }).status === 'insufficient_data'
  );
}

/** True when `value` is a computed result (`status: 'ok'`), narrowing away the failure variants. */
export function isOk<T extends { readonly status: 'ok' }>(value: T | NotComputed): value is T {
  return value.status === 'ok';
}

/** Binary outcome as accepted by the functions here: 1/true = BREAK (positive), 0/false = REJECT. */
export type BinaryLabel = 0 | 1 | boolean;

/** Labels as a 0/1 Uint8Array (a Uint8Array input is checked and returned as is). */
export function toBinary(labels: readonly BinaryLabel[] | Uint8Array): Uint8Array {
  if (labels instanceof Uint8Array) {
    const bad = labels.findIndex((v) => v > 1);
    if (bad >= 0) throw new TypeError(`label ${bad} is not 0/1: ${labels[bad]}`);
    return labels;
  }
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (v === 1 || v === true) out[i] = 1;
    else if (v === 0 || v === false) out[i] = 0;
    else throw new TypeError(`label ${i} is not 0/1/boolean: ${String(v)}`);
  }
  return out;
}

export function assertSameLength(
  what: string,
  ...arrays: readonly { readonly length: number }[]
): void {
  const n = arrays[0]?.length ?? 0;
  for (const a of arrays) {
    if (a.length !== n)
      throw new RangeError(
        `${what}: inputs differ in length (${arrays.map((x) => x.length).join(' vs ')})`,
      );
  }
}
