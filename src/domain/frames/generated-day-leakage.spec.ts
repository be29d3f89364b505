import { LevelFrame } from '../frame/level-frame';
import { resimulateAfter, simulateMarketDay } from '../sim/session-generator';
import { buildLevelFrames } from './build-level-frames';

/** Frames at or before the cut must be byte-identical; at least one later frame must differ. */
function compareAround(before: readonly LevelFrame[], after: readonly LevelFrame[], cutMs: number): { compared: number; laterDiffer: number } {
  let compared = 0;
  let laterDiffer = 0;
  for (let i = 0; i < before.length; i++) {
    const same = JSON.stringify(after[i]) === JSON.stringify(before[i]);
    if (Date.parse(before[i].ts) <= cutMs) {
      expect(same).withContext(`${before[i].ts} ${before[i].level_kind}`).toBeTrue();
      compared++;
    } else if (!same) laterDiffer++;
  }
  return { compared, laterDiffer };
}

describe('buildLevelFrames: leakage guard on a simulated day', () => {
  const date = '2025-11-04';
  const seed = 20251104;
  const original = simulateMarketDay(date, seed).day;
  const before = buildLevelFrames(original, { includeMovingAverages: true });

  // 10:17:10 ET (off the 30-s grid) and 11:45:00 ET (on it).
  for (const minutesAfterOpen of [47 + 10 / 60, 135]) {
    it(`keeps frames up to ${minutesAfterOpen.toFixed(2)} min after the open identical when the simulator changes what follows`, () => {
      const cutMs = original.openMs + Math.round(minutesAfterOpen * 60_000);
      const changed = resimulateAfter(date, seed, cutMs, seed + 1).day;
      const after = buildLevelFrames(changed, { includeMovingAverages: true });
      expect(after.length).toBe(before.length);
      const { compared, laterDiffer } = compareAround(before, after, cutMs);
      expect(compared).toBeGreaterThan(0);
      expect(laterDiffer).toBeGreaterThan(0);
    });
  }
});
