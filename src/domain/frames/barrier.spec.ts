import { DepthLevel, DepthSnapshot } from '../market/market-day';
import { BarrierCalculator, classifyBarrier, depthNear } from './barrier';
import { buildLevelFrames } from './build-level-frames';
import { handMadeDay, handMs } from './testing/hand-made-day';

describe('barrier fields', () => {
  // Premarket spike to 6010 makes PM_HIGH = 6010 above a session flat at 6000: UP, asks are the barrier.
  const price = (s: number): number => (s >= -7200 && s < -7190 ? 6010 : 6000);
  const t = 3600;
  /** Asks at every tick 6000.25 … 6020, bids 5980 … 6000; ask size per tick by time. */
  const askSize = (s: number): number => (s <= t - 300 ? 10 : s <= t - 60 ? 20 : s <= t ? 30 : 1000);
  const depth: DepthSnapshot[] = [];
  for (let s = -1800; s <= t + 600; s += 10) {
    const asks: DepthLevel[] = [];
    const bids: DepthLevel[] = [];
    for (let i = 0; i < 80; i++) {
      asks.push([6000.25 + 0.25 * i, askSize(s)]);
      bids.push([6000 - 0.25 * i, 7]);
    }
    depth.push({ t: handMs(s), bids, asks });
  }
  const frames = buildLevelFrames(handMadeDay({ price, depth }));
  const f = frames.find((x) => x.level_kind === 'PM_HIGH' && x.minutes_since_open === 60)!;
  const ticks = 17; // 6008 … 6012

  it('sums the approached side within 2 pts of the level and differences it over 1, 3, 5 and 4 min', () => {
    expect(f.direction).toBe('UP');
    expect(f.barrier_depth_current).toBe(ticks * 30);
    expect(f.barrier_delta_1min).toBe(ticks * (30 - 20)); // the snapshot at t − 60 s is the last at 20
    expect(f.barrier_delta_3min).toBe(ticks * (30 - 20));
    expect(f.barrier_delta_5min).toBe(ticks * (30 - 10));
    expect(f.barrier_delta_liq).toBe(ticks * (30 - 20));
  });

  it('rates replenishment and the wall against the trailing 30-min mean', () => {
    // Only increases in the last 4 min: the ratio is capped at 10.
    expect(f.barrier_replenishment_ratio).toBe(10);
    // Snapshots in (t − 30 min, t]: 150 at 10, 24 at 20, 6 at 30 per tick.
    expect(f.wall_ratio).toBeCloseTo(30 / ((150 * 10 + 24 * 20 + 6 * 30) / 180), 12);
    expect(f.barrier_state).toBe('WALL');
    // PM_LOW is 6000 (the flat session sits on it: DOWN) and reads the bids: 7 per tick, 5998 … 6000.
    const low = frames.find((x) => x.level_kind === 'PM_LOW' && x.minutes_since_open === 60)!;
    expect(low.direction).toBe('DOWN');
    expect(low.barrier_depth_current).toBe(9 * 7);
    expect(low.barrier_delta_5min).toBe(0);
    expect(low.barrier_replenishment_ratio).toBe(1);
    expect(low.wall_ratio).toBe(1);
    expect(low.barrier_state).toBe('NEUTRAL');
  });

  it('ignores snapshots whose visible book does not reach across the band', () => {
    // Asks reach only to 6005 before 09:35, to 6020 from then on; 10 per tick throughout.
    const snaps: DepthSnapshot[] = [];
    for (let s = 0; s <= 600; s += 10) {
      const asks: DepthLevel[] = [];
      for (let p = 6000.25; p <= (s < 300 ? 6005 : 6020); p += 0.25) asks.push([p, 10]);
      snaps.push({ t: handMs(s), bids: [[6000, 10]], asks });
    }
    const calc = new BarrierCalculator(snaps);
    const later = calc.at(handMs(600), 6010, 'UP');
    expect(later.depthCurrent).toBe(170);
    expect(later.deltas).toEqual([0, 0, 0]); // 5 min ago the band was first seen at 09:35
    expect(later.wallRatio).toBe(1); // not inflated by the unseen snapshots
    expect(later.state).toBe('NEUTRAL');
    const before = calc.at(handMs(200), 6010, 'UP');
    expect(before.depthCurrent).toBe(0);
    expect(before.wallRatio).toBe(1);
    expect(before.state).toBe('NEUTRAL');
  });

  it('sums depth the same way for sorted and unsorted sides', () => {
    const side: DepthLevel[] = [[6001, 1], [6003, 2], [6005, 4], [6007, 8]];
    expect(depthNear(side, 6004)).toBe(2 + 4);
    expect(depthNear([...side].reverse(), 6004)).toBe(6);
    expect(depthNear([side[2], side[0], side[3], side[1]], 6004)).toBe(6);
    expect(depthNear(side, 5999)).toBe(1);
    expect(depthNear([], 6000)).toBe(0);
  });

  it('classifies the barrier with the documented thresholds, first match wins', () => {
    expect(classifyBarrier(0.2, 1, 0, 0, 100)).toBe('VACUUM');
    expect(classifyBarrier(2, 0.1, -50, 50, 100)).toBe('WALL');
    expect(classifyBarrier(1, 0.4, -21, 30, 100)).toBe('CONSUMED');
    expect(classifyBarrier(1, 0.4, -19, 30, 100)).toBe('NEUTRAL');
    expect(classifyBarrier(1, 1.5, 10, 20, 100)).toBe('ABSORPTION');
    expect(classifyBarrier(1, 10, 10, 0, 100)).toBe('NEUTRAL'); // depth only added, none taken
    expect(classifyBarrier(0.7, 1, 0, 0, 100)).toBe('WEAK');
    expect(classifyBarrier(0.75, 1, 0, 0, 100)).toBe('NEUTRAL');
  });
});
