/**
 * The generator's true P(BREAK | resolved within H) as a function of arbitrary player values, and
 * exact interventional Shapley values of it against any background (docs/explanations.md
 * § Validation). With the single reference point as background this is the game of the truth
 * records' `contributions_4`; with a stratum's background it is the game the product's
 * attribution plays with feature rows.
 *
 * The value function is the one of break-propensity.ts (`levelTruth`): the drift ν of the
 * engaged level's causes (latent causes at their mean over the horizon), signed for the level,
 * fed to `breakRejectChances` (break-probability.ts) with the coefficients of sim-params.ts.
 */
import type { Direction } from '../frame/level-frame';
import { breakRejectChances } from './break-probability';
import { PLANTED_PLAYERS, type PlantedPlayer } from './drivers';
import type { PlantedLevelKind, TruthRecord } from './session-generator';
import { DEFAULT_SIM_PARAMS, type SimParams, timeBucketOf } from './sim-params';
import { shapleyValues } from './shapley';

/** The cause fields of a truth record (engaged-level orientation, as recorded). */
export const CAUSE_KEYS = [
  'cleanSetup',
  'orderFlow',
  'flowAcceleration',
  'tapeAggression',
  'barrierWeakness',
  'dealerShortGamma',
  'touchHistory',
  'volatilityRegime',
  'hidden',
] as const;
export type CauseKey = (typeof CAUSE_KEYS)[number];

/**
 * Everything the generator's probability for one level at one moment depends on. Causes, the
 * constant and the session offset are in the engaged level's orientation (as the generator keeps
 * them); `driftSign` turns them into this level's (−1 when its direction differs from the
 * engagement's).
 */
export interface TruthPoint {
  /** This level's position in ATR (≤ 0). */
  readonly positionAtr: number;
  /** σ/ATR per √second. */
  readonly volPerSqrtSecAtr: number;
  readonly driftSign: 1 | -1;
  /** base + kind × direction of the engaged level. */
  readonly constant: number;
  /** The bucket's shrink of the whole drift. */
  readonly shrink: number;
  /** The bucket's session offset. */
  readonly sessionOffset: number;
  readonly causes: Readonly<Record<CauseKey, number>>;
}

/** The 4-min horizon of `contributions_4`. */
export const TRUTH_GAME_HORIZON_SEC = 240;

const N = PLANTED_PLAYERS.length;
const ix = (name: PlantedPlayer): number => PLANTED_PLAYERS.indexOf(name);
const I_VCA = ix('Very Close Approach');
const I_CS = ix('Clean Setup');
const I_OF = ix('Order Flow');
const I_FA = ix('Flow Acceleration');
const I_TA = ix('Tape Aggression');
const I_BW = ix('Barrier Weakness');
const I_DSG = ix('Dealer Short Gamma');
const I_TH = ix('Touch History');
const I_ST = ix('Session Timing');
const I_VR = ix('Volatility Regime');
const I_HID = ix('Hidden');

/** Mean of e^{−s/τ} over s ∈ [0, H] (break-propensity.ts): how much of a latent cause persists over the horizon. */
function persistence(tauSec: number, horizonSec: number): number {
  if (horizonSec <= 0) return 1;
  return (tauSec / horizonSec) * -Math.expm1(-horizonSec / tauSec);
}

/**
 * A point in level orientation: `terms[j]` is player j's additive share of the level's z (drift
 * before the shrink), `fa`, `bw`, `dsg`, `of` the level-oriented factors of the two interactions.
 */
interface LevelTerms {
  readonly terms: Float64Array;
  readonly sign: number;
  readonly shrink: number;
  readonly fa: number;
  readonly bw: number;
  readonly dsg: number;
  readonly of: number;
  readonly position: number;
  readonly vol: number;
}

