/**
 * Sessions simulated in memory for the analysis tests: `simulateMarketDay` with a `SimParams`
 * override (planted effects made larger so that a few days have the power to show them), frames
 * built exactly as `npm run simulate` writes them, and rows built as the simulator-folder loader
 * builds them. Returns a `LoadedInput` the analyses take in place of `--data`.
 */
import { buildLevelFrames } from '../../src/domain/frames/build-level-frames';
import { easternToUtcMs, parseIsoDate } from '../../src/domain/sim/eastern-time';
import { simulateMarketDay } from '../../src/domain/sim/session-generator';
import { DEFAULT_SIM_PARAMS, type SimParams } from '../../src/domain/sim/sim-params';
import { weekdaySessions } from '../../src/domain/sim/trading-calendar';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import { compareRows, sessionAnalysisRows, type AnalysisRow, type LoadedInput } from './input';
import { parseAnalysisArgs, type AnalysisArgs } from './common';

export interface SimulatedInputOptions {
  readonly days: number;
  readonly seed: number;
  /** First session date (YYYY-MM-DD); weekdays from there. */
  readonly start: string;
  readonly params?: SimParams;
  readonly horizonMin?: number;
}

/** Frames per session as the writer numbers them (361 frame times × 4 levels). */
const FRAMES_PER_SESSION = 361 * 4;

export function simulatedInput(o: SimulatedInputOptions): LoadedInput {
  const horizonMin = o.horizonMin ?? 4;
  const params = o.params ?? DEFAULT_SIM_PARAMS;
  const rows: AnalysisRow[] = [];
  let rowsRead = 0;
  weekdaySessions(o.start, o.days).forEach((date, dayIndex) => {
    const session = simulateMarketDay(date, o.seed, { params });
    const frames = buildLevelFrames(session.day, {
      seqStart: dayIndex * FRAMES_PER_SESSION,
      movingAverageContext: true,
    });
    // The writer keeps the bars from 09:00 ET; the labels read the bars after each frame.
    const barsFrom = easternToUtcMs(parseIsoDate(date), 9, 0, 0);
    const bars = session.day.bars.filter((b) => b.t >= barsFrom);
    rowsRead += frames.length;
    rows.push(...sessionAnalysisRows(frames, bars, horizonMin));
  });
  rows.sort(compareRows);
  return {
    kind: 'simulator',
    rows,
    rowsRead,
    bad: { count: 0, reasons: {}, examples: [] },
    inputHash: `simulated:${o.seed}:${o.start}:${o.days}`,
    horizonMin,
    featuresPresent: VECTOR_DIMENSION,
  };
}

/** DEFAULT_SIM_PARAMS with some propensity fields replaced (new fields keep their defaults). */
export function withPropensity(
  changes: Partial<SimParams['propensity']>,
  base: SimParams = DEFAULT_SIM_PARAMS,
): SimParams {
  return { ...base, propensity: { ...base.propensity, ...changes } };
}

/**
 * The planted-effects design of tools/analysis/planted-effects.test.ts (and of
 * planted-effects-sweep.ts, which runs it over many seeds). Dataset A: T30_60 has the highest
 * session offset, dealer short gamma × order flow is planted at 1.5 (default 0.3), lows approached
 * from below break much less (−1 instead of −0.3). Dataset B, same seed and dates: T60_120 has the
 * highest offset and the gamma × flow coefficient is 0.
 */
export const PLANTED_DESIGN = {
  days: 18,
  start: '2025-03-03',
  /** The planted hypothesised pair, and the hypothesised pairs nothing is planted for. */
  planted: 'gamma_exposure_x_order_flow',
  unplanted: ['sigma_s_x_proximity', 'sigma_d_x_gamma_exposure', 'level_stacking_x_gamma_walls'],
  a: {
    highest: 'T30_60',
    params: withPropensity({
      sessionOffset: { T0_15: -0.3, T15_30: -0.3, T30_60: 1.5, T60_120: -0.3, T120_180: -0.3 },
      shortGammaXFlow: 1.5,
      kindDirection: {
        ...DEFAULT_SIM_PARAMS.propensity.kindDirection,
        'PM_LOW:UP': -1,
        'OR_LOW:UP': -1,
      },
    }),
  },
  b: {
    highest: 'T60_120',
    params: withPropensity({
      sessionOffset: { T0_15: -0.3, T15_30: -0.3, T30_60: -0.3, T60_120: 1.5, T120_180: -0.3 },
      shortGammaXFlow: 0,
      kindDirection: {
        ...DEFAULT_SIM_PARAMS.propensity.kindDirection,
        'PM_LOW:UP': -1,
        'OR_LOW:UP': -1,
      },
    }),
  },
} as const;

/** Analysis flags of the design: run seed 3, 499 permutations, no progress bars. */
export const PLANTED_ARGS: AnalysisArgs = parseAnalysisArgs(
  ['--data', '(simulated in memory)', '--seed', '3', '--permutations', '499', '--quiet'],
  '/dev/null',
);
