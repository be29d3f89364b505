/**
 * P(BREAK | BREAK or REJECT within H) for the level-frame position following a Brownian motion
 * with constant drift, the way the simulator drives price inside the approach zone.
 *
 * Units are ATR: the position starts at p0 ≤ 0 (negative while approaching), BREAK is the first
 * passage to +0.5, REJECT to p0 − 1 (the §4 barriers). `driftAtr` is ν, the drift in ATR units
 * scaled so that the drift per second is ν·s² where s = σ/ATR per √second: the infinite-horizon
 * break chance is then a function of ν alone, (1 − e^{−2ν})/(1 − e^{−2ν(1.5 − p0)}).
 * The finite horizon uses the classical eigenfunction series for the exit-time density of an
 * interval (Girsanov-weighted), integrated from H to ∞ and subtracted from the limits.
 */
export interface BreakProbabilityInput {
  /** Position at t in ATR (p0 ≤ 0). */
  readonly positionAtr: number;
  /** Dimensionless drift ν toward the level (positive pushes through). */
  readonly driftAtr: number;
  /** Volatility per √second in ATR units (σ/ATR). */
  readonly volPerSqrtSecAtr: number;
  /** Horizon, seconds. */
  readonly horizonSec: number;
}

export interface BreakRejectChances {
  /** P(BREAK first within H). */
  readonly pBreak: number;
  /** P(REJECT first within H). */
  readonly pReject: number;
  /** P(BREAK | resolved within H). */
  readonly pBreakGivenResolved: number;
}

const MAX_TERMS = 400;

export function breakRejectChances(input: BreakProbabilityInput): BreakRejectChances {
  const nu = Math.max(-8, Math.min(8, input.driftAtr));
  const p0 = Math.min(0, input.positionAtr);
  const x = 1; // distance to the REJECT barrier
  const length = 1.5 - p0; // REJECT at 0, BREAK at `length`, start at x
  const s2 = input.volPerSqrtSecAtr * input.volPerSqrtSecAtr;
  const h = input.horizonSec;

  let upInf: number;
  if (Math.abs(nu) < 1e-9) upInf = x / length;
  else upInf = -Math.expm1(-2 * nu * x) / -Math.expm1(-2 * nu * length);
  const downInf = 1 - upInf;

  const driftDecay = (nu * nu * s2) / 2;
  const base = (Math.PI * s2) / (length * length);
  let tailUp = 0;
  let tailDown = 0;
  for (let n = 1; n <= MAX_TERMS; n++) {
    const lambda = (n * n * Math.PI * Math.PI * s2) / (2 * length * length) + driftDecay;
    const weight = Math.exp(-lambda * h) / lambda;
    const term = n * Math.sin((n * Math.PI * x) / length) * weight;
    tailUp += (n % 2 === 1 ? 1 : -1) * term;
    tailDown += term;
    if (weight * n < 1e-14 && n > 3) break;
  }
  tailUp *= base * Math.exp(nu * (length - x));
  tailDown *= base * Math.exp(-nu * x);

  const pBreak = clamp01(upInf - tailUp);
  const pReject = clamp01(downInf - tailDown);
  const resolved = pBreak + pReject;
  const pBreakGivenResolved = resolved > 1e-12 ? pBreak / resolved : upInf;
  return { pBreak, pReject, pBreakGivenResolved };
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
