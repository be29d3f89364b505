import {
  BARRIER_STATES,
  DIRECTIONS,
  FUEL_EFFECTS,
  LEVEL_FRAME_SCHEMA,
  LEVEL_KINDS,
  LevelFrame,
} from './level-frame';

/**
 * The field table of `level-frame/1`: one entry per field of {@link LevelFrame}, with its type,
 * nullability and range. The validator (validate-level-frame.ts) and the JSON Schema generator
 * (tools/dataset/export-frame-schema.ts → docs/frame.schema.json) both read this table, so the
 * two cannot drift apart. The mapped type below ties every entry to the field's TypeScript type:
 * a nullable spec on a non-nullable field, or a number spec on a boolean, does not compile.
 */
export interface NumberFieldSpec {
  readonly kind: 'number';
  readonly nullable: boolean;
  readonly integer?: boolean;
  /** Inclusive lower bound. */
  readonly min?: number;
  /** Inclusive upper bound. */
  readonly max?: number;
  /** Exclusive lower bound (e.g. atr > 0). */
  readonly exclusiveMin?: number;
  readonly unit: string;
  readonly description: string;
}

export interface BooleanFieldSpec {
  readonly kind: 'boolean';
  readonly description: string;
}

export interface EnumFieldSpec<T extends string> {
  readonly kind: 'enum';
  readonly values: readonly T[];
  readonly description: string;
}

export interface StringFieldSpec {
  readonly kind: 'string';
  /** `const`: exactly `value`; `date-time`: ISO-8601 UTC ending in Z; `date`: YYYY-MM-DD. */
  readonly format: 'const' | 'date-time' | 'date';
  readonly value?: string;
  readonly description: string;
}

export type FieldSpec =
  NumberFieldSpec | BooleanFieldSpec | EnumFieldSpec<string> | StringFieldSpec;

/** The spec type a field of type T must have. */
type SpecFor<T> = [T] extends [boolean]
  ? BooleanFieldSpec
  : [T] extends [number]
    ? NumberFieldSpec & { readonly nullable: false }
    : [T] extends [number | null]
      ? NumberFieldSpec & { readonly nullable: true }
      : [T] extends [string]
        ? string extends T
          ? StringFieldSpec
          : EnumFieldSpec<T> | StringFieldSpec
        : never;

export type LevelFrameFieldTable = { readonly [K in keyof LevelFrame]-?: SpecFor<LevelFrame[K]> };

type NumberOptions = Omit<NumberFieldSpec, 'kind' | 'nullable' | 'unit' | 'description'>;

function num(
  unit: string,
  description: string,
  options: NumberOptions = {},
): NumberFieldSpec & { readonly nullable: false } {
  return { kind: 'number', nullable: false, unit, description, ...options };
}
function nullableNum(
  unit: string,
  description: string,
): NumberFieldSpec & { readonly nullable: true } {
  return { kind: 'number', nullable: true, unit, description };
}
function count(description: string): NumberFieldSpec & { readonly nullable: false } {
  return num('count', description, { integer: true, min: 0 });
}
function unitInterval(
  unit: string,
  description: string,
): NumberFieldSpec & { readonly nullable: false } {
  return num(unit, description, { min: -1, max: 1 });
}
function bool(description: string): BooleanFieldSpec {
  return { kind: 'boolean', description };
}
function oneOf<T extends string>(values: readonly T[], description: string): EnumFieldSpec<T> {
  return { kind: 'enum', values, description };
}

const kin = (what: string, window: string) =>
  `${what} of p = dir_sign·(price − level) over the last ${window}, from 10-s closes`;

