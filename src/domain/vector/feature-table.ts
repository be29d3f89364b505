import { KINEMATIC_WINDOWS, MOMENTUM_WINDOWS, OFI_WINDOWS } from '../frame/level-frame';

/**
 * The 144-D episode vector's feature table (domain §3) and the default drivers (domain §5). This is
 * the one source of truth for feature names, sections, units and driver membership: the builder
 * writes the offsets below, the manifest generator (tools/dataset/export-feature-manifest.ts)
 * writes public/artifacts/feature_manifest.json from this table, and the specs check both.
 */
export const VECTOR_DIMENSION = 144;
/** Frames of micro-history (section C). */
export const MICRO_FRAMES = 5;
/** Frames of the trajectory basis window (section F): 40 × 30 s = 20 min. */
export const DCT_FRAMES = 40;
/** DCT coefficients kept per series (section F). */
export const DCT_COEFFICIENTS = 8;

export const SECTION_IDS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface SectionDef {
  readonly id: SectionId;
  readonly name: string;
  /** First index (inclusive). */
  readonly start: number;
  /** Last index (inclusive). */
  readonly end: number;
}

export const SECTIONS: readonly SectionDef[] = [
  { id: 'A', name: 'Context & Regime', start: 0, end: 24 },
  { id: 'B', name: 'Multi-Scale Dynamics', start: 25, end: 61 },
  { id: 'C', name: 'Micro-History', start: 62, end: 96 },
  { id: 'D', name: 'Derived Physics', start: 97, end: 107 },
  { id: 'E', name: 'Online Trends', start: 108, end: 111 },
  { id: 'F', name: 'Trajectory Basis', start: 112, end: 143 },
];

/** Section start offsets, for the builder. */
export const OFFSET = { A: 0, B: 25, C: 62, D: 97, E: 108, F: 112 } as const;

