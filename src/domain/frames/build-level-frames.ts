import { Direction, dirSign, LEVEL_FRAME_SCHEMA, LevelFrame, LevelKind } from '../frame/level-frame';
import { MarketDay } from '../market/market-day';
import { AtrTrack } from './atr';
import { BarrierCalculator } from './barrier';
import { DealerGammaCalculator, gammaAroundLevel } from './dealer-gamma';
import { KinematicsCalculator } from './kinematics';
import { CORE_LEVEL_KINDS, LevelState, LevelTrack, movingAverageLevels, MOVING_AVERAGE_KINDS, openingRangeLevels, premarketLevels } from './levels';
import { OrderFlowCalculator } from './order-flow';
import { PriceSeries } from './price-series';
import { FRAME_STEP_MS, FRAMES_PER_LEVEL, frameTimeMs, sessionClock } from './session-clock';
import { TapeCalculator } from './tape';
import { TouchTracker } from './touch-memory';

export interface BuildLevelFramesOptions {
  /** seq of the first frame (default 0); each later frame adds 1. */
  readonly seqStart?: number;
  /** Also emit SMA_90 and EMA_20 frames and fill dist_to_sma_90_atr / dist_to_ema_20_atr. */
  readonly includeMovingAverages?: boolean;
  /**
   * Compute SMA_90 and EMA_20 as context only: fill dist_to_sma_90_atr / dist_to_ema_20_atr and
   * count them in level stacking, but emit frames for the four core levels only.
   */
  readonly movingAverageContext?: boolean;
}

/** Stacking radii, points. */
const STACKING_PTS = [2, 5, 10] as const;

/** The four values the cluster trends compare with the cluster's first attempt. */
interface TrendSource {
  readonly replenishment: Float64Array;
  readonly deltaLiq: Float64Array;
  readonly tapeVelocity: Float64Array;
  readonly tapeImbalance: Float64Array;
}

/**
 * Turns one session of raw market data into `level-frame/1` frames: every 30 s from 09:30:00 to
 * 12:30:00 ET (361 times), one frame per level in the fixed order PM_HIGH, PM_LOW, OR_HIGH,
 * OR_LOW (then SMA_90, EMA_20 when asked), `seq` strictly increasing from `seqStart`. Every
 * field of the frame at t is computed from data at or before t only; docs/frame-fields.md
 * describes each field, its unit, window and fallbacks.
 */
