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
import { breakRejectChances } from './break-probability';
import { PLANTED_PLAYERS, type PlantedPlayer } from './drivers';
import { DEFAULT_SIM_PARAMS, type SimParams } from './sim-params';
import { shapleyValues } from './shapley';
import { CubicGrid } from './cubic-grid';

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
 * Causes whose value the generator takes in the engagement's orientation (es-session-sim/3.0.0:
 * order flow, flow acceleration and tape × the engagement's dir sign; barrier weakness × +1/−1 as
 * the engaged level's frame approaches in the engagement's direction or not). What a frame shows
 * of them is relative to its own level's direction, so a level whose direction differs from the
 * engagement's sees the opposite value. The others (clean setup, dealer gamma, touches, ATR, the
 * hidden conviction, the session offset) read the same whatever the direction.
 */
export const DIRECTION_SIGNED_CAUSES: readonly CauseKey[] = [
  'orderFlow',
  'flowAcceleration',
  'tapeAggression',
  'barrierWeakness',
];

/**
 * Everything the generator's probability for one level at one moment depends on. Causes, the
 * constant and the session offset are in the engaged level's orientation (as the generator keeps
 * them); `driftSign` turns them into this level's (−1 when its direction differs from the
 * engagement's, e.g. after price crossed the engaged level).
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
const I_ST = ix('Session Timing');
const I_VR = ix('Volatility Regime');
const I_FA = ix('Flow Acceleration');
const I_BW = ix('Barrier Weakness');
const I_DSG = ix('Dealer Short Gamma');
const I_OF = ix('Order Flow');
const PLAYER_OF_CAUSE: Readonly<Record<CauseKey, number>> = {
  cleanSetup: ix('Clean Setup'),
  orderFlow: I_OF,
  flowAcceleration: I_FA,
  tapeAggression: ix('Tape Aggression'),
  barrierWeakness: I_BW,
  dealerShortGamma: I_DSG,
  touchHistory: ix('Touch History'),
  volatilityRegime: I_VR,
  hidden: ix('Hidden'),
};

/** Mean of e^{−s/τ} over s ∈ [0, H] (break-propensity.ts): how much of a latent cause persists over the horizon. */
function persistence(tauSec: number, horizonSec: number): number {
  if (horizonSec <= 0) return 1;
  return (tauSec / horizonSec) * -Math.expm1(-horizonSec / tauSec);
}

/**
 * A point as its players bring it to a hybrid. With g and the constant the frame's (the
 * engagement is context, not a player), z = constant + offset + Σ_j (plain_j + g·signed_j) +
 * interactions and ν = g · shrink · z, where a direction-signed cause enters as g times its level
 * value (the value relative to its own level, driftSign · cause) and the other causes as they are.
 */
interface Contributions {
  /** Per player: its z term when not direction-signed (0 otherwise). */
  readonly plain: Float64Array;
  /** Per player: its coefficient × persistence × level value when direction-signed (0 otherwise). */
  readonly signed: Float64Array;
  /** Horizon-mean level values of the interaction factors. */
  readonly fa: number;
  readonly bw: number;
  readonly dsg: number;
  readonly of: number;
  readonly sign: number;
  readonly constant: number;
  readonly shrink: number;
  readonly position: number;
  readonly vol: number;
}

function contributionsOf(pt: TruthPoint, horizonSec: number, params: SimParams): Contributions {
  const p = params.propensity;
  const coef: Readonly<Record<CauseKey, number>> = {
    cleanSetup: p.cleanSetup,
    orderFlow: p.orderFlow * persistence(params.tauFlow, horizonSec),
    flowAcceleration: p.flowAcceleration * persistence(params.tauFlowAcceleration, horizonSec),
    tapeAggression: p.tapeAggression * persistence(params.tauTape, horizonSec),
    barrierWeakness: p.barrierWeakness * persistence(params.tauBarrier, horizonSec),
    dealerShortGamma: p.dealerShortGamma,
    touchHistory: p.touchHistory,
    volatilityRegime: p.volatilityRegime,
    hidden: persistence(params.tauHidden, horizonSec),
  };
  const g = pt.driftSign;
  const level = (k: CauseKey): number =>
    DIRECTION_SIGNED_CAUSES.includes(k) ? g * pt.causes[k] : pt.causes[k];
  const plain = new Float64Array(N);
  const signed = new Float64Array(N);
  for (const k of CAUSE_KEYS) {
    const j = PLAYER_OF_CAUSE[k];
    if (DIRECTION_SIGNED_CAUSES.includes(k)) signed[j] = coef[k] * level(k);
    else plain[j] = coef[k] * level(k);
  }
  plain[I_ST] = pt.sessionOffset;
  return {
    plain,
    signed,
    fa: level('flowAcceleration') * persistence(params.tauFlowAcceleration, horizonSec),
    bw: level('barrierWeakness') * persistence(params.tauBarrier, horizonSec),
    dsg: level('dealerShortGamma'),
    of: level('orderFlow') * persistence(params.tauFlow, horizonSec),
    sign: g,
    constant: pt.constant,
    shrink: pt.shrink,
    position: pt.positionAtr,
    vol: pt.volPerSqrtSecAtr,
  };
}

