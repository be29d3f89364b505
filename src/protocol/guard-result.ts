/** The outcome of checking an `unknown` value that came from outside. */
export type GuardResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function ok<T>(value: T): GuardResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: string): GuardResult<T> {
  return { ok: false, error };
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Rejected-frame counts `{count, reasons: {reason: n}}` of a worker response. */
export function parseRejectedCounts(
  value: unknown,
  label: string,
): GuardResult<{ readonly count: number; readonly reasons: Readonly<Record<string, number>> }> {
  if (!isRecord(value) || !isNonNegativeInteger(value['count']) || !isRecord(value['reasons']))
    return fail(`${label}.rejected invalid`);
  const reasons: Record<string, number> = {};
  for (const [k, n] of Object.entries(value['reasons'])) {
    if (!isNonNegativeInteger(n)) return fail(`${label}.rejected.reasons invalid`);
    reasons[k] = n;
  }
  return ok({ count: value['count'], reasons });
}
