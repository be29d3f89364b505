import { Direction, LevelKind } from '../frame/level-frame';
import { breakRejectChances } from './break-probability';
import { PLANTED_PLAYERS, PlantedPlayer } from './drivers';
import { PropensityParams, SimParams, TimeBucket } from './sim-params';
import { shapleyValues } from './shapley';
import { CubicGrid } from './cubic-grid';

/**
 * The generator's cause values for the engaged level at one moment (standardised, ≈ unit scale),
 * each read off the generated data as the frames and vectors read it (planted-causes.ts) and
 * signed with the engagement's direction.
 */
export interface PropensityCauses {
  readonly levelKind: LevelKind;
  readonly direction: Direction;
  readonly bucket: TimeBucket;
  /** Logit of the manifest's Clean Setup reading (trend cleanliness of the level's last 40 frames), centred and scaled, ±3; updated on the 30-s frame grid. */
  readonly cleanSetup: number;
  /** ofi_60s / 600 × dir_sign. */
  readonly orderFlow: number;
  /** ofi_acceleration / 5 × dir_sign, ±3. */
  readonly flowAcceleration: number;
  /** 1.5 × tape_imbalance of the prints near the level over the last minute × dir_sign (0 when none). */
  readonly tapeAggression: number;
  /** −barrier_delta_liq / 500 of the side the level's frame approaches, ±3, × (−1 after price crossed the level). */
  readonly barrierWeakness: number;
  /** −(dealer gamma within 15 pts of the level at the current spot) / 25, clipped to ±3. */
  readonly dealerShortGamma: number;
  /** min(attempt_index, 8) / 2 at the last frame time. */
  readonly touchHistory: number;
  /** ln(atr / reference atr). */
  readonly volatilityRegime: number;
  /** Latent conviction, unobservable. */
  readonly hidden: number;
}

/** Additive terms of z per player (index = PLANTED_PLAYERS order) at a horizon, plus the constant and interactions. */
interface PropensityTerms {
  readonly constant: number;
  readonly shrink: number;
  readonly terms: Float64Array;
  readonly interactions: readonly (readonly [number, number, number])[];
}

const P = (name: PlantedPlayer): number => PLANTED_PLAYERS.indexOf(name);
const I_VCA = P('Very Close Approach');
const I_CS = P('Clean Setup');
const I_OF = P('Order Flow');
const I_FA = P('Flow Acceleration');
const I_TA = P('Tape Aggression');
const I_BW = P('Barrier Weakness');
const I_DSG = P('Dealer Short Gamma');
const I_TH = P('Touch History');
const I_ST = P('Session Timing');
const I_VR = P('Volatility Regime');
const I_HID = P('Hidden');
const N_PLAYERS = PLANTED_PLAYERS.length;

/** Mean of e^{−s/τ} over s ∈ [0, H]: how much of a latent cause's current value persists, on average, over the horizon. */
function persistence(tauSec: number, horizonSec: number): number {
  if (horizonSec <= 0) return 1;
  return (tauSec / horizonSec) * -Math.expm1(-horizonSec / tauSec);
}

function termsAt(
  c: PropensityCauses,
  params: SimParams,
  horizonSec: number | null,
): PropensityTerms {
  const p: PropensityParams = params.propensity;
  const psi = (tau: number): number => (horizonSec === null ? 1 : persistence(tau, horizonSec));
  const psiOf = psi(params.tauFlow);
  const psiFa = psi(params.tauFlowAcceleration);
  const psiTa = psi(params.tauTape);
  const psiBw = psi(params.tauBarrier);
  const psiHid = psi(params.tauHidden);
  const terms = new Float64Array(N_PLAYERS);
  terms[I_VCA] = 0;
  terms[I_CS] = p.cleanSetup * c.cleanSetup;
  terms[I_OF] = p.orderFlow * c.orderFlow * psiOf;
  terms[I_FA] = p.flowAcceleration * c.flowAcceleration * psiFa;
  terms[I_TA] = p.tapeAggression * c.tapeAggression * psiTa;
  terms[I_BW] = p.barrierWeakness * c.barrierWeakness * psiBw;
  terms[I_DSG] = p.dealerShortGamma * c.dealerShortGamma;
  terms[I_TH] = p.touchHistory * c.touchHistory;
  terms[I_ST] = p.sessionOffset[c.bucket];
  terms[I_VR] = p.volatilityRegime * c.volatilityRegime;
  terms[I_HID] = c.hidden * psiHid;
  const interactions: (readonly [number, number, number])[] = [
    [
      I_FA,
      I_BW,
      p.flowAccelerationXBarrier * c.flowAcceleration * psiFa * c.barrierWeakness * psiBw,
    ],
    [I_DSG, I_OF, p.shortGammaXFlow * c.dealerShortGamma * c.orderFlow * psiOf],
  ];
  return {
    constant: p.base + p.kindDirection[`${c.levelKind}:${c.direction}`],
    shrink: p.shrink[c.bucket],
    terms,
    interactions,
  };
}