/** Whether the interaction factors are direction-signed (then a hybrid's factor is g × level value). */
const FA_SIGNED = DIRECTION_SIGNED_CAUSES.includes('flowAcceleration');
const BW_SIGNED = DIRECTION_SIGNED_CAUSES.includes('barrierWeakness');
const DSG_SIGNED = DIRECTION_SIGNED_CAUSES.includes('dealerShortGamma');
const OF_SIGNED = DIRECTION_SIGNED_CAUSES.includes('orderFlow');

/**
 * ν of every hybrid point (bit j of the index set: player j from `a`, else from `b`) into `out`,
 * in the engagement of `a` (the frame). Subset sums of the additive terms, then the interactions
 * and the shrink per coalition.
 */
function hybridNus(a: Contributions, b: Contributions, params: SimParams, out: Float64Array): void {
  const p = params.propensity;
  const size = out.length;
  const plain = new Float64Array(size);
  const signed = new Float64Array(size);
  let plain0 = 0;
  let signed0 = 0;
  for (let j = 0; j < N; j++) {
    plain0 += b.plain[j] ?? 0;
    signed0 += b.signed[j] ?? 0;
  }
  plain[0] = plain0;
  signed[0] = signed0;
  // differences first: a player equal on both sides adds exactly 0
  const dPlain = new Float64Array(N);
  const dSigned = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    dPlain[j] = (a.plain[j] ?? 0) - (b.plain[j] ?? 0);
    dSigned[j] = (a.signed[j] ?? 0) - (b.signed[j] ?? 0);
  }
  for (let mask = 1; mask < size; mask++) {
    const j = 31 - Math.clz32(mask & -mask);
    const rest = mask & (mask - 1);
    plain[mask] = (plain[rest] ?? 0) + (dPlain[j] ?? 0);
    signed[mask] = (signed[rest] ?? 0) + (dSigned[j] ?? 0);
  }
  for (let mask = 0; mask < size; mask++) {
    const g = a.sign;
    const fa = ((mask & (1 << I_FA)) !== 0 ? a : b).fa * (FA_SIGNED ? g : 1);
    const bw = ((mask & (1 << I_BW)) !== 0 ? a : b).bw * (BW_SIGNED ? g : 1);
    const dsg = ((mask & (1 << I_DSG)) !== 0 ? a : b).dsg * (DSG_SIGNED ? g : 1);
    const of = ((mask & (1 << I_OF)) !== 0 ? a : b).of * (OF_SIGNED ? g : 1);
    const shrink = ((mask & (1 << I_ST)) !== 0 ? a : b).shrink;
    const z =
      a.constant +
      (plain[mask] ?? 0) +
      g * (signed[mask] ?? 0) +
      p.flowAccelerationXBarrier * fa * bw +
      p.shortGammaXFlow * dsg * of;
    out[mask] = g * shrink * z;
  }
}

/** The drift ν (ATR units) of a point at a horizon (latent causes at their horizon mean; 0 = as applied now). */
export function truthDrift(
  pt: TruthPoint,
  horizonSec: number,
  params: SimParams = DEFAULT_SIM_PARAMS,
): number {
  const p = params.propensity;
  const c = pt.causes;
  const psi = (tau: number): number => persistence(tau, horizonSec);
  const fa = c.flowAcceleration * psi(params.tauFlowAcceleration);
  const bw = c.barrierWeakness * psi(params.tauBarrier);
  const of = c.orderFlow * psi(params.tauFlow);
  const z =
    pt.constant +
    p.cleanSetup * c.cleanSetup +
    p.orderFlow * of +
    p.flowAcceleration * fa +
    p.tapeAggression * c.tapeAggression * psi(params.tauTape) +
    p.barrierWeakness * bw +
    p.dealerShortGamma * c.dealerShortGamma +
    p.touchHistory * c.touchHistory +
    pt.sessionOffset +
    p.volatilityRegime * c.volatilityRegime +
    c.hidden * psi(params.tauHidden) +
    p.flowAccelerationXBarrier * fa * bw +
    p.shortGammaXFlow * c.dealerShortGamma * of;
  return pt.driftSign * pt.shrink * z;
}