export const LEVEL_FRAME_FIELDS: LevelFrameFieldTable = {
  schema: {
    kind: 'string',
    format: 'const',
    value: LEVEL_FRAME_SCHEMA,
    description: 'Schema tag, always "level-frame/1".',
  },
  seq: num('count', 'Sequence number, strictly increasing per feed.', { integer: true, min: 0 }),
  ts: {
    kind: 'string',
    format: 'date-time',
    description: 'Frame time, ISO-8601 UTC (e.g. 2025-11-03T15:15:30.000Z).',
  },
  session_date: {
    kind: 'string',
    format: 'date',
    description: 'Session date in America/New_York, YYYY-MM-DD.',
  },
  minutes_since_open: num('min', 'Minutes since 09:30 ET, 0…180.', { min: 0, max: 180 }),

  level_kind: oneOf(LEVEL_KINDS, 'Kind of level.'),
  level_price: num('pt', 'Level price.', { exclusiveMin: 0 }),
  level_active: bool('Whether the level exists at this time (OR levels only from 09:45).'),
  direction: oneOf(DIRECTIONS, 'UP when spot is below the level, DOWN when above.'),

  spot: num('pt', 'Last traded price.', { exclusiveMin: 0 }),
  atr: num('pt', '14-period mean true range of 1-min bars.', { exclusiveMin: 0 }),

  distance_signed_atr: num('atr', '(spot − level)/atr.'),
  dist_to_pm_high_atr: nullableNum('atr', '(spot − PM high)/atr; null when inactive.'),
  dist_to_pm_low_atr: nullableNum('atr', '(spot − PM low)/atr; null when inactive.'),
  dist_to_or_high_atr: nullableNum('atr', '(spot − OR high)/atr; null when inactive.'),
  dist_to_or_low_atr: nullableNum('atr', '(spot − OR low)/atr; null when inactive.'),
  dist_to_sma_90_atr: nullableNum('atr', '(spot − SMA 90)/atr; null when inactive.'),
  dist_to_ema_20_atr: nullableNum('atr', '(spot − EMA 20)/atr; null when inactive.'),
  level_stacking_2pt: count('Other active levels within 2 points of this one.'),
  level_stacking_5pt: count('Other active levels within 5 points of this one.'),
  level_stacking_10pt: count('Other active levels within 10 points of this one.'),

  velocity_1min: num('pt/s', kin('OLS slope', '1 min')),
  velocity_2min: num('pt/s', kin('OLS slope', '2 min')),
  velocity_3min: num('pt/s', kin('OLS slope', '3 min')),
  velocity_5min: num('pt/s', kin('OLS slope', '5 min')),
  velocity_10min: num('pt/s', kin('OLS slope', '10 min')),
  velocity_20min: num('pt/s', kin('OLS slope', '20 min')),
  acceleration_1min: num('pt/s²', kin('2× quadratic coefficient', '1 min')),
  acceleration_2min: num('pt/s²', kin('2× quadratic coefficient', '2 min')),
  acceleration_3min: num('pt/s²', kin('2× quadratic coefficient', '3 min')),
  acceleration_5min: num('pt/s²', kin('2× quadratic coefficient', '5 min')),
  acceleration_10min: num('pt/s²', kin('2× quadratic coefficient', '10 min')),
  acceleration_20min: num('pt/s²', kin('2× quadratic coefficient', '20 min')),
  jerk_1min: num('pt/s³', kin('6× cubic coefficient', '1 min')),
  jerk_2min: num('pt/s³', kin('6× cubic coefficient', '2 min')),
  jerk_3min: num('pt/s³', kin('6× cubic coefficient', '3 min')),
  jerk_5min: num('pt/s³', kin('6× cubic coefficient', '5 min')),
  jerk_10min: num('pt/s³', kin('6× cubic coefficient', '10 min')),
  jerk_20min: num('pt/s³', kin('6× cubic coefficient', '20 min')),
  momentum_trend_3min: unitInterval(
    'share',
    'Share of 10-s bars toward the level minus share away, last 3 min.',
  ),
  momentum_trend_5min: unitInterval(
    'share',
    'Share of 10-s bars toward the level minus share away, last 5 min.',
  ),
  momentum_trend_10min: unitInterval(
    'share',
    'Share of 10-s bars toward the level minus share away, last 10 min.',
  ),
  momentum_trend_20min: unitInterval(
    'share',
    'Share of 10-s bars toward the level minus share away, last 20 min.',
  ),

  approach_velocity: num('pt/min', 'Points per minute toward the level over the last 10 min.'),
  approach_bars: count('Consecutive 1-min closes toward the level.'),
  approach_distance_atr: num('atr', 'Distance covered in the last 10 min / atr.'),

  ofi_30s: num('contracts', 'Summed order-flow imbalance, last 30 s (buy positive).'),
  ofi_60s: num('contracts', 'Summed order-flow imbalance, last 60 s (buy positive).'),
  ofi_120s: num('contracts', 'Summed order-flow imbalance, last 120 s (buy positive).'),
  ofi_300s: num('contracts', 'Summed order-flow imbalance, last 300 s (buy positive).'),
  ofi_near_level_30s: num(
    'contracts',
    'Mean per-update OFI while the mid was within 5 pts of the level, last 30 s.',
  ),
  ofi_near_level_60s: num(
    'contracts',
    'Mean per-update OFI while the mid was within 5 pts of the level, last 60 s.',
  ),
  ofi_near_level_120s: num(
    'contracts',
    'Mean per-update OFI while the mid was within 5 pts of the level, last 120 s.',
  ),
  ofi_near_level_300s: num(
    'contracts',
    'Mean per-update OFI while the mid was within 5 pts of the level, last 300 s.',
  ),
  ofi_acceleration: num('contracts/s', 'ofi_30s/30 − ofi_120s/120.'),

  tape_buy_vol: num('contracts', 'Buy-aggressor volume within 0.5 pt of the level, last 60 s.', {
    min: 0,
  }),
  tape_sell_vol: num('contracts', 'Sell-aggressor volume within 0.5 pt of the level, last 60 s.', {
    min: 0,
  }),
  tape_imbalance: unitInterval('ratio', '(buy − sell)/(buy + sell), 0 if none.'),
  tape_velocity: num('pt/s', 'Slope of all trade prices, last 60 s.'),
  sweep_detected: bool('A sweep through several price levels in the last 60 s.'),

  barrier_depth_current: num(
    'contracts',
    'Resting depth within 2 pts of the level on the approached side.',
    { min: 0 },
  ),
  barrier_delta_1min: num('contracts', 'Barrier depth now − 1 min ago.'),
  barrier_delta_3min: num('contracts', 'Barrier depth now − 3 min ago.'),
  barrier_delta_5min: num('contracts', 'Barrier depth now − 5 min ago.'),
  barrier_delta_liq: num('contracts', 'Barrier depth change over the last 4 min.'),
  barrier_replenishment_ratio: num(
    'ratio',
    'Sum of depth increases / sum of decreases over the last 4 min.',
    { min: 0 },
  ),
  wall_ratio: num('ratio', 'Depth / trailing 30-min mean depth.', { min: 0 }),
  barrier_state: oneOf(BARRIER_STATES, 'Barrier classification.'),

  gamma_exposure: num('gex', 'Dealer gamma within 15 pts of the level.'),
  fuel_effect: oneOf(
    FUEL_EFFECTS,
    'AMPLIFY when dealers are short gamma enough to chase, DAMPEN when long.',
  ),
  gex_above_1strike: num('gex', 'Dealer gamma 5 pts above the level.'),
  gex_below_1strike: num('gex', 'Dealer gamma 5 pts below the level.'),
  call_gex_above_2strike: num('gex', 'Call dealer gamma within 10 pts above the level.'),
  put_gex_below_2strike: num('gex', 'Put dealer gamma within 10 pts below the level.'),
  gex_asymmetry: num('gex', 'Gamma above − below within 15 pts.'),
  gex_ratio: unitInterval('ratio', '(above − below)/(|above| + |below| + ε).'),
  net_gex_2strike: num('gex', 'Net dealer gamma within 15 pts.'),

  prior_touches: count('Earlier touches of this level today.'),
  attempt_index: count(
    '1-based attempt within the current touch cluster (0 before the first touch).',
  ),
  time_since_last_touch_sec: num('s', 'Seconds since the last touch, 900 when none.', { min: 0 }),

  barrier_replenishment_trend: num(
    'ratio',
    "barrier_replenishment_ratio now − at the cluster's first attempt.",
  ),
  barrier_delta_liq_trend: num(
    'contracts',
    "barrier_delta_liq now − at the cluster's first attempt.",
  ),
  tape_velocity_trend: num('pt/s', "tape_velocity now − at the cluster's first attempt."),
  tape_imbalance_trend: num('ratio', "tape_imbalance now − at the cluster's first attempt."),
};

/** The field names in table order (the order of §2 of the domain contract). */
export const LEVEL_FRAME_FIELD_NAMES: readonly (keyof LevelFrame)[] =
  fieldNames(LEVEL_FRAME_FIELDS);

function fieldNames(table: LevelFrameFieldTable): (keyof LevelFrame)[] {
  const names: (keyof LevelFrame)[] = [];
  for (const key of Object.keys(table)) {
    if (isFrameKey(key)) names.push(key);
  }
  return names;
}

/** True when `key` names a field of {@link LevelFrame}. */
export function isFrameKey(key: string): key is keyof LevelFrame {
  return Object.prototype.hasOwnProperty.call(LEVEL_FRAME_FIELDS, key);
}