function levelTerms(pt: TruthPoint, horizonSec: number, params: SimParams): LevelTerms {
  const p = params.propensity;
  const g = pt.driftSign;
  const c = pt.causes;
  const psiOf = persistence(params.tauFlow, horizonSec);
  const psiFa = persistence(params.tauFlowAcceleration, horizonSec);
  const psiTa = persistence(params.tauTape, horizonSec);
  const psiBw = persistence(params.tauBarrier, horizonSec);
  const psiHid = persistence(params.tauHidden, horizonSec);
  const terms = new Float64Array(N);
  terms[I_VCA] = g * pt.constant;
  terms[I_CS] = g * p.cleanSetup * c.cleanSetup;
  terms[I_OF] = g * p.orderFlow * c.orderFlow * psiOf;
  terms[I_FA] = g * p.flowAcceleration * c.flowAcceleration * psiFa;
  terms[I_TA] = g * p.tapeAggression * c.tapeAggression * psiTa;
  terms[I_BW] = g * p.barrierWeakness * c.barrierWeakness * psiBw;
  terms[I_DSG] = g * p.dealerShortGamma * c.dealerShortGamma;
  terms[I_TH] = g * p.touchHistory * c.touchHistory;
  terms[I_ST] = g * pt.sessionOffset;
  terms[I_VR] = g * p.volatilityRegime * c.volatilityRegime;
  terms[I_HID] = g * c.hidden * psiHid;
  return {
    terms,
    sign: g,
    shrink: pt.shrink,
    fa: g * c.flowAcceleration * psiFa,
    bw: g * c.barrierWeakness * psiBw,
    dsg: g * c.dealerShortGamma,
    of: g * c.orderFlow * psiOf,
    position: pt.positionAtr,
    vol: pt.volPerSqrtSecAtr,
  };
}

/**
 * ν of the hybrid point whose player j comes from `a` when bit j of `mask` is set, else from `b`.
 * Each player brings its level-oriented terms; the engagement's sign of the interactions belongs
 * to Very Close Approach (with the position and the constant), the shrink to Session Timing.
 */
function hybridNu(a: LevelTerms, b: LevelTerms, mask: number, params: SimParams): number {
  const p = params.propensity;
  const from = (j: number): LevelTerms => ((mask & (1 << j)) !== 0 ? a : b);
  let z = 0;
  for (let j = 0; j < N; j++) z += from(j).terms[j] ?? 0;
  const inter =
    p.flowAccelerationXBarrier * from(I_FA).fa * from(I_BW).bw +
    p.shortGammaXFlow * from(I_DSG).dsg * from(I_OF).of;
  return from(I_ST).shrink * (z + from(I_VCA).sign * inter);
}

/** The drift ν (ATR units) of a point at a horizon (latent causes at their horizon mean; 0 = as applied now). */
export function truthDrift(
  pt: TruthPoint,
  horizonSec: number,
  params: SimParams = DEFAULT_SIM_PARAMS,
): number {
  const t = levelTerms(pt, horizonSec, params);
  return hybridNu(t, t, (1 << N) - 1, params);
}

function probabilityAt(position: number, vol: number, nu: number, horizonSec: number): number {
  return breakRejectChances({
    positionAtr: position,
    driftAtr: nu,
    volPerSqrtSecAtr: vol,
    horizonSec,
  }).pBreakGivenResolved;
}

/** The generator's P(BREAK | resolved within H) at a point. */
export function truthProbability(
  pt: TruthPoint,
  horizonSec: number = TRUTH_GAME_HORIZON_SEC,
  params: SimParams = DEFAULT_SIM_PARAMS,
): number {
  return probabilityAt(
    pt.positionAtr,
    pt.volPerSqrtSecAtr,
    truthDrift(pt, horizonSec, params),
    horizonSec,
  );
}

/**
 * The recorded game's reference for a frame: 1 ATR from the level (the reference distance), every
 * cause 0, no session offset; the engagement, the bucket's shrink and σ/ATR stay the frame's.
 * As the only background row it makes `truthGame` the game of `contributions_4`.
 */
