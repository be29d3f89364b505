/*
 * How each planted cause is read off the generated market data (docs/simulator.md, causes
 * table): the frame field or vector reading the cause is, and its standardisation. Causes are
 * signed with the engagement's direction (+1 for UP, −1 for DOWN), so that a positive value
 * always pushes price through the engaged level.
 */

/** Cont OFI per second per unit of latent order flow (the top of book tracks it). */
export const OFI_PER_FLOW = 10;
/** Order flow: ofi_60s per unit of the cause (one unit of latent flow over a minute). */
const ORDER_FLOW_SCALE = 60 * OFI_PER_FLOW;
/** Flow acceleration: ofi_acceleration (contracts per second) per unit of the cause. */
const FLOW_ACCELERATION_SCALE = 5;
/** Barrier weakness: contracts of barrier_delta_liq per unit of the cause. */
const BARRIER_SCALE = 500;
/** Tape aggression per unit of near-level aggressor imbalance. */
const TAPE_SCALE = 1.5;
/** Clean setup: centre and spread of the logit of trend cleanliness on engaged frames. */
const CLEAN_SETUP_CENTRE = 1.5;
const CLEAN_SETUP_SPREAD = 1.5;
/** Dealer gamma (per point, within 15 pts of the level) per unit of the cause. */
const GAMMA_SCALE = 25;
const CLIP = 3;

const clip = (x: number, limit = CLIP): number => Math.max(-limit, Math.min(limit, x));

/** Order flow from the frame's ofi_60s. */
export function orderFlowCause(dirSign: number, ofi60s: number): number {
  return clip((dirSign * ofi60s) / ORDER_FLOW_SCALE, 4);
}

/** Flow acceleration from the frame's ofi_acceleration (ofi_30s/30 − ofi_120s/120). */
export function flowAccelerationCause(dirSign: number, ofiAcceleration: number): number {
  return clip((dirSign * ofiAcceleration) / FLOW_ACCELERATION_SCALE);
}

/** Tape aggression from the frame's tape_imbalance at the level. */
export function tapeAggressionCause(dirSign: number, tapeImbalance: number): number {
  return dirSign * TAPE_SCALE * tapeImbalance;
}

/**
 * Barrier weakness from the frame's barrier_delta_liq of the level on the side the frame
 * approaches (asks when price is below the level, bids when above): depth pulled is weakness.
 * `sameSide` is +1 when the frame's direction is the engagement's, −1 after price crossed the
 * level (a weak barrier in the frame's direction then helps the engagement's move back).
 */
export function barrierWeaknessCause(sameSide: number, barrierDeltaLiq: number): number {
  return sameSide * clip(-barrierDeltaLiq / BARRIER_SCALE);
}

/**
 * Clean setup from the manifest's Clean Setup reading (trend cleanliness c ∈ [0, 1], the share
 * of the distance path's DCT shape energy in k1, k2): the logit of c, centred and scaled.
 */
export function cleanSetupCause(cleanliness: number): number {
  if (!Number.isFinite(cleanliness)) return 0;
  const c = Math.max(1e-4, Math.min(1 - 1e-4, cleanliness));
  return clip((Math.log(c / (1 - c)) - CLEAN_SETUP_CENTRE) / CLEAN_SETUP_SPREAD);
}

/** Touches of the live cluster counted toward the cause (more add nothing). */
const MAX_TOUCHES = 8;

/** Touch history from the frame's attempt_index: half a unit per touch of the live cluster, up to 8. */
export function touchHistoryCause(attemptIndex: number): number {
  return Math.min(attemptIndex, MAX_TOUCHES) / 2;
}

/** Dealer short gamma from the dealer gamma near the level. */
export function dealerShortGammaCause(gammaNearLevel: number): number {
  return clip(-gammaNearLevel / GAMMA_SCALE);
}
