import { LEVEL_FRAME_FIELD_NAMES } from '../frame/level-frame-fields';
import { LevelFrame, LevelKind } from '../frame/level-frame';
import { validateLevelFrame } from '../frame/validate-level-frame';
import { buildLevelFrames } from './build-level-frames';
import { handMadeDay, handMs, HAND_OPEN_MS } from './testing/hand-made-day';
import { syntheticDay } from './testing/synthetic-day';

const frameAt = (frames: readonly LevelFrame[], kind: LevelKind, k: number): LevelFrame => {
  const f = frames.find((x) => x.level_kind === kind && x.minutes_since_open === k / 2);
  if (!f) throw new Error(`no ${kind} frame at k=${k}`);
  return f;
};

describe('buildLevelFrames: structure', () => {
  const day = syntheticDay({ seed: 7, tradesPerSecond: 3 });
  const frames = buildLevelFrames(day, { seqStart: 100 });

  it('emits 361 frames per level, ordered by time then PM_HIGH, PM_LOW, OR_HIGH, OR_LOW', () => {
    expect(frames.length).toBe(361 * 4);
    for (let k = 0; k < 361; k++) {
      const group = frames.slice(4 * k, 4 * k + 4);
      expect(group.map((f) => f.level_kind)).toEqual(['PM_HIGH', 'PM_LOW', 'OR_HIGH', 'OR_LOW']);
      for (const f of group) {
        expect(f.ts).toBe(new Date(HAND_OPEN_MS + k * 30_000).toISOString());
        expect(f.minutes_since_open).toBe(k / 2);
      }
    }
    expect(frames[0].ts).toBe('2025-11-03T14:30:00.000Z');
    expect(frames[frames.length - 1].ts).toBe('2025-11-03T17:30:00.000Z');
  });

  it('numbers seq from seqStart, strictly increasing by one', () => {
    frames.forEach((f, i) => expect(f.seq).toBe(100 + i));
    expect(buildLevelFrames(day)[0].seq).toBe(0);
  });

  it('adds SMA_90 and EMA_20 frames, and their distances, only when asked', () => {
    const withMa = buildLevelFrames(day, { includeMovingAverages: true });
    expect(withMa.length).toBe(361 * 6);
    expect(withMa.slice(0, 6).map((f) => f.level_kind)).toEqual(['PM_HIGH', 'PM_LOW', 'OR_HIGH', 'OR_LOW', 'SMA_90', 'EMA_20']);
    expect(withMa.every((f) => f.dist_to_sma_90_atr !== null && f.dist_to_ema_20_atr !== null)).toBeTrue();
    expect(frames.every((f) => f.dist_to_sma_90_atr === null && f.dist_to_ema_20_atr === null)).toBeTrue();
  });

  it('computes SMA_90 / EMA_20 as context only: same four levels, same values as the full build, MA distances filled', () => {
    const context = buildLevelFrames(day, { movingAverageContext: true });
    const full = buildLevelFrames(day, { includeMovingAverages: true }).filter((f) => f.level_kind !== 'SMA_90' && f.level_kind !== 'EMA_20');
    expect(context.length).toBe(361 * 4);
    expect(context.slice(0, 4).map((f) => f.level_kind)).toEqual(['PM_HIGH', 'PM_LOW', 'OR_HIGH', 'OR_LOW']);
    expect(context.every((f) => f.dist_to_sma_90_atr !== null && f.dist_to_ema_20_atr !== null)).toBeTrue();
    // Identical to the six-level build apart from seq, which counts emitted frames only.
    expect(context.map((f) => ({ ...f, seq: 0 }))).toEqual(full.map((f) => ({ ...f, seq: 0 })));
    // The context changes what the four-level build reports: distances, and stacking where an MA is near.
    expect(context.some((f, i) => f.dist_to_sma_90_atr !== frames[i].dist_to_sma_90_atr)).toBeTrue();
  });

  it('produces frames that pass the level-frame/1 validator, with every field present and finite', () => {
    for (const f of buildLevelFrames(day, { includeMovingAverages: true })) {
      const r = validateLevelFrame(JSON.parse(JSON.stringify(f)));
      expect(r.ok).withContext(JSON.stringify(r.ok ? null : r.errors)).toBeTrue();
      expect(Object.keys(f)).toEqual([...LEVEL_FRAME_FIELD_NAMES]);
      for (const v of Object.values(f)) if (typeof v === 'number') expect(Number.isFinite(v)).toBeTrue();
    }
  });

  it('falls back to documented neutral values when quotes, depth, trades and options are missing', () => {
    const bare = buildLevelFrames(handMadeDay({ price: (s) => 6000 + Math.sin(s / 300) * 4, quotes: [], depth: [], trades: [], optionTrades: [], impliedVol: 0 }));
    expect(bare.length).toBe(361 * 4);
    for (const f of bare) {
      expect(validateLevelFrame(JSON.parse(JSON.stringify(f))).ok).toBeTrue();
      expect([f.ofi_60s, f.ofi_near_level_60s, f.tape_buy_vol, f.tape_velocity, f.barrier_depth_current, f.gamma_exposure]).toEqual([0, 0, 0, 0, 0, 0]);
      expect([f.barrier_replenishment_ratio, f.wall_ratio]).toEqual([1, 1]);
      expect(f.barrier_state).toBe('NEUTRAL');
      expect(f.fuel_effect).toBe('NEUTRAL');
    }
  });

  it('sets direction UP below the level and DOWN at or above it, and distance_signed_atr = (spot − level)/atr', () => {
    for (const f of frames) {
      expect(f.direction).toBe(f.spot < f.level_price ? 'UP' : 'DOWN');
      expect(f.distance_signed_atr).toBeCloseTo((f.spot - f.level_price) / f.atr, 12);
    }
    // A tie is DOWN: a flat day sits exactly on its premarket high.
    const flat = buildLevelFrames(handMadeDay({ price: () => 6000 }));
    expect(frameAt(flat, 'PM_HIGH', 100).spot).toBe(6000);
    expect(frameAt(flat, 'PM_HIGH', 100).level_price).toBe(6000);
    expect(frameAt(flat, 'PM_HIGH', 100).direction).toBe('DOWN');
  });
});

