import { LevelFrame } from '../frame/level-frame';
import { buildLevelFrames } from './build-level-frames';
import { topCoefficientWeights } from './polynomial-fit';
import { handMadeDay } from './testing/hand-made-day';

const WINDOWS = ['1min', '2min', '3min', '5min', '10min', '20min'] as const;
const velocities = (f: LevelFrame): number[] => WINDOWS.map((w) => f[`velocity_${w}`]);
const accelerations = (f: LevelFrame): number[] => WINDOWS.map((w) => f[`acceleration_${w}`]);
const jerks = (f: LevelFrame): number[] => WINDOWS.map((w) => f[`jerk_${w}`]);

/** Frames of PM_HIGH (the level sits far above a path that starts below it) and PM_LOW (far below). */
function framesFor(price: (s: number) => number): { up: LevelFrame; down: LevelFrame } {
  // A spike to 7000 at 05:00 and a dip to 5000 at 06:00 make PM_HIGH far above and PM_LOW far below.
  const withLevels = (s: number): number => (s >= -16200 && s < -16190 ? 7000 : s >= -12600 && s < -12590 ? 5000 : price(s));
  const frames = buildLevelFrames(handMadeDay({ price: withLevels }));
  const at = (kind: string): LevelFrame => frames.find((f) => f.level_kind === kind && f.minutes_since_open === 60) as LevelFrame;
  return { up: at('PM_HIGH'), down: at('PM_LOW') };
}

describe('topCoefficientWeights', () => {
  it('recovers the top coefficient of an exact polynomial', () => {
    const n = 13;
    const y = Array.from({ length: n }, (_, x) => 3 - 2 * x + 0.5 * x * x - 0.01 * x * x * x);
    const dot = (w: Float64Array): number => w.reduce((s, wj, j) => s + wj * y[j], 0);
    expect(dot(topCoefficientWeights(n, 3))).toBeCloseTo(-0.01, 10);
    // A degree-1 fit of a straight line is its slope.
    const line = Array.from({ length: n }, (_, x) => 7 + 0.25 * x);
    expect(topCoefficientWeights(n, 1).reduce((s, wj, j) => s + wj * line[j], 0)).toBeCloseTo(0.25, 12);
  });

  it('refuses fits with too few points', () => {
    expect(() => topCoefficientWeights(3, 3)).toThrowError(RangeError);
  });
});

describe('kinematics of p = dir_sign·(price − level)', () => {
  it('gives the slope of a linear path as velocity in every window, with zero acceleration and jerk', () => {
    const { up, down } = framesFor((s) => 6000 + 0.02 * s);
    expect(up.direction).toBe('UP');
    expect(down.direction).toBe('DOWN');
    for (const v of velocities(up)) expect(v).toBeCloseTo(0.02, 10);
    for (const v of velocities(down)) expect(v).toBeCloseTo(-0.02, 10);
    for (const a of [...accelerations(up), ...accelerations(down)]) expect(a).toBeCloseTo(0, 10);
    for (const j of [...jerks(up), ...jerks(down)]) expect(j).toBeCloseTo(0, 10);
  });

  it('gives 2 × the quadratic coefficient of a quadratic path as acceleration', () => {
    const a = 4e-4; // pt/s²
    const { up, down } = framesFor((s) => 6000 + 0.5 * a * (s - 3600) * (s - 3600) / 100);
    for (const x of accelerations(up)) expect(x / (a / 100)).toBeCloseTo(1, 6);
    for (const x of accelerations(down)) expect(x / (a / 100)).toBeCloseTo(-1, 6);
    // At s = 3600 (the vertex) a window's OLS slope is the mean slope over the window: −a/100 · W/2.
    expect(up.velocity_10min).toBeCloseTo((-a / 100) * 300, 8);
    for (const j of jerks(up)) expect(j).toBeCloseTo(0, 10);
  });

  it('gives 6 × the cubic coefficient of a cubic path as jerk', () => {
    const c = 1e-9; // pt/s³
    const { up } = framesFor((s) => 6000 + (c / 6) * (s - 3000) ** 3);
    for (const j of jerks(up)) expect(j / c).toBeCloseTo(1, 4);
  });

  it('scores momentum as the share of 10-s moves toward the level minus the share away', () => {
    // Two ticks up, one tick down, repeating every 30 s.
    const saw = (s: number): number => {
      const phase = ((Math.floor(s / 10) % 3) + 3) % 3;
      return 6000 + 0.25 * Math.floor(s / 30) + (phase === 0 ? 0 : phase === 1 ? 0.25 : 0.5) - (phase === 2 ? 0.25 : 0);
    };
    const { up, down } = framesFor(saw);
    // The expected share is counted from the path itself.
    let net = 0;
    for (let s = 3600 - 180; s < 3600; s += 10) net += Math.sign(saw(s + 10) - saw(s));
    expect(net).not.toBe(0);
    expect(up.momentum_trend_3min).toBeCloseTo(net / 18, 12);
    expect(down.momentum_trend_3min).toBeCloseTo(-net / 18, 12);
    const { up: rising } = framesFor((s) => 6000 + s / 10);
    expect(rising.momentum_trend_20min).toBe(1);
  });

  it('measures the approach over the last 10 minutes toward the level', () => {
    const { up, down } = framesFor((s) => 6000 + 0.02 * s);
    expect(up.approach_velocity).toBeCloseTo(0.02 * 60, 10); // pts/min toward PM_HIGH
    expect(down.approach_velocity).toBeCloseTo(-0.02 * 60, 10); // moving away from PM_LOW
    expect(up.approach_distance_atr).toBeCloseTo((0.02 * 600) / up.atr, 10);
    // Every completed 1-min close is higher than the one before: 60+ consecutive bars toward PM_HIGH.
    expect(up.approach_bars).toBeGreaterThanOrEqual(60);
    expect(down.approach_bars).toBe(0);
  });
});