export interface FeatureDef {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

const f = (name: string, unit: string, description: string): FeatureDef => ({
  name,
  unit,
  description,
});

const SECTION_A: readonly FeatureDef[] = [
  f('minutes_since_open', 'min', 'Minutes since the 09:30 ET open.'),
  f(
    'bars_since_open',
    'count',
    'Completed 1-min bars since the open (floor of minutes_since_open).',
  ),
  f('atr', 'pt', '14-period mean true range of 1-min bars.'),
  f('or_active', 'flag', '1 once the opening range is complete (minutes ≥ 15), else 0.'),
  f('level_stacking_2pt', 'count', 'Other active levels within 2 points.'),
  f('level_stacking_5pt', 'count', 'Other active levels within 5 points.'),
  f('level_stacking_10pt', 'count', 'Other active levels within 10 points.'),
  f('dist_to_pm_high_atr', 'atr', '(spot − PM high)/atr; 0 when inactive.'),
  f('dist_to_pm_low_atr', 'atr', '(spot − PM low)/atr; 0 when inactive.'),
  f('dist_to_or_high_atr', 'atr', '(spot − OR high)/atr; 0 when inactive.'),
  f('dist_to_or_low_atr', 'atr', '(spot − OR low)/atr; 0 when inactive.'),
  f('dist_to_sma_90_atr', 'atr', '(spot − SMA 90)/atr; 0 when inactive.'),
  f('dist_to_ema_20_atr', 'atr', '(spot − EMA 20)/atr; 0 when inactive.'),
  f('prior_touches', 'count', 'Earlier touches of this level today.'),
  f('attempt_index', 'count', 'Attempt number within the current touch cluster.'),
  f('time_since_last_touch_sec', 's', 'Seconds since the last touch (900 when none).'),
  f('gamma_exposure', 'gex', 'Dealer gamma within 15 pts of the level.'),
  f('fuel_effect_encoded', 'code', 'Dealer fuel effect: AMPLIFY +1, NEUTRAL 0, DAMPEN −1.'),
  f('gex_ratio', 'ratio', '(gamma above − below)/(|above| + |below| + ε).'),
  f('gex_asymmetry', 'gex', 'Gamma above − below within 15 pts.'),
  f('net_gex_2strike', 'gex', 'Net dealer gamma within 15 pts.'),
  f('gex_above_1strike', 'gex', 'Dealer gamma 5 pts above the level.'),
  f('gex_below_1strike', 'gex', 'Dealer gamma 5 pts below the level.'),
  f('call_gex_above_2strike', 'gex', 'Call dealer gamma within 10 pts above the level.'),
  f('put_gex_below_2strike', 'gex', 'Put dealer gamma within 10 pts below the level.'),
];

const SECTION_B: readonly FeatureDef[] = [
  ...KINEMATIC_WINDOWS.map((w) =>
    f(
      `velocity_${w}min`,
      'pt/s',
      `Velocity of the level-frame position over ${w} min (OLS slope).`,
    ),
  ),
  ...KINEMATIC_WINDOWS.map((w) =>
    f(`acceleration_${w}min`, 'pt/s²', `Acceleration of the level-frame position over ${w} min.`),
  ),
  ...KINEMATIC_WINDOWS.map((w) =>
    f(`jerk_${w}min`, 'pt/s³', `Jerk of the level-frame position over ${w} min.`),
  ),
  ...MOMENTUM_WINDOWS.map((w) =>
    f(
      `momentum_trend_${w}min`,
      'share',
      `Bars toward the level minus bars away, share of ${w} min.`,
    ),
  ),
  ...OFI_WINDOWS.map((w) =>
    f(`ofi_${w}s`, 'contracts', `Order-flow imbalance over ${w} s (buy positive).`),
  ),
  ...OFI_WINDOWS.map((w) =>
    f(`ofi_near_level_${w}s`, 'contracts', `Mean OFI per update near the level over ${w} s.`),
  ),
  f('ofi_acceleration', 'contracts/s', 'ofi_30s/30 − ofi_120s/120.'),
  f('barrier_delta_1min', 'contracts', 'Barrier depth change over 1 min.'),
  f('barrier_delta_3min', 'contracts', 'Barrier depth change over 3 min.'),
  f('barrier_delta_5min', 'contracts', 'Barrier depth change over 5 min.'),
  f('approach_velocity', 'pt/min', 'Points per minute toward the level over 10 min.'),
  f('approach_bars', 'count', 'Consecutive 1-min closes toward the level.'),
  f('approach_distance_atr', 'atr', 'Distance covered in the last 10 min / atr.'),
];

/** The seven micro-history series, in vector order (feature-major). */
export const MICRO_SERIES: readonly FeatureDef[] = [
  f('distance_signed_atr', 'atr', 'Signed distance to the level.'),
  f('tape_imbalance', 'ratio', 'Tape imbalance near the level.'),
  f('tape_velocity', 'pt/s', 'Slope of trade prices.'),
  f('ofi_60s', 'contracts', 'Order-flow imbalance over 60 s.'),
  f(
    'barrier_delta_liq_log',
    'log contracts',
    'sign(x)·ln(1+|x|) of the 4-min barrier depth change.',
  ),
  f('wall_ratio_log', 'log ratio', 'ln(max(wall_ratio, 1e−6)).'),
  f('gamma_exposure', 'gex', 'Dealer gamma near the level.'),
];

/** Suffix of micro-history slot j (0 = oldest = t−4 frames, 4 = current frame). */
export function microSlotLabel(slot: number): string {
  const lag = MICRO_FRAMES - 1 - slot;
  return lag === 0 ? 't0' : `t-${lag}`;
}

const SECTION_C: readonly FeatureDef[] = MICRO_SERIES.flatMap((s) =>
  Array.from({ length: MICRO_FRAMES }, (_, slot) =>
    f(
      `micro_${s.name}_${microSlotLabel(slot)}`,
      s.unit,
      `${s.description} ${slot === MICRO_FRAMES - 1 ? 'Current frame.' : `${MICRO_FRAMES - 1 - slot} frame(s) (30 s each) before the current one.`}`,
    ),
  ),
);

const SECTION_D: readonly FeatureDef[] = [
  f('predicted_accel', 'pt/s²', '0.01·force/mass.'),
  f('accel_residual', 'pt/s²', 'acceleration_1min − predicted_accel.'),
  f(
    'force_mass_ratio',
    'ratio',
    'force/mass, force = 10·tape_imbalance + ofi_60s/100, mass = max(|barrier_delta_liq|, 1).',
  ),
  f('mass_proxy', 'log contracts', 'ln(1 + |barrier_depth_current|).'),
  f('force_proxy', 'contracts', 'ofi_60s/(mass_proxy + 1e−6).'),
  f(
    'barrier_state_encoded',
    'code',
    'VACUUM −2, CONSUMED −1.5, WEAK −1, NEUTRAL 0, ABSORPTION +1, WALL +2.',
  ),
  f('barrier_replenishment_ratio', 'ratio', 'Depth increases / decreases over 4 min.'),
  f('sweep_detected', 'flag', '1 when a sweep was detected in the last 60 s.'),
  f('tape_log_ratio', 'log ratio', 'ln((buy + 1)/(sell + 1)).'),
  f('tape_log_total', 'log contracts', 'ln(buy + sell + 2).'),
  f(
    'flow_alignment',
    'contracts',
    'ofi_60s·dir_sign (flow pushing through the level is positive).',
  ),
];

const SECTION_E: readonly FeatureDef[] = [
  f(
    'barrier_replenishment_trend',
    'ratio',
    "Replenishment ratio now − at the cluster's first attempt.",
  ),
  f(
    'barrier_delta_liq_trend',
    'contracts',
    "Barrier depth change now − at the cluster's first attempt.",
  ),
  f('tape_velocity_trend', 'pt/s', "Tape velocity now − at the cluster's first attempt."),
  f('tape_imbalance_trend', 'ratio', "Tape imbalance now − at the cluster's first attempt."),
];

/** The four DCT series, in vector order. */
export const DCT_SERIES: readonly FeatureDef[] = [
  f('distance', 'atr', 'distance_signed_atr'),
  f('ofi_60s', 'contracts', 'ofi_60s'),
  f('barrier_delta_liq_log', 'log contracts', 'barrier_delta_liq_log'),
  f('tape_imbalance', 'ratio', 'tape_imbalance'),
];

const SECTION_F: readonly FeatureDef[] = DCT_SERIES.flatMap((s) =>
  Array.from({ length: DCT_COEFFICIENTS }, (_, k) =>
    f(
      `dct_${s.name}_k${k}`,
      s.unit,
      `Orthonormal DCT-II coefficient ${k} of ${s.description} over the last ${DCT_FRAMES} frames (20 min).${k === 0 ? ' Proportional to the mean.' : ''}`,
    ),
  ),
);

/** All 144 features in vector order. */
export const FEATURES: readonly FeatureDef[] = [
  ...SECTION_A,
  ...SECTION_B,
  ...SECTION_C,
  ...SECTION_D,
  ...SECTION_E,
  ...SECTION_F,
];

/** Index of a feature by name; throws for an unknown name. */
export function featureIndex(name: string): number {
  const i = FEATURE_INDEX.get(name);
  if (i === undefined) throw new RangeError(`unknown feature: ${name}`);
  return i;
}
const FEATURE_INDEX: ReadonlyMap<string, number> = new Map(FEATURES.map((d, i) => [d.name, i]));
