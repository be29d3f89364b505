import { backoffDelayMs } from './reconnect-backoff';

describe('backoffDelayMs', () => {
  const policy = { baseMs: 250, maxMs: 10_000, jitter: 0.5 };

  it('doubles from the base up to the bound', () => {
    const top = Array.from({ length: 9 }, (_, i) => backoffDelayMs(i, policy, () => 0));
    expect(top).toEqual([250, 500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it('keeps jittered delays within [d·(1 − jitter), d], even after many attempts', () => {
    for (const attempt of [0, 3, 50, 10_000]) {
      for (const r of [0, 0.25, 0.999]) {
        const d = Math.min(10_000, 250 * 2 ** Math.min(attempt, 30));
        const delay = backoffDelayMs(attempt, policy, () => r);
        expect(delay).toBeGreaterThanOrEqual(d / 2);
        expect(delay).toBeLessThanOrEqual(d);
      }
    }
  });
});
