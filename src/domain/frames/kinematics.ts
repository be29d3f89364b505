import { KINEMATIC_WINDOWS, MOMENTUM_WINDOWS } from '../frame/level-frame';
import { PriceSeries } from './price-series';
import { topCoefficientWeights, weightedSum } from './polynomial-fit';
import { SLOT_MS } from './session-clock';

const SLOTS_PER_MINUTE = 6;
const STEP_S = SLOT_MS / 1000;
/** Approach fields look back 10 minutes. */
export const APPROACH_WINDOW_MIN = 10;

/**
 * Kinematics of the price itself at one time, from the 10-s closes. A window of W minutes holds
 * the 6W + 1 closes at t − W min, …, t − 10 s, t (the closes of the slots ending then).
 * p = dir_sign·(price − level) with the level and direction of time t fixed over the window, so
 * every kinematic value of p is dir_sign times the value of the price: one fit per time serves all
 * levels.
 */
export interface PriceKinematics {
  /** pt/s, OLS slope (degree-1 fit), per KINEMATIC_WINDOWS entry. */
  readonly velocity: readonly number[];
  /** pt/s², 2 × quadratic coefficient of a degree-2 fit. */
  readonly acceleration: readonly number[];
  /** pt/s³, 6 × cubic coefficient of a degree-3 fit. */
  readonly jerk: readonly number[];
  /** (#up moves − #down moves)/#moves over the window's consecutive closes, per MOMENTUM_WINDOWS entry. */
  readonly momentum: readonly number[];
  /** price(t) − price(t − 10 min), points. */
  readonly change10min: number;
  /** Consecutive completed 1-min bars closing above / below the previous 1-min close. */
  readonly risingMinutes: number;
  readonly fallingMinutes: number;
}

export class KinematicsCalculator {
  private readonly fits = KINEMATIC_WINDOWS.map((w) => {
    const n = w * SLOTS_PER_MINUTE + 1;
    return {
      n,
      slope: topCoefficientWeights(n, 1),
      quadratic: topCoefficientWeights(n, 2),
      cubic: topCoefficientWeights(n, 3),
    };
  });
  private readonly risingRun: Int32Array;
  private readonly fallingRun: Int32Array;

  constructor(private readonly series: PriceSeries) {
    const m = series.minuteCount;
    this.risingRun = new Int32Array(m);
    this.fallingRun = new Int32Array(m);
    for (let k = 1; k < m; k++) {
      const d = series.minuteClose[k] - series.minuteClose[k - 1];
      this.risingRun[k] = d > 0 ? this.risingRun[k - 1] + 1 : 0;
      this.fallingRun[k] = d < 0 ? this.fallingRun[k - 1] + 1 : 0;
    }
  }

  at(tMs: number): PriceKinematics {
    const s = this.series;
    const done = s.completedSlots(tMs);
    const close = s.close;
    const velocity: number[] = [];
    const acceleration: number[] = [];
    const jerk: number[] = [];
    for (const fit of this.fits) {
      const start = done - fit.n;
      velocity.push(weightedSum(fit.slope, close, start) / STEP_S);
      acceleration.push((2 * weightedSum(fit.quadratic, close, start)) / (STEP_S * STEP_S));
      jerk.push((6 * weightedSum(fit.cubic, close, start)) / (STEP_S * STEP_S * STEP_S));
    }
    const momentum = MOMENTUM_WINDOWS.map((w) => {
      const moves = w * SLOTS_PER_MINUTE;
      let net = 0;
      for (let i = done - moves; i < done; i++) {
        const d = close[Math.max(0, i)] - close[Math.max(0, i - 1)];
        net += d > 0 ? 1 : d < 0 ? -1 : 0;
      }
      return net / moves;
    });
    const last = Math.max(0, done - 1);
    const change10min = close[last] - close[Math.max(0, last - APPROACH_WINDOW_MIN * SLOTS_PER_MINUTE)];
    const minutes = s.completedMinutes(tMs);
    return {
      velocity,
      acceleration,
      jerk,
      momentum,
      change10min,
      risingMinutes: minutes > 0 ? this.risingRun[minutes - 1] : 0,
      fallingMinutes: minutes > 0 ? this.fallingRun[minutes - 1] : 0,
    };
  }
}
