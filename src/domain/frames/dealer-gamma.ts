import { FuelEffect } from '../frame/level-frame';
import { OptionTrade } from '../market/market-day';

/** Calendar year used for time to expiry. */
const YEAR_MS = 365 * 24 * 3_600_000;
const EPS = 1e-9;
/** Denominator guard of gex_ratio. */
export const GEX_RATIO_EPS = 1e-6;
/** Strike bands around the level, points. */
export const GEX_NET_BAND_PTS = 15;
export const GEX_ONE_STRIKE_PTS = 5;
export const GEX_TWO_STRIKE_PTS = 10;
/**
 * fuel_effect cut-off: dealers' hedge for a 1-ATR move, |gamma_exposure|·atr, of at least this
 * many contracts. Short gamma (negative) → AMPLIFY, long gamma (positive) → DAMPEN.
 */
export const FUEL_HEDGE_CONTRACTS_PER_ATR = 25;

/**
 * Black–76 gamma (r = 0) of one option on the future, per point of the underlying: the change of
 * the option's delta (futures contracts) per 1-pt move. Zero when the volatility or the time to
 * expiry is not positive.
 */
export function blackGamma(spot: number, strike: number, vol: number, years: number): number {
  if (!(spot > 0) || !(strike > 0) || !(vol > 0) || !(years > 0)) return 0;
  const sd = vol * Math.sqrt(years);
  const d1 = (Math.log(spot / strike) + 0.5 * sd * sd) / sd;
  const g = Math.exp(-0.5 * d1 * d1) / (Math.sqrt(2 * Math.PI) * spot * sd);
  return Number.isFinite(g) ? g : 0;
}

export interface GammaReading {
  readonly gammaExposure: number;
  readonly fuelEffect: FuelEffect;
  readonly gexAbove1Strike: number;
  readonly gexBelow1Strike: number;
  readonly callGexAbove2Strike: number;
  readonly putGexBelow2Strike: number;
  readonly gexAsymmetry: number;
  readonly gexRatio: number;
  readonly netGex2Strike: number;
}

/** Dealer gamma per strike at one time: call and put parts, sorted by strike. */
export interface GammaProfile {
  readonly strikes: Float64Array;
  readonly call: Float64Array;
  readonly put: Float64Array;
}

/**
 * Dealer gamma from same-day option trades. The customer's net position per (strike, right) is
 * accumulated from trades at or before t (BUY +size, SELL −size); dealers hold the opposite.
 * Dealer gamma of a strike = −customer position × Black–76 gamma at the current spot with the
 * time left to 16:00 ET and the day's implied volatility. Unit: futures contracts of dealer delta
 * per 1-pt move ("gex"); positive = dealers long gamma (they hedge against the move), negative =
 * short gamma (they hedge with it).
 */
export class DealerGammaCalculator {
  private readonly strikes: Float64Array;
  private readonly strikeIndex = new Map<number, number>();
  private readonly customerCalls: Float64Array;
  private readonly customerPuts: Float64Array;
  private applied = 0;
  private lastTime = -Infinity;

  constructor(
    private readonly trades: readonly OptionTrade[],
    private readonly impliedVol: number,
    private readonly expiryMs: number,
  ) {
    this.strikes = Float64Array.from(new Set(trades.map((t) => t.strike))).sort();
    this.strikes.forEach((k, i) => this.strikeIndex.set(k, i));
    this.customerCalls = new Float64Array(this.strikes.length);
    this.customerPuts = new Float64Array(this.strikes.length);
  }

  /** Dealer gamma per strike at `tMs` and `spot`. Times must not decrease between calls. */
  profileAt(tMs: number, spot: number): GammaProfile {
    if (tMs < this.lastTime) throw new RangeError('DealerGammaCalculator: time went backwards');
    this.lastTime = tMs;
    const trades = this.trades;
    while (this.applied < trades.length && trades[this.applied].t <= tMs) {
      const tr = trades[this.applied++];
      const i = this.strikeIndex.get(tr.strike) ?? -1;
      const signed = tr.customerSide === 'BUY' ? tr.size : -tr.size;
      if (tr.right === 'C') this.customerCalls[i] += signed;
      else this.customerPuts[i] += signed;
    }
    const years = (this.expiryMs - tMs) / YEAR_MS;
    const n = this.strikes.length;
    const call = new Float64Array(n);
    const put = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (this.customerCalls[i] === 0 && this.customerPuts[i] === 0) continue;
      const g = blackGamma(spot, this.strikes[i], this.impliedVol, years);
      call[i] = -this.customerCalls[i] * g;
      put[i] = -this.customerPuts[i] * g;
    }
    return { strikes: this.strikes, call, put };
  }
}

/**
 * Gamma fields of one level from a profile. "Above" strikes are in (L, L + band], "below" in
 * [L − band, L); a strike exactly at the level counts only in the two-sided totals.
 */
export function gammaAroundLevel(profile: GammaProfile, level: number, atr: number): GammaReading {
  let net15 = 0;
  let net10 = 0;
  let above15 = 0;
  let below15 = 0;
  let above5 = 0;
  let below5 = 0;
  let callAbove10 = 0;
  let putBelow10 = 0;
  const { strikes, call, put } = profile;
  for (let i = 0; i < strikes.length; i++) {
    const d = strikes[i] - level;
    if (Math.abs(d) > GEX_NET_BAND_PTS + EPS) continue;
    const g = call[i] + put[i];
    net15 += g;
    if (Math.abs(d) <= GEX_TWO_STRIKE_PTS + EPS) net10 += g;
    if (d > EPS) {
      above15 += g;
      if (d <= GEX_ONE_STRIKE_PTS + EPS) above5 += g;
      if (d <= GEX_TWO_STRIKE_PTS + EPS) callAbove10 += call[i];
    } else if (d < -EPS) {
      below15 += g;
      if (-d <= GEX_ONE_STRIKE_PTS + EPS) below5 += g;
      if (-d <= GEX_TWO_STRIKE_PTS + EPS) putBelow10 += put[i];
    }
  }
  return {
    gammaExposure: net15,
    fuelEffect: fuelEffect(net15, atr),
    gexAbove1Strike: above5,
    gexBelow1Strike: below5,
    callGexAbove2Strike: callAbove10,
    putGexBelow2Strike: putBelow10,
    gexAsymmetry: above15 - below15,
    gexRatio: (above15 - below15) / (Math.abs(above15) + Math.abs(below15) + GEX_RATIO_EPS),
    netGex2Strike: net10,
  };
}

/** AMPLIFY / DAMPEN when the dealers' hedge for a 1-ATR move reaches the cut-off, else NEUTRAL. */
export function fuelEffect(gammaExposure: number, atr: number): FuelEffect {
  const hedge = gammaExposure * atr;
  if (hedge <= -FUEL_HEDGE_CONTRACTS_PER_ATR) return 'AMPLIFY';
  if (hedge >= FUEL_HEDGE_CONTRACTS_PER_ATR) return 'DAMPEN';
  return 'NEUTRAL';
}
