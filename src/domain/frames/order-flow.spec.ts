import { TopOfBook } from '../market/market-day';
import { buildLevelFrames } from './build-level-frames';
import { contOfi } from './order-flow';
import { handMadeDay, handMs } from './testing/hand-made-day';

const q = (s: number, bid: number, bidSize: number, ask: number, askSize: number): TopOfBook => ({ t: handMs(s), bid, ask, bidSize, askSize });

describe('contOfi', () => {
  it('adds bid growth and upticks, subtracts ask growth and downticks', () => {
    const a = q(0, 6000, 10, 6000.25, 10);
    expect(contOfi(a, q(1, 6000, 15, 6000.25, 10))).toBe(5); // bid +5
    expect(contOfi(a, q(1, 6000, 10, 6000.25, 14))).toBe(-4); // ask +4
    expect(contOfi(a, q(1, 6000.25, 4, 6000.5, 8))).toBe(4 + 10); // bid up: +new bid; ask up: +old ask
    expect(contOfi(a, q(1, 5999.75, 7, 6000, 3))).toBe(-10 - 3); // bid down: −old bid; ask down: −new ask
  });
});

describe('order-flow fields', () => {
  // Flat at 6000 (PM_HIGH = 6000), a premarket dip to 5980 makes PM_LOW 20 pts away.
  const price = (s: number): number => (s >= -7200 && s < -7190 ? 5980 : 6000);
  const t = 3600; // frame at 10:30
  const quotes: TopOfBook[] = [
    q(t - 100, 6000, 10, 6000.25, 10),
    q(t - 50, 6000, 15, 6000.25, 10), // +5
    q(t - 20, 6000.25, 4, 6000.5, 8), // +4 +10 = +14
    q(t, 6000, 7, 6000.25, 3), // −4 −3 = −7 (at t: included)
    q(t + 1, 6010, 500, 6010.25, 1), // after t: excluded
  ];
  const frames = buildLevelFrames(handMadeDay({ price, quotes }));
  const at = (kind: string) => frames.find((f) => f.level_kind === kind && f.minutes_since_open === 60)!;

  it('sums OFI over (t − W, t]', () => {
    const f = at('PM_HIGH');
    expect(f.ofi_30s).toBe(14 - 7);
    expect(f.ofi_60s).toBe(5 + 14 - 7);
    expect(f.ofi_120s).toBe(12);
    expect(f.ofi_300s).toBe(12);
    expect(f.ofi_acceleration).toBeCloseTo(7 / 30 - 12 / 120, 12);
    // The window sums do not depend on the level.
    expect(at('PM_LOW').ofi_60s).toBe(12);
  });

  it('averages OFI per update only while the mid is within 5 pts of the level', () => {
    const near = at('PM_HIGH');
    expect(near.ofi_near_level_30s).toBeCloseTo(7 / 2, 12);
    expect(near.ofi_near_level_60s).toBeCloseTo(12 / 3, 12);
    expect(near.ofi_near_level_300s).toBeCloseTo(12 / 3, 12); // the first quote has no predecessor: not an update
    const far = at('PM_LOW');
    expect(far.level_price).toBe(5980);
    expect([far.ofi_near_level_30s, far.ofi_near_level_60s, far.ofi_near_level_120s, far.ofi_near_level_300s]).toEqual([0, 0, 0, 0]);
  });
});
