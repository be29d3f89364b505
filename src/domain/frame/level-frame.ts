/**
 * The level-state frame, schema `level-frame/1` (docs/domain-contract.md §2).
 *
 * One object per (timestamp, level), every 30 s from 09:30:00 to 12:30:00 ET. Every value is computed
 * from data at or before `ts` (strictly backward windows). A producer that cannot compute a field
 * sends `null` where the type allows it.
 */
export const LEVEL_FRAME_SCHEMA = 'level-frame/1';

export const LEVEL_KINDS = ['PM_HIGH', 'PM_LOW', 'OR_HIGH', 'OR_LOW', 'SMA_90', 'EMA_20'] as const;
export type LevelKind = (typeof LEVEL_KINDS)[number];

export const DIRECTIONS = ['UP', 'DOWN'] as const;
/** UP: spot below the level (approaching from below); DOWN: spot above it. */
export type Direction = (typeof DIRECTIONS)[number];

export const BARRIER_STATES = ['VACUUM', 'CONSUMED', 'WEAK', 'NEUTRAL', 'ABSORPTION', 'WALL'] as const;
export type BarrierState = (typeof BARRIER_STATES)[number];

export const FUEL_EFFECTS = ['AMPLIFY', 'NEUTRAL', 'DAMPEN'] as const;
export type FuelEffect = (typeof FUEL_EFFECTS)[number];

/** Kinematic windows in minutes (velocity, acceleration, jerk). */
export const KINEMATIC_WINDOWS = [1, 2, 3, 5, 10, 20] as const;
/** Momentum-trend windows in minutes. */
export const MOMENTUM_WINDOWS = [3, 5, 10, 20] as const;
/** Order-flow windows in seconds. */
export const OFI_WINDOWS = [30, 60, 120, 300] as const;

export interface LevelFrame {
  // identity
  readonly schema: typeof LEVEL_FRAME_SCHEMA;
  /** Strictly increasing per feed. */
  readonly seq: number;
  /** ISO-8601 UTC, e.g. "2025-11-03T15:15:30.000Z". */
  readonly ts: string;
  /** Session date (America/New_York), YYYY-MM-DD. */
  readonly session_date: string;
  /** Minutes since 09:30 ET, 0…180 in steps of 0.5. */
  readonly minutes_since_open: number;

  // level
  readonly level_kind: LevelKind;
  readonly level_price: number;
  /** OR levels are inactive before 09:45; inactive frames carry no prediction. */
  readonly level_active: boolean;
  readonly direction: Direction;

  // price
  readonly spot: number;
  /** 14-period mean true range of 1-min bars, points. */
  readonly atr: number;

  // geometry (same sign convention as distance_signed_atr; null when that level is not active)
  readonly distance_signed_atr: number;
  readonly dist_to_pm_high_atr: number | null;
  readonly dist_to_pm_low_atr: number | null;
  readonly dist_to_or_high_atr: number | null;
  readonly dist_to_or_low_atr: number | null;
  readonly dist_to_sma_90_atr: number | null;
  readonly dist_to_ema_20_atr: number | null;
  readonly level_stacking_2pt: number;
  readonly level_stacking_5pt: number;
  readonly level_stacking_10pt: number;

  // kinematics of p = dir_sign·(price − level), from 10-s closes
  readonly velocity_1min: number;
  readonly velocity_2min: number;
  readonly velocity_3min: number;
  readonly velocity_5min: number;
  readonly velocity_10min: number;
  readonly velocity_20min: number;
  readonly acceleration_1min: number;
  readonly acceleration_2min: number;
  readonly acceleration_3min: number;
  readonly acceleration_5min: number;
  readonly acceleration_10min: number;
  readonly acceleration_20min: number;
  readonly jerk_1min: number;
  readonly jerk_2min: number;
  readonly jerk_3min: number;
  readonly jerk_5min: number;
  readonly jerk_10min: number;
  readonly jerk_20min: number;
  readonly momentum_trend_3min: number;
  readonly momentum_trend_5min: number;
  readonly momentum_trend_10min: number;
  readonly momentum_trend_20min: number;

  // approach
  /** Points per minute toward the level over the last 10 min. */
  readonly approach_velocity: number;
  /** Consecutive 1-min closes toward the level. */
  readonly approach_bars: number;
  readonly approach_distance_atr: number;

  // order flow (top of book), contracts, buy positive
  readonly ofi_30s: number;
  readonly ofi_60s: number;
  readonly ofi_120s: number;
  readonly ofi_300s: number;
  readonly ofi_near_level_30s: number;
  readonly ofi_near_level_60s: number;
  readonly ofi_near_level_120s: number;
  readonly ofi_near_level_300s: number;
  /** ofi_30s/30 − ofi_120s/120, contracts/s. */
  readonly ofi_acceleration: number;

  // tape (last 60 s, trades within 0.5 pt of the level)
  readonly tape_buy_vol: number;
  readonly tape_sell_vol: number;
  readonly tape_imbalance: number;
  readonly tape_velocity: number;
  readonly sweep_detected: boolean;

  // liquidity barrier (depth within 2 pts of the level on the side being approached)
  readonly barrier_depth_current: number;
  readonly barrier_delta_1min: number;
  readonly barrier_delta_3min: number;
  readonly barrier_delta_5min: number;
  readonly barrier_delta_liq: number;
  readonly barrier_replenishment_ratio: number;
  readonly wall_ratio: number;
  readonly barrier_state: BarrierState;

  // dealer gamma (same-day options, flow up to now, greeks at the current spot)
  readonly gamma_exposure: number;
  readonly fuel_effect: FuelEffect;
  readonly gex_above_1strike: number;
  readonly gex_below_1strike: number;
  readonly call_gex_above_2strike: number;
  readonly put_gex_below_2strike: number;
  readonly gex_asymmetry: number;
  readonly gex_ratio: number;
  readonly net_gex_2strike: number;

  // touch memory
  readonly prior_touches: number;
  readonly attempt_index: number;
  /** 900 when there was no earlier touch. */
  readonly time_since_last_touch_sec: number;

  // trends within the touch cluster (value now − value at the cluster's first attempt)
  readonly barrier_replenishment_trend: number;
  readonly barrier_delta_liq_trend: number;
  readonly tape_velocity_trend: number;
  readonly tape_imbalance_trend: number;
}

/** dir_sign: +1 for UP, −1 for DOWN. */
export function dirSign(direction: Direction): 1 | -1 {
  return direction === 'UP' ? 1 : -1;
}