/** P(BREAK | resolved within H) for a constant drift ν from `position` (ATR units). */
export function probabilityAt(
  position: number,
  vol: number,
  nu: number,
  horizonSec: number,
): number {
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
  /**
   * 'player' (default): Volatility Regime brings the frame's σ/ATR along with ln(ATR/ref);
   * 'context': σ/ATR is the frame's in every coalition, as in the recorded game (referencePoint
   * keeps it), and Volatility Regime brings ln(ATR/ref) alone.
   */
  readonly volatility?: 'player' | 'context';
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
 * What each player brings: Very Close Approach the position, Session Timing the bucket's offset
 * and shrink, Volatility Regime ln(ATR/ref) and σ/ATR, Hidden the conviction, every other planted
 * driver its cause — a direction-signed cause (DIRECTION_SIGNED_CAUSES) as its value relative to
 * its own level, the way a frame shows it. The engagement (which level drives price and in which
 * direction: the frame's driftSign and constant) is context, as in the recorded game: no planted
 * driver stands for it, so every hybrid point is evaluated in the frame's engagement, and v(∅) is
 * the mean over the background of P(background's player values, frame's engagement) — the
 * background points' own probability when their engagement is the frame's.
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
  const volContext = options.volatility === 'context';
  const size = 1 << N;
  const full = size - 1;
  const cx = contributionsOf(x, horizon, params);
  const values = new Float64Array(size);
  const nus = new Float64Array(size);
  const vcaBit = 1 << I_VCA;
  const vrBit = 1 << I_VR;
  const w = 1 / background.length;
  const fx = probabilityAt(cx.position, cx.vol, truthDrift(x, horizon, params), horizon);
  let baseRate = 0;
  for (const bp of background) {
    const cbOwn = contributionsOf(bp, horizon, params);
    const cb = volContext ? { ...cbOwn, vol: cx.vol } : cbOwn;
    hybridNus(cx, cb, params, nus);
    let lo = Infinity;
    let hi = -Infinity;
    for (let mask = 0; mask < size; mask++) {
      const nu = nus[mask] ?? 0;
      if (nu < lo) lo = nu;
      if (nu > hi) hi = nu;
    }
    // one table per (position, σ/ATR) pair, i.e. per (Very Close Approach, Volatility Regime) bits
    const tables: (CubicGrid | null)[] = [null, null, null, null];
    const tableFor = (slot: number, position: number, vol: number): CubicGrid => {
      let t = tables[slot] ?? null;
      if (t === null) {
        t = new CubicGrid(lo, hi, 40, (nu) => probabilityAt(position, vol, nu, horizon));
        tables[slot] = t;
      }
      return t;
    };
    // v(∅) and v(all) exact; a coalition whose hybrid point is the background point or the frame
    // itself (the players that differ all on one side) takes the same exact value, so players
    // equal on both stay exactly null
    const nu0 = nus[0] ?? 0;
    const nuAll = nus[full] ?? 0;
    const v0 = probabilityAt(cb.position, cb.vol, nu0, horizon);
    const vAll = probabilityAt(cx.position, cx.vol, nuAll, horizon);
    baseRate += w * v0;
    for (let mask = 0; mask < size; mask++) {
      const fromX = (mask & vcaBit) !== 0;
      const volX = (mask & vrBit) !== 0;
      const position = fromX ? cx.position : cb.position;
      const vol = volX ? cx.vol : cb.vol;
      const nu = nus[mask] ?? 0;
      let v: number;
      if (nu === nu0 && position === cb.position && vol === cb.vol) v = v0;
      else if (nu === nuAll && position === cx.position && vol === cx.vol) v = vAll;
      else if (exact) v = probabilityAt(position, vol, nu, horizon);
      else v = tableFor((fromX ? 2 : 0) + (volX ? 1 : 0), position, vol).at(nu);
      values[mask] = (values[mask] ?? 0) + w * v;
    }
  }
  return { values: shapleyValues(values, N), fx, baseRate };
}