export function buildLevelFrames(day: MarketDay, options: BuildLevelFramesOptions = {}): LevelFrame[] {
  const clock = sessionClock(day.openMs);
  const lastFrameMs = frameTimeMs(day.openMs, FRAMES_PER_LEVEL - 1);
  const series = new PriceSeries(clock.premarketStartMs, day.bars, lastFrameMs);
  const atrTrack = new AtrTrack(series);
  const kinematics = new KinematicsCalculator(series);
  const orderFlow = new OrderFlowCalculator(day.quotes);
  const tape = new TapeCalculator(day.trades);
  const barrier = new BarrierCalculator(day.depth);
  const gamma = new DealerGammaCalculator(day.optionTrades, day.impliedVol, clock.expiryMs);

  const pm = premarketLevels(series, clock);
  const or = openingRangeLevels(series, clock);
  const tracks: LevelTrack[] = [pm.high, pm.low, or.high, or.low];
  if (options.includeMovingAverages || options.movingAverageContext) {
    const ma = movingAverageLevels(series);
    tracks.push(ma.sma, ma.ema);
  }
  const emittedTracks = options.includeMovingAverages ? tracks.length : CORE_LEVEL_KINDS.length;
  const touches = tracks.map((track) => new TouchTracker(track, series, atrTrack, day.openMs));
  const trendSources: TrendSource[] = tracks.map(() => ({
    replenishment: new Float64Array(FRAMES_PER_LEVEL),
    deltaLiq: new Float64Array(FRAMES_PER_LEVEL),
    tapeVelocity: new Float64Array(FRAMES_PER_LEVEL),
    tapeImbalance: new Float64Array(FRAMES_PER_LEVEL),
  }));

  const frames: LevelFrame[] = [];
  let seq = options.seqStart ?? 0;
  for (let k = 0; k < FRAMES_PER_LEVEL; k++) {
    const tMs = frameTimeMs(day.openMs, k);
    const ts = new Date(tMs).toISOString();
    const spot = series.priceAt(tMs);
    const atr = atrTrack.atrAt(tMs);
    const states = tracks.map((track) => track.at(tMs));
    const distances = distancesAt(tracks, states, spot, atr);
    const kin = kinematics.at(tMs);
    const ofi = orderFlow.sumsAt(tMs);
    const window = tape.windowAt(tMs);
    const tapeVelocity = finite(tape.velocity(window.from, window.to));
    const profile = gamma.profileAt(tMs, spot);

    for (let li = 0; li < emittedTracks; li++) {
      const kind = tracks[li].kind;
      const { price: level, active } = states[li];
      const direction: Direction = spot < level ? 'UP' : 'DOWN';
      const sign = dirSign(direction);
      const stacking = STACKING_PTS.map(
        (pts) => states.filter((s, j) => j !== li && s.active && Math.abs(s.price - level) <= pts + 1e-9).length,
      );
      const near = orderFlow.nearLevelMeansAt(tMs, level);
      const tapeHere = tape.nearLevel(window.from, window.to, level);
      const bar = barrier.at(tMs, level, direction);
      const gex = gammaAroundLevel(profile, level, atr);
      const touch = touches[li].advanceTo(tMs);

      const src = trendSources[li];
      src.replenishment[k] = bar.replenishmentRatio;
      src.deltaLiq[k] = bar.deltaLiq;
      src.tapeVelocity[k] = tapeVelocity;
      src.tapeImbalance[k] = tapeHere.imbalance;
      // The cluster's first attempt is read from the first frame at or after its first touch.
      const ref = touch.clusterStartMs === null ? k : Math.min(k, Math.ceil((touch.clusterStartMs - day.openMs) / FRAME_STEP_MS));
      const trend = (values: Float64Array): number => finite(values[k] - values[Math.max(0, ref)]);

      frames.push({
        schema: LEVEL_FRAME_SCHEMA,
        seq: seq++,
        ts,
        session_date: day.sessionDate,
        minutes_since_open: k / 2,

        level_kind: kind,
        level_price: level,
        level_active: active,
        direction,

        spot,
        atr,

        distance_signed_atr: finite((spot - level) / atr),
        dist_to_pm_high_atr: distances.pmHigh,
        dist_to_pm_low_atr: distances.pmLow,
        dist_to_or_high_atr: distances.orHigh,
        dist_to_or_low_atr: distances.orLow,
        dist_to_sma_90_atr: distances.sma90,
        dist_to_ema_20_atr: distances.ema20,
        level_stacking_2pt: stacking[0],
        level_stacking_5pt: stacking[1],
        level_stacking_10pt: stacking[2],

        velocity_1min: finite(sign * kin.velocity[0]),
        velocity_2min: finite(sign * kin.velocity[1]),
        velocity_3min: finite(sign * kin.velocity[2]),
        velocity_5min: finite(sign * kin.velocity[3]),
        velocity_10min: finite(sign * kin.velocity[4]),
        velocity_20min: finite(sign * kin.velocity[5]),
        acceleration_1min: finite(sign * kin.acceleration[0]),
        acceleration_2min: finite(sign * kin.acceleration[1]),
        acceleration_3min: finite(sign * kin.acceleration[2]),
        acceleration_5min: finite(sign * kin.acceleration[3]),
        acceleration_10min: finite(sign * kin.acceleration[4]),
        acceleration_20min: finite(sign * kin.acceleration[5]),
        jerk_1min: finite(sign * kin.jerk[0]),
        jerk_2min: finite(sign * kin.jerk[1]),
        jerk_3min: finite(sign * kin.jerk[2]),
        jerk_5min: finite(sign * kin.jerk[3]),
        jerk_10min: finite(sign * kin.jerk[4]),
        jerk_20min: finite(sign * kin.jerk[5]),
        momentum_trend_3min: finite(sign * kin.momentum[0]),
        momentum_trend_5min: finite(sign * kin.momentum[1]),
        momentum_trend_10min: finite(sign * kin.momentum[2]),
        momentum_trend_20min: finite(sign * kin.momentum[3]),

        approach_velocity: finite((sign * kin.change10min) / 10),
        approach_bars: sign === 1 ? kin.risingMinutes : kin.fallingMinutes,
        approach_distance_atr: finite((sign * kin.change10min) / atr),

        ofi_30s: finite(ofi[0]),
        ofi_60s: finite(ofi[1]),
        ofi_120s: finite(ofi[2]),
        ofi_300s: finite(ofi[3]),
        ofi_near_level_30s: finite(near[0]),
        ofi_near_level_60s: finite(near[1]),
        ofi_near_level_120s: finite(near[2]),
        ofi_near_level_300s: finite(near[3]),
        ofi_acceleration: finite(ofi[0] / 30 - ofi[2] / 120),

        tape_buy_vol: finite(tapeHere.buyVolume),
        tape_sell_vol: finite(tapeHere.sellVolume),
        tape_imbalance: finite(tapeHere.imbalance),
        tape_velocity: tapeVelocity,
        sweep_detected: tapeHere.sweep,

        barrier_depth_current: finite(bar.depthCurrent),
        barrier_delta_1min: finite(bar.deltas[0]),
        barrier_delta_3min: finite(bar.deltas[1]),
        barrier_delta_5min: finite(bar.deltas[2]),
        barrier_delta_liq: finite(bar.deltaLiq),
        barrier_replenishment_ratio: finite(bar.replenishmentRatio),
        wall_ratio: finite(bar.wallRatio),
        barrier_state: bar.state,

        gamma_exposure: finite(gex.gammaExposure),
        fuel_effect: gex.fuelEffect,
        gex_above_1strike: finite(gex.gexAbove1Strike),
        gex_below_1strike: finite(gex.gexBelow1Strike),
        call_gex_above_2strike: finite(gex.callGexAbove2Strike),
        put_gex_below_2strike: finite(gex.putGexBelow2Strike),
        gex_asymmetry: finite(gex.gexAsymmetry),
        gex_ratio: finite(gex.gexRatio),
        net_gex_2strike: finite(gex.netGex2Strike),

        prior_touches: touch.priorTouches,
        attempt_index: touch.attemptIndex,
        time_since_last_touch_sec: touch.timeSinceLastTouchSec,

        barrier_replenishment_trend: trend(src.replenishment),
        barrier_delta_liq_trend: trend(src.deltaLiq),
        tape_velocity_trend: trend(src.tapeVelocity),
        tape_imbalance_trend: trend(src.tapeImbalance),
      });
    }
  }
  return frames;
}

interface LevelDistances {
  readonly pmHigh: number | null;
  readonly pmLow: number | null;
  readonly orHigh: number | null;
  readonly orLow: number | null;
  readonly sma90: number | null;
  readonly ema20: number | null;
}

/** (spot − level)/atr of every level kind; null when the level is not built or not active. */
function distancesAt(tracks: readonly LevelTrack[], states: readonly LevelState[], spot: number, atr: number): LevelDistances {
  const of = (kind: LevelKind): number | null => {
    const i = tracks.findIndex((track) => track.kind === kind);
    return i >= 0 && states[i].active ? finite((spot - states[i].price) / atr) : null;
  };
  return { pmHigh: of('PM_HIGH'), pmLow: of('PM_LOW'), orHigh: of('OR_HIGH'), orLow: of('OR_LOW'), sma90: of('SMA_90'), ema20: of('EMA_20') };
}

/** Non-finite intermediate results (which the guards above should already prevent) become 0. */
function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

export const LEVEL_ORDER: readonly LevelKind[] = [...CORE_LEVEL_KINDS, ...MOVING_AVERAGE_KINDS];
