export interface BackoffPolicy {
  /** Delay before the first retry, ms. */
  readonly baseMs: number;
  /** Upper bound of any delay, ms. */
  readonly maxMs: number;
  /** Share of the delay that is randomised, 0…1 (0.5: uniform in [d/2, d]). */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, jitter: 0.5 };

/**
 * Delay before reconnect attempt `attempt` (0-based): d = min(maxMs, baseMs·2^attempt), then a
 * uniform draw in [d·(1 − jitter), d] from `random` (a function returning [0, 1)). Bounded by
 * `maxMs` however many attempts fail.
 */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
): number {
  const exponent = Math.min(Math.max(0, attempt), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  const r = Math.min(1, Math.max(0, random()));
  return ceiling * (1 - jitter * r);
}