function zOf(t: PropensityTerms, mask: number): number {
  let z = t.constant;
  for (let j = 0; j < N_PLAYERS; j++) if ((mask & (1 << j)) !== 0) z += t.terms[j] ?? 0;
  for (const [a, b, v] of t.interactions)
    if ((mask & (1 << a)) !== 0 && (mask & (1 << b)) !== 0) z += v;
  return t.shrink * z;
}

/** The drift ν (ATR units) the generator applies now for the engaged level's direction. */
export function appliedDrift(causes: PropensityCauses, params: SimParams): number {
  return zOf(termsAt(causes, params, null), (1 << N_PLAYERS) - 1);
}

export interface LevelTruthInput {
  readonly causes: PropensityCauses;
  /** +1 when this level's direction equals the engaged level's, −1 otherwise. */
  readonly driftSign: 1 | -1;
  /** This level's position p/atr at t (≤ 0). */
  readonly positionAtr: number;
  /** σ/ATR per √second at t. */
  readonly volPerSqrtSecAtr: number;
}

export interface LevelTruth {
  /** P(BREAK | resolved) at 2, 4 and 8 minutes. */
  readonly pBreak: { readonly '2': number; readonly '4': number; readonly '8': number };
  /** The 4-min probability with every player at its reference value. */
  readonly baseline4: number;
  /** Exact Shapley contributions at 4 min per player; they add up to pBreak['4'] − baseline4. */
  readonly contributions4: Readonly<Record<PlantedPlayer, number>>;
}

export const TRUTH_HORIZONS_SEC = [120, 240, 480] as const;

/** The generator's probability and its exact Shapley decomposition for one in-zone (frame, level). */
export function levelTruth(input: LevelTruthInput, params: SimParams): LevelTruth {
  const refPosition = -params.propensity.referenceDistanceAtr;
  const prob = (position: number, nu: number, horizon: number): number =>
    breakRejectChances({
      positionAtr: position,
      driftAtr: nu,
      volPerSqrtSecAtr: input.volPerSqrtSecAtr,
      horizonSec: horizon,
    }).pBreakGivenResolved;
  const full = (1 << N_PLAYERS) - 1;
  const pAt = (horizon: number): number => {
    const t = termsAt(input.causes, params, horizon);
    return prob(input.positionAtr, input.driftSign * zOf(t, full), horizon);
  };
  const p2 = pAt(120);
  const p8 = pAt(480);

  const t4 = termsAt(input.causes, params, 240);
  const size = 1 << N_PLAYERS;
  const nus = new Float64Array(size);
  let lo = Infinity;
  let hi = -Infinity;
  for (let mask = 0; mask < size; mask++) {
    const nu = input.driftSign * zOf(t4, mask);
    nus[mask] = nu;
    if (nu < lo) lo = nu;
    if (nu > hi) hi = nu;
  }
  const near = new CubicGrid(lo, hi, 40, (nu) => prob(input.positionAtr, nu, 240));
  const far = new CubicGrid(lo, hi, 40, (nu) => prob(refPosition, nu, 240));
  const vcaBit = 1 << I_VCA;
  const values = new Float64Array(size);
  for (let mask = 0; mask < size; mask++) {
    values[mask] = (mask & vcaBit) !== 0 ? near.at(nus[mask] ?? 0) : far.at(nus[mask] ?? 0);
  }
  const p4 = prob(input.positionAtr, nus[full] ?? 0, 240);
  const baseline4 = prob(refPosition, nus[0] ?? 0, 240);
  values[full] = p4;
  values[0] = baseline4;
  const phi = shapleyValues(values, N_PLAYERS);
  const contributions = {} as Record<PlantedPlayer, number>;
  PLANTED_PLAYERS.forEach((name, j) => (contributions[name] = phi[j] ?? 0));
  return { pBreak: { '2': p2, '4': p4, '8': p8 }, baseline4, contributions4: contributions };
}
