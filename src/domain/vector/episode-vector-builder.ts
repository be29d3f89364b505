import { BarrierState, FuelEffect, LevelFrame, LevelKind } from '../frame/level-frame';
import { DctBasis } from './dct';
import {
  DCT_COEFFICIENTS,
  DCT_FRAMES,
  MICRO_FRAMES,
  OFFSET,
  VECTOR_DIMENSION,
} from './feature-table';

/** Number of per-frame series kept in the rolling history (the seven micro-history series). */
const SERIES = 7;
const S_DISTANCE = 0;
const S_TAPE_IMBALANCE = 1;
const S_TAPE_VELOCITY = 2;
const S_OFI_60S = 3;
const S_BARRIER_DELTA_LIQ_LOG = 4;
const S_WALL_RATIO_LOG = 5;
const S_GAMMA = 6;
/** Series transformed by the trajectory basis (section F), in vector order. */
const DCT_SERIES_ORDER = [
  S_DISTANCE,
  S_OFI_60S,
  S_BARRIER_DELTA_LIQ_LOG,
  S_TAPE_IMBALANCE,
] as const;

const BARRIER_STATE_CODE: Readonly<Record<BarrierState, number>> = {
  VACUUM: -2,
  CONSUMED: -1.5,
  WEAK: -1,
  NEUTRAL: 0,
  ABSORPTION: 1,
  WALL: 2,
};
const FUEL_EFFECT_CODE: Readonly<Record<FuelEffect, number>> = {
  AMPLIFY: 1,
  NEUTRAL: 0,
  DAMPEN: -1,
};

/** Shared by every builder: the orthonormal DCT-II table for 40 samples, 8 coefficients. */
const BASIS = new DctBasis(DCT_FRAMES, DCT_COEFFICIENTS);

/** sign(x)·ln(1 + |x|). */
export function signedLog1p(x: number): number {
  return x === 0 ? 0 : Math.sign(x) * Math.log1p(Math.abs(x));
}
/** ln(max(x, 1e−6)). */
export function wallRatioLog(x: number): number {
  return Math.log(Math.max(x, 1e-6));
}

/** Rolling history of one level within one session: a ring of the last 40 frames' series values. */
class LevelHistory {
  /** Series-major ring: value of series s for ring slot j at s·40 + j. */
  readonly ring = new Float64Array(SERIES * DCT_FRAMES);
  /** Frames held (≤ 40). */
  count = 0;
  /** Ring slot the next frame is written to. */
  head = 0;
  lastMinutes = -1;

  clear(): void {
    this.count = 0;
    this.head = 0;
    this.lastMinutes = -1;
  }

  /** Appends a frame's series values, or overwrites the newest slot when `replace` is true. */
  record(frame: LevelFrame, replace: boolean): void {
    const slot = replace && this.count > 0 ? (this.head + DCT_FRAMES - 1) % DCT_FRAMES : this.head;
    const r = this.ring;
    r[S_DISTANCE * DCT_FRAMES + slot] = frame.distance_signed_atr;
    r[S_TAPE_IMBALANCE * DCT_FRAMES + slot] = frame.tape_imbalance;
    r[S_TAPE_VELOCITY * DCT_FRAMES + slot] = frame.tape_velocity;
    r[S_OFI_60S * DCT_FRAMES + slot] = frame.ofi_60s;
    r[S_BARRIER_DELTA_LIQ_LOG * DCT_FRAMES + slot] = signedLog1p(frame.barrier_delta_liq);
    r[S_WALL_RATIO_LOG * DCT_FRAMES + slot] = wallRatioLog(frame.wall_ratio);
    r[S_GAMMA * DCT_FRAMES + slot] = frame.gamma_exposure;
    if (!(replace && this.count > 0)) {
      this.head = (this.head + 1) % DCT_FRAMES;
      if (this.count < DCT_FRAMES) this.count++;
    }
    this.lastMinutes = frame.minutes_since_open;
  }

  /** Ring slot of the frame `lag` frames before the newest, clamped to the oldest held. */
  slot(lag: number): number {
    const l = lag < this.count ? lag : this.count - 1;
    return (this.head + 2 * DCT_FRAMES - 1 - l) % DCT_FRAMES;
  }
}

