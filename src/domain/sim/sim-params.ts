import { LevelKind, Direction } from '../frame/level-frame';

/** Version of the generator's dynamics; bump whenever outputs for a seed change. */
export const GENERATOR_VERSION = 'es-session-sim/3.0.0';

/** Time bucket of §1 for minutes since the open. */
export type TimeBucket = 'T0_15' | 'T15_30' | 'T30_60' | 'T60_120' | 'T120_180';

export function timeBucketOf(minutesSinceOpen: number): TimeBucket {
  if (minutesSinceOpen < 15) return 'T0_15';
  if (minutesSinceOpen < 30) return 'T15_30';
  if (minutesSinceOpen < 60) return 'T30_60';
  if (minutesSinceOpen < 120) return 'T60_120';
  return 'T120_180';
}

/**
 * The generator's planted effects. The in-zone drift is ν = shrink(bucket)·z with
 * z = base + kindDirection + Σ coefficient·cause + interactions + session offset + hidden.
 */
export interface PropensityParams {
  readonly base: number;
  readonly kindDirection: Readonly<Record<`${LevelKind}:${Direction}`, number>>;
  readonly sessionOffset: Readonly<Record<TimeBucket, number>>;
  /** Multiplies the whole drift: < 1 makes a bucket less predictable. */
  readonly shrink: Readonly<Record<TimeBucket, number>>;
  readonly cleanSetup: number;
  readonly orderFlow: number;
  readonly flowAcceleration: number;
  readonly tapeAggression: number;
  readonly barrierWeakness: number;
  readonly dealerShortGamma: number;
  readonly touchHistory: number;
  readonly volatilityRegime: number;
  /** Interaction: flow acceleration × barrier weakness. */
  readonly flowAccelerationXBarrier: number;
  /** Interaction: dealer short gamma × order flow (short dealers chase the flow). */
  readonly shortGammaXFlow: number;
  /** Standard deviation of the hidden conviction term per bucket. */
  readonly hiddenSd: Readonly<Record<TimeBucket, number>>;
  /** Reference distance (ATR) of the attribution baseline. */
  readonly referenceDistanceAtr: number;
  /** Reference ATR (points) for the volatility cause ln(atr/ref). */
  readonly referenceAtr: number;
}

export interface SimParams {
  readonly propensity: PropensityParams;
  /** Share of days that trend away from the levels. */
  readonly trendDayShare: number;
  /** Drift (ATR units, same scale as ν) pulling price toward the nearest level from outside the zone. */
  readonly magnet: number;
  /** Persistence times (seconds) of the causes, used by the truth's horizon means. */
  readonly tauFlow: number;
  readonly tauFlowAcceleration: number;
  readonly tauTape: number;
  readonly tauBarrier: number;
  readonly tauHidden: number;
}

const kd = (low: number, highDown: number): Record<`${LevelKind}:${Direction}`, number> => ({
  'PM_HIGH:UP': 0,
  'PM_HIGH:DOWN': highDown,
  'PM_LOW:UP': low,
  'PM_LOW:DOWN': 0,
  'OR_HIGH:UP': 0,
  'OR_HIGH:DOWN': highDown,
  'OR_LOW:UP': low,
  'OR_LOW:DOWN': 0,
  'SMA_90:UP': 0,
  'SMA_90:DOWN': 0,
  'EMA_20:UP': 0,
  'EMA_20:DOWN': 0,
});

export const DEFAULT_SIM_PARAMS: SimParams = {
  propensity: {
    base: 0.4,
    kindDirection: kd(-0.3, -0.1),
    sessionOffset: { T0_15: -0.1, T15_30: 0, T30_60: 0.35, T60_120: -0.1, T120_180: -0.25 },
    shrink: { T0_15: 0.4, T15_30: 1, T30_60: 1, T60_120: 1, T120_180: 1 },
    cleanSetup: 0.35,
    orderFlow: 0.8,
    flowAcceleration: 0.3,
    tapeAggression: 0.5,
    barrierWeakness: 0.65,
    dealerShortGamma: 0.3,
    touchHistory: 0.2,
    volatilityRegime: 0.5,
    flowAccelerationXBarrier: 0.3,
    shortGammaXFlow: 0.6,
    hiddenSd: { T0_15: 0.4, T15_30: 0.15, T30_60: 0.15, T60_120: 0.15, T120_180: 0.15 },
    referenceDistanceAtr: 1,
    referenceAtr: 2.7,
  },
  trendDayShare: 0.12,
  magnet: 0.6,
  tauFlow: 480,
  tauFlowAcceleration: 30,
  tauTape: 360,
  tauBarrier: 360,
  tauHidden: 300,
};