describe('buildLevelFrames: levels and ATR', () => {
  // Premarket flat at 6000 with ±1 wicks; the opening range climbs 9 pts in 15 min, then flat.
  const price = (s: number): number => (s <= 0 ? 6000 : s < 900 ? 6000 + s / 100 : 6009);
  const frames = buildLevelFrames(handMadeDay({ price, wick: 1 }));

  it('takes PM_HIGH / PM_LOW from the premarket bars', () => {
    expect(frameAt(frames, 'PM_HIGH', 0).level_price).toBe(6001);
    expect(frameAt(frames, 'PM_LOW', 0).level_price).toBe(5999);
    expect(frameAt(frames, 'PM_HIGH', 360).level_price).toBe(6001);
  });

  it('keeps OR levels inactive before 09:45 (distances null) and active from 09:45 with the full range', () => {
    for (let k = 0; k < 30; k++) {
      expect(frameAt(frames, 'OR_HIGH', k).level_active).toBeFalse();
      expect(frameAt(frames, 'OR_LOW', k).level_active).toBeFalse();
      expect(frameAt(frames, 'PM_HIGH', k).dist_to_or_high_atr).toBeNull();
      expect(frameAt(frames, 'PM_HIGH', k).dist_to_or_low_atr).toBeNull();
      expect(frameAt(frames, 'OR_HIGH', k).prior_touches).toBe(0);
      expect(frameAt(frames, 'OR_HIGH', k).attempt_index).toBe(0);
    }
    const at945 = frameAt(frames, 'OR_HIGH', 30);
    expect(at945.level_active).toBeTrue();
    expect(at945.level_price).toBe(6010);
    expect(frameAt(frames, 'OR_LOW', 30).level_price).toBe(5999);
    expect(at945.dist_to_or_high_atr).toBeCloseTo((6009 - 6010) / at945.atr, 12);
    // While forming, the OR price is the running extreme so far: at 09:35 the high is 6003 + wick.
    expect(frameAt(frames, 'OR_HIGH', 10).level_price).toBeCloseTo(6004, 9);
    // Inactive levels do not count in the stacking of the others.
    expect(frameAt(frames, 'PM_LOW', 0).level_stacking_2pt).toBe(1);
    expect(frameAt(frames, 'PM_LOW', 30).level_stacking_2pt).toBe(2);
  });

  it('computes ATR as the mean true range of the last 14 completed 1-min bars', () => {
    // A 1-pt step at every minute boundary up to 09:20, 3-pt steps from 09:21. The hand-made
    // bars sample the price at 10-s boundaries, so the step at minute m lands in the last slot of
    // minute m − 1: that minute's true range is the step.
    const m = (s: number): number => Math.floor(s / 60);
    const stepped = (s: number): number => (m(s) < -10 ? 6000 + m(s) : 5990 + 3 * (m(s) + 10));
    const f = buildLevelFrames(handMadeDay({ price: stepped }));
    // At 09:30 the last 14 minutes (09:16–09:29) carry the steps to 09:17 … 09:30: four of 1, ten of 3.
    expect(frameAt(f, 'PM_HIGH', 0).atr).toBeCloseTo((4 * 1 + 10 * 3) / 14, 12);
    expect(frameAt(f, 'PM_HIGH', 1).atr).toBeCloseTo((4 * 1 + 10 * 3) / 14, 12); // minute 09:30 not complete at 09:30:30
    expect(frameAt(f, 'PM_HIGH', 2).atr).toBeCloseTo((3 * 1 + 11 * 3) / 14, 12);
    expect(frameAt(f, 'PM_HIGH', 40).atr).toBeCloseTo(3, 12);
  });

  it('floors ATR at one tick on a flat day', () => {
    const flat = buildLevelFrames(handMadeDay({ price: () => 6000 }));
    expect(flat.every((f) => f.atr === 0.25)).toBeTrue();
  });

  it('builds SMA_90 / EMA_20 from completed 2-min closes', () => {
    // Linear path 1 pt per 2 min: the 2-min closes are an arithmetic sequence.
    const linear = (s: number): number => 6000 + s / 120;
    const f = buildLevelFrames(handMadeDay({ price: linear }), { includeMovingAverages: true });
    // At 10:00 the last completed 2-min close is the one at 10:00 (s = 1800, price 6015); the 90 closes span 5926…6015.
    expect(frameAt(f, 'SMA_90', 60).level_price).toBeCloseTo((5926 + 6015) / 2, 9);
    expect(frameAt(f, 'SMA_90', 61).level_price).toBeCloseTo((5926 + 6015) / 2, 9);
    // The EMA of a linear series lags by (1 − α)/α = 9.5 steps (α = 2/21) once the seed has decayed.
    expect(frameAt(f, 'EMA_20', 60).level_price).toBeCloseTo(6015 - 9.5, 5);
    expect(frameAt(f, 'SMA_90', 60).level_active).toBeTrue();
  });
});