/**
 * Builds the 144-D episode vector (domain §3) for each frame of a live or recorded feed.
 *
 * Push the frames of a session in time order (all levels interleaved). The builder keeps a
 * rolling history per level kind, keyed by session date: a frame of a new session date clears
 * every level. Within a level:
 * - a frame whose minutes_since_open equals the previous one replaces it (a re-sent frame);
 * - a frame earlier than the previous one restarts that level's history;
 * - a frame of an inactive level (OR levels before 09:45) clears the history and is not kept, so
 *   the history of an OR level starts with its first active frame.
 * The vector of a frame uses that frame and up to 39 earlier frames of the same level.
 */
export class EpisodeVectorBuilder {
  private sessionDate: string | null = null;
  private readonly levels = new Map<LevelKind, LevelHistory>();
  /** Scratch for one front-padded DCT series. */
  private readonly window = new Float64Array(DCT_FRAMES);

  /** Forgets every level's history. */
  reset(): void {
    this.sessionDate = null;
    for (const h of this.levels.values()) h.clear();
  }

  /** Frames currently held for a level (0…40). */
  historyLength(kind: LevelKind): number {
    return this.levels.get(kind)?.count ?? 0;
  }

  /**
   * Adds `frame` to its level's history and returns its vector, written into `out` when given
   * (reuse one Float32Array to avoid allocation), else into a new array.
   */
  push(
    frame: LevelFrame,
    out: Float32Array<ArrayBuffer> = new Float32Array(VECTOR_DIMENSION),
  ): Float32Array<ArrayBuffer> {
    if (out.length !== VECTOR_DIMENSION)
      throw new RangeError(`output must have ${VECTOR_DIMENSION} elements`);
    if (frame.session_date !== this.sessionDate) {
      this.reset();
      this.sessionDate = frame.session_date;
    }
    let history = this.levels.get(frame.level_kind);
    if (history === undefined) {
      history = new LevelHistory();
      this.levels.set(frame.level_kind, history);
    }
    if (!frame.level_active) history.clear();
    const m = frame.minutes_since_open;
    if (history.count > 0 && m < history.lastMinutes) history.clear();
    history.record(frame, history.count > 0 && m === history.lastMinutes);
    this.write(frame, history, out);
    if (!frame.level_active) history.clear();
    return out;
  }