export function referencePoint(x: TruthPoint, params: SimParams = DEFAULT_SIM_PARAMS): TruthPoint {
  const causes = {} as Record<CauseKey, number>;
  for (const k of CAUSE_KEYS) causes[k] = 0;
  return {
    ...x,
    positionAtr: -params.propensity.referenceDistanceAtr,
    sessionOffset: 0,
    causes,
  };
}

export interface TruthGameOptions {
  readonly params?: SimParams;
  readonly horizonSec?: number;
  /**
   * 'table' (default): per background point, P over ν from a 40-point Catmull–Rom table (as the
   * generator's `contributions_4`), v(∅) and v(all) exact; 'exact': every coalition evaluated.
   */
  readonly evaluation?: 'table' | 'exact';
}

export interface TruthGameResult {
  /** Shapley value per player, in PLANTED_PLAYERS order (probability units). */
  readonly values: Float64Array;
  /** v(all) = the frame's true probability. */
  readonly fx: number;
  /** v(∅) = mean true probability over the background points. */
  readonly baseRate: number;
}

/**
 * Exact interventional Shapley values (all 2^11 coalitions) of the true probability:
 * v(S) = mean over background points b of P(players in S from x, the others from b).
 * Each player brings its level-oriented share of the drift (a cause's term signed for its own
 * level); Very Close Approach brings the position, the engagement (constant and the sign of the
 * interactions), Session Timing the bucket's offset and shrink, Volatility Regime ln(ATR/ref) and σ/ATR.
 */
export function truthGame(
  x: TruthPoint,
  background: readonly TruthPoint[],
  options: TruthGameOptions = {},
): TruthGameResult {
  if (background.length === 0) throw new Error('truthGame needs at least one background point');
  const params = options.params ?? DEFAULT_SIM_PARAMS;
  const horizon = options.horizonSec ?? TRUTH_GAME_HORIZON_SEC;
  const exact = options.evaluation === 'exact';
  const size = 1 << N;
  const full = size - 1;
  const tx = levelTerms(x, horizon, params);
  const values = new Float64Array(size);
  const nus = new Float64Array(size);
  const vcaBit = 1 << I_VCA;
  const vrBit = 1 << I_VR;
  const w = 1 / background.length;
  let baseRate = 0;
  for (const bp of background) {
    const tb = levelTerms(bp, horizon, params);
    let lo = Infinity;
    let hi = -Infinity;
    for (let mask = 0; mask < size; mask++) {
      const nu = hybridNu(tx, tb, mask, params);
      nus[mask] = nu;
      if (nu < lo) lo = nu;
      if (nu > hi) hi = nu;
    }
    // one table per (position, σ/ATR) pair: Very Close Approach and Volatility Regime pick them
    const tables = new Map<string, CubicGrid>();
    const tableFor = (position: number, vol: number): CubicGrid => {
      const key = `${position}|${vol}`;
      let t = tables.get(key);
      if (t === undefined) {
        t = new CubicGrid(lo, hi, 40, (nu) => probabilityAt(position, vol, nu, horizon));
        tables.set(key, t);
      }
      return t;
    };
    // v(∅) and v(all) exact; a coalition whose hybrid point is the frame or the background point
    // itself (players equal on both) takes the same exact value, so such players stay null
    const nu0 = nus[0] ?? 0;
    const nuAll = nus[full] ?? 0;
    const v0 = probabilityAt(tb.position, tb.vol, nu0, horizon);
    const vAll = probabilityAt(tx.position, tx.vol, nuAll, horizon);
    baseRate += w * v0;
    for (let mask = 0; mask < size; mask++) {
      const position = (mask & vcaBit) !== 0 ? tx.position : tb.position;
      const vol = (mask & vrBit) !== 0 ? tx.vol : tb.vol;
      const nu = nus[mask] ?? 0;
      let v: number;
      if (nu === nu0 && position === tb.position && vol === tb.vol) v = v0;
      else if (nu === nuAll && position === tx.position && vol === tx.vol) v = vAll;
      else if (exact) v = probabilityAt(position, vol, nu, horizon);
      else v = tableFor(position, vol).at(nu);
      values[mask] = (values[mask] ?? 0) + w * v;
    }
  }
  const fx = probabilityAt(tx.position, tx.vol, truthDrift(x, horizon, params), horizon);
  return { values: shapleyValues(values, N), fx, baseRate };
}

