import { ReadingExpr } from './driver-reading';
import { featureIndex } from './feature-table';

/**
 * The default drivers of domain §5 — the players of the attribution — with their trader
 * descriptions, their features (index ranges of the 144-D vector, feature-table.ts) and the
 * readings their strength bars show.
 */
export interface DriverDef {
  readonly name: string;
  readonly description: string;
  /** Inclusive [from, to] index ranges of the driver's features. */
  readonly ranges: readonly (readonly [number, number])[];
  readonly reading: ReadingExpr;
}

const feature = (name: string, sign: 1 | -1 = 1): ReadingExpr => ({
  kind: 'feature',
  index: featureIndex(name),
  sign,
});
const times = (a: ReadingExpr, b: ReadingExpr): ReadingExpr => ({ kind: 'product', args: [a, b] });
const DIR: ReadingExpr = { kind: 'dir_sign' };

/** Low-frequency ("trend") and higher-frequency ("chop") DCT coefficients of the distance path. */
const TREND_COEFFICIENTS = [1, 2].map((k) => featureIndex(`dct_distance_k${k}`));
const ALL_SHAPE_COEFFICIENTS = [1, 2, 3, 4, 5, 6, 7].map((k) => featureIndex(`dct_distance_k${k}`));

/** The default drivers of domain §5 with their trader descriptions and readings. */
export const DEFAULT_DRIVERS: readonly DriverDef[] = [
  {
    name: 'Very Close Approach',
    description:
      'Price is right at the level: the closer it is, the more the next move decides it.',
    ranges: [
      [61, 61],
      [62, 66],
      [112, 112],
    ],
    reading: { kind: 'neg', arg: { kind: 'abs', arg: feature('micro_distance_signed_atr_t0') } },
  },
  {
    name: 'Clean Setup',
    description: 'The last 20 minutes moved in a clean line rather than chopping around.',
    ranges: [[113, 119]],
    // Share of the path's shape energy in the two lowest DCT coefficients (k1, k2) out of k1…k7:
    // near 1 for a straight or smoothly curving path, lower when the path zig-zags.
    reading: {
      kind: 'ratio',
      num: { kind: 'sum_squares', indices: TREND_COEFFICIENTS },
      den: {
        kind: 'sum',
        args: [
          { kind: 'sum_squares', indices: ALL_SHAPE_COEFFICIENTS },
          { kind: 'const', value: 1e-9 },
        ],
      },
    },
  },
  {
    name: 'Approach Momentum',
    description: 'How fast and how steadily price has been travelling toward the level.',
    ranges: [
      [25, 46],
      [59, 60],
    ],
    reading: feature('approach_velocity'),
  },
  {
    name: 'Order Flow',
    description: 'Net aggressive order flow pushing through the level (positive) or away from it.',
    ranges: [
      [47, 54],
      [77, 81],
      [101, 101],
      [107, 107],
      [120, 127],
    ],
    reading: feature('flow_alignment'),
  },
  {
    name: 'Flow Acceleration',
    description: 'Order flow toward the level is speeding up compared with the last two minutes.',
    ranges: [[55, 55]],
    reading: times(feature('ofi_acceleration'), DIR),
  },
  {
    name: 'Tape Aggression',
    description:
      'Trades printing at the level are lifting offers (or hitting bids) in the direction of the break.',
    ranges: [
      [67, 76],
      [104, 106],
      [136, 143],
    ],
    reading: times(feature('micro_tape_imbalance_t0'), DIR),
  },
  {
    name: 'Barrier Weakness',
    description:
      'Resting liquidity at the level is being pulled or consumed rather than replenished.',
    ranges: [
      [56, 58],
      [82, 91],
      [100, 100],
      [102, 103],
      [128, 135],
    ],
    // −barrier_delta_liq, read through its signed log (a monotone transform: same percentiles).
    reading: feature('micro_barrier_delta_liq_log_t0', -1),
  },
  {
    name: 'Dealer Short Gamma',
    description: 'Dealers are short gamma near the level and must chase the move, adding fuel.',
    ranges: [
      [16, 18],
      [20, 20],
      [92, 96],
    ],
    reading: feature('gamma_exposure', -1),
  },
  {
    name: 'Gamma Walls',
    description: 'Dealer gamma sitting just beyond the level that can absorb a break.',
    ranges: [
      [19, 19],
      [21, 24],
    ],
    // Gamma on the far side of the level: above it when approaching from below, below it otherwise.
    reading: {
      kind: 'by_direction',
      up: feature('gex_above_1strike'),
      down: feature('gex_below_1strike'),
    },
  },
  {
    name: 'Level Confluence',
    description: 'Other key levels stacked close to this one.',
    ranges: [[4, 12]],
    reading: feature('level_stacking_5pt'),
  },
  {
    name: 'Touch History',
    description: 'How many times the level has been tested in this cluster and today.',
    ranges: [[13, 15]],
    reading: feature('attempt_index'),
  },
  {
    name: 'Session Timing',
    description: 'Where we are in the morning session.',
    ranges: [
      [0, 1],
      [3, 3],
    ],
    reading: feature('minutes_since_open'),
  },
  {
    name: 'Volatility Regime',
    description: 'How much the market is moving per minute (ATR).',
    ranges: [[2, 2]],
    reading: feature('atr'),
  },
  {
    name: 'Force Balance',
    description: 'Aggressive force (tape and flow) against the mass of resting liquidity.',
    ranges: [[97, 99]],
    reading: feature('force_mass_ratio'),
  },
  {
    name: 'Persistence Trends',
    description: 'Tape and barrier behaviour getting stronger or weaker across repeated attempts.',
    ranges: [[108, 111]],
    reading: feature('tape_imbalance_trend'),
  },
];

/** The default driver of each feature index (from {@link DEFAULT_DRIVERS}); '' if none. */
export function defaultDriverOf(index: number): string {
  const owners = DEFAULT_DRIVERS.filter((d) => d.ranges.some(([a, b]) => index >= a && index <= b));
  return owners.length === 1 ? owners[0].name : '';
}