  private write(fr: LevelFrame, h: LevelHistory, o: Float32Array): void {
    const dir = fr.direction === 'UP' ? 1 : -1;

    // A — Context & Regime
    let i = OFFSET.A;
    o[i++] = fr.minutes_since_open;
    o[i++] = Math.floor(fr.minutes_since_open);
    o[i++] = fr.atr;
    o[i++] = fr.minutes_since_open >= 15 ? 1 : 0;
    o[i++] = fr.level_stacking_2pt;
    o[i++] = fr.level_stacking_5pt;
    o[i++] = fr.level_stacking_10pt;
    o[i++] = fr.dist_to_pm_high_atr ?? 0;
    o[i++] = fr.dist_to_pm_low_atr ?? 0;
    o[i++] = fr.dist_to_or_high_atr ?? 0;
    o[i++] = fr.dist_to_or_low_atr ?? 0;
    o[i++] = fr.dist_to_sma_90_atr ?? 0;
    o[i++] = fr.dist_to_ema_20_atr ?? 0;
    o[i++] = fr.prior_touches;
    o[i++] = fr.attempt_index;
    o[i++] = fr.time_since_last_touch_sec;
    o[i++] = fr.gamma_exposure;
    o[i++] = FUEL_EFFECT_CODE[fr.fuel_effect];
    o[i++] = fr.gex_ratio;
    o[i++] = fr.gex_asymmetry;
    o[i++] = fr.net_gex_2strike;
    o[i++] = fr.gex_above_1strike;
    o[i++] = fr.gex_below_1strike;
    o[i++] = fr.call_gex_above_2strike;
    o[i++] = fr.put_gex_below_2strike;

    // B — Multi-Scale Dynamics
    o[i++] = fr.velocity_1min;
    o[i++] = fr.velocity_2min;
    o[i++] = fr.velocity_3min;
    o[i++] = fr.velocity_5min;
    o[i++] = fr.velocity_10min;
    o[i++] = fr.velocity_20min;
    o[i++] = fr.acceleration_1min;
    o[i++] = fr.acceleration_2min;
    o[i++] = fr.acceleration_3min;
    o[i++] = fr.acceleration_5min;
    o[i++] = fr.acceleration_10min;
    o[i++] = fr.acceleration_20min;
    o[i++] = fr.jerk_1min;
    o[i++] = fr.jerk_2min;
    o[i++] = fr.jerk_3min;
    o[i++] = fr.jerk_5min;
    o[i++] = fr.jerk_10min;
    o[i++] = fr.jerk_20min;
    o[i++] = fr.momentum_trend_3min;
    o[i++] = fr.momentum_trend_5min;
    o[i++] = fr.momentum_trend_10min;
    o[i++] = fr.momentum_trend_20min;
    o[i++] = fr.ofi_30s;
    o[i++] = fr.ofi_60s;
    o[i++] = fr.ofi_120s;
    o[i++] = fr.ofi_300s;
    o[i++] = fr.ofi_near_level_30s;
    o[i++] = fr.ofi_near_level_60s;
    o[i++] = fr.ofi_near_level_120s;
    o[i++] = fr.ofi_near_level_300s;
    o[i++] = fr.ofi_acceleration;
    o[i++] = fr.barrier_delta_1min;
    o[i++] = fr.barrier_delta_3min;
    o[i++] = fr.barrier_delta_5min;
    o[i++] = fr.approach_velocity;
    o[i++] = fr.approach_bars;
    o[i++] = fr.approach_distance_atr;

    // C — Micro-History: series-major, oldest (t−4) first, short history padded with the oldest.
    const ring = h.ring;
    for (let s = 0; s < SERIES; s++) {
      const base = s * DCT_FRAMES;
      for (let slot = 0; slot < MICRO_FRAMES; slot++)
        o[i++] = ring[base + h.slot(MICRO_FRAMES - 1 - slot)];
    }

    // D — Derived Physics
    const mass = Math.max(Math.abs(fr.barrier_delta_liq), 1);
    const force = 10 * fr.tape_imbalance + fr.ofi_60s / 100;
    const predicted = (0.01 * force) / mass;
    const massProxy = Math.log1p(Math.abs(fr.barrier_depth_current));
    o[i++] = predicted;
    o[i++] = fr.acceleration_1min - predicted;
    o[i++] = force / mass;
    o[i++] = massProxy;
    o[i++] = fr.ofi_60s / (massProxy + 1e-6);
    o[i++] = BARRIER_STATE_CODE[fr.barrier_state];
    o[i++] = fr.barrier_replenishment_ratio;
    o[i++] = fr.sweep_detected ? 1 : 0;
    o[i++] = Math.log((fr.tape_buy_vol + 1) / (fr.tape_sell_vol + 1));
    o[i++] = Math.log(fr.tape_buy_vol + fr.tape_sell_vol + 2);
    o[i++] = fr.ofi_60s * dir;

    // E — Online Trends
    o[i++] = fr.barrier_replenishment_trend;
    o[i++] = fr.barrier_delta_liq_trend;
    o[i++] = fr.tape_velocity_trend;
    o[i++] = fr.tape_imbalance_trend;

    // F — Trajectory Basis: last 40 frames, oldest first, front-padded with the oldest held.
    const w = this.window;
    const held = h.count;
    const pad = DCT_FRAMES - held;
    const oldest = h.slot(held - 1);
    for (let d = 0; d < DCT_SERIES_ORDER.length; d++) {
      const base = DCT_SERIES_ORDER[d] * DCT_FRAMES;
      const first = ring[base + oldest];
      for (let n = 0; n < pad; n++) w[n] = first;
      let slot = oldest;
      for (let n = pad; n < DCT_FRAMES; n++) {
        w[n] = ring[base + slot];
        slot = slot + 1 === DCT_FRAMES ? 0 : slot + 1;
      }
      BASIS.transformInto(w, o, i);
      i += DCT_COEFFICIENTS;
    }
  }
}