/** The fields of a truth record a point is built from. */
export type TruthRecordFields = Pick<
  TruthRecord,
  | 'minutes_since_open'
  | 'direction'
  | 'distance_signed_atr'
  | 'engaged_level_kind'
  | 'engaged_direction'
  | 'baseline_4'
  | 'causes'
>;

/**
 * The point of a truth record. The record does not hold σ/ATR; it is recovered from `baseline_4`
 * (= P at the reference distance with the constant drift only, a function of σ/ATR alone there).
 */
export function truthPointOfRecord(
  rec: TruthRecordFields,
  params: SimParams = DEFAULT_SIM_PARAMS,
): TruthPoint {
  const p = params.propensity;
  const bucket = timeBucketOf(Math.max(0, rec.minutes_since_open));
  const driftSign: 1 | -1 = rec.direction === rec.engaged_direction ? 1 : -1;
  const constant =
    p.base + p.kindDirection[kindDirection(rec.engaged_level_kind, rec.engaged_direction)];
  const shrink = p.shrink[bucket];
  const causes = {} as Record<CauseKey, number>;
  for (const k of CAUSE_KEYS) causes[k] = rec.causes[k];
  return {
    positionAtr: -Math.abs(rec.distance_signed_atr),
    volPerSqrtSecAtr: volFromBaseline(
      rec.baseline_4,
      driftSign * shrink * constant,
      -p.referenceDistanceAtr,
    ),
    driftSign,
    constant,
    shrink,
    sessionOffset: p.sessionOffset[bucket],
    causes,
  };
}

function kindDirection(kind: PlantedLevelKind, dir: Direction): `${PlantedLevelKind}:${Direction}` {
  return `${kind}:${dir}`;
}

/**
 * σ/ATR such that P(position, ν, σ/ATR, 4 min) = p. From the reference distance P rises with
 * σ/ATR (REJECT is nearer) from 0 at 0.01 (far below any session's σ/ATR, ≈ 0.03–0.3) to its
 * infinite-horizon value, so a bisection on ln σ/ATR over [0.01, 10] finds it.
 */
export function volFromBaseline(p: number, nu: number, position: number): number {
  const f = (lnVol: number): number =>
    probabilityAt(position, Math.exp(lnVol), nu, TRUTH_GAME_HORIZON_SEC) - p;
  let lo = Math.log(0.01);
  let hi = Math.log(10);
  if (f(lo) >= 0) return Math.exp(lo);
  if (f(hi) <= 0) return Math.exp(hi);
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return Math.exp(0.5 * (lo + hi));
}

/** Catmull–Rom interpolation on a uniform grid (the generator's table for `contributions_4`). */
class CubicGrid {
  private readonly ys: Float64Array;
  private readonly step: number;

  constructor(
    private readonly lo: number,
    hi: number,
    private readonly points: number,
    fn: (x: number) => number,
  ) {
    const span = Math.max(hi - lo, 1e-9);
    this.step = span / (points - 1);
    this.ys = new Float64Array(points + 2);
    for (let i = -1; i <= points; i++) this.ys[i + 1] = fn(lo + i * this.step);
  }

  at(x: number): number {
    const u = (x - this.lo) / this.step;
    const i = Math.max(0, Math.min(this.points - 2, Math.floor(u)));
    const f = u - i;
    const y0 = this.ys[i] ?? 0;
    const y1 = this.ys[i + 1] ?? 0;
    const y2 = this.ys[i + 2] ?? 0;
    const y3 = this.ys[i + 3] ?? 0;
    return (
      y1 + 0.5 * f * (y2 - y0 + f * (2 * y0 - 5 * y1 + 4 * y2 - y3 + f * (3 * (y1 - y2) + y3 - y0)))
    );
  }
}