describe('buildLevelFrames: touch memory', () => {
  // Premarket high 6010 from a spike at 05:00; the session sits at 6000 and reaches 6009.75 for
  // 30 s at 09:40, 09:50 and 10:20 (the last more than 15 min after the second).
  const plateaus = [600, 1200, 3000];
  const price = (s: number): number => {
    if (s >= -16200 && s < -16170) return 6010;
    return plateaus.some((p) => s >= p && s < p + 30) ? 6009.75 : 6000;
  };
  const frames = buildLevelFrames(handMadeDay({ price }));
  const touch = (k: number): [number, number, number] => {
    const f = frameAt(frames, 'PM_HIGH', k);
    return [f.prior_touches, f.attempt_index, f.time_since_last_touch_sec];
  };

  it('counts touches, attempts within a cluster and the time since the last touch', () => {
    expect(frameAt(frames, 'PM_HIGH', 0).level_price).toBe(6010);
    expect(touch(10)).toEqual([0, 0, 900]);
    expect(touch(20)).toEqual([0, 1, 0]); // touching now (the slot ending 09:40:00 reached 6009.75)
    expect(touch(22)).toEqual([1, 1, 30]);
    expect(touch(40)).toEqual([1, 2, 0]);
    expect(touch(42)).toEqual([2, 2, 30]);
    expect(touch(60)).toEqual([2, 2, 570]);
    expect(touch(80)).toEqual([2, 0, 900]); // 19.5 min since the last touch: the cluster is over
    expect(touch(100)).toEqual([2, 1, 0]); // a new cluster
    expect(touch(200)).toEqual([3, 0, 900]);
  });

  it('measures the *_trend fields from the first frame of the live cluster', () => {
    for (let k = 0; k < 361; k++) {
      const f = frameAt(frames, 'PM_HIGH', k);
      const first = f.attempt_index === 0 ? f : frameAt(frames, 'PM_HIGH', k >= 100 ? 100 : 20);
      expect(f.barrier_delta_liq_trend).toBeCloseTo(f.barrier_delta_liq - first.barrier_delta_liq, 9);
      expect(f.barrier_replenishment_trend).toBeCloseTo(f.barrier_replenishment_ratio - first.barrier_replenishment_ratio, 9);
      expect(f.tape_velocity_trend).toBeCloseTo(f.tape_velocity - first.tape_velocity, 9);
      expect(f.tape_imbalance_trend).toBeCloseTo(f.tape_imbalance - first.tape_imbalance, 9);
    }
  });
});

describe('buildLevelFrames: leakage guard', () => {
  const day = syntheticDay({ seed: 11, tradesPerSecond: 4 });
  const before = buildLevelFrames(day, { includeMovingAverages: true });
  // Cut times on and off the 30-s grid, in the opening range, the morning and near the end.
  const cuts = [handMs(5 * 60), handMs(47 * 60 + 10), handMs(95 * 60), handMs(170 * 60 + 25)];

  for (const cut of cuts) {
    it(`keeps every frame at or before ${new Date(cut).toISOString()} identical when everything after it changes`, async () => {
      const { withFutureChanged } = await import('./testing/synthetic-day');
      const after = buildLevelFrames(withFutureChanged(day, cut, cut % 9973), { includeMovingAverages: true });
      expect(after.length).toBe(before.length);
      let compared = 0;
      let laterDiffer = 0;
      for (let i = 0; i < before.length; i++) {
        const t = Date.parse(before[i].ts);
        if (t <= cut) {
          expect(JSON.stringify(after[i])).withContext(`${before[i].ts} ${before[i].level_kind}`).toBe(JSON.stringify(before[i]));
          compared++;
        } else if (JSON.stringify(after[i]) !== JSON.stringify(before[i])) laterDiffer++;
      }
      expect(compared).toBeGreaterThan(0);
      // The change is real: frames after the cut see it.
      expect(laterDiffer).toBeGreaterThan(0);
    });
  }
});
