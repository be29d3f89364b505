import { OptionRight, OptionTrade } from '../market/market-day';
import { mixSeed, SeededRandom } from './seeded-random';

export const STRIKE_STEP = 5;
const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * Same-day option flow and the dealers' resulting positions. Customers trade strikes near the
 * money; how keen they are to buy (rather than sell) is a day-level preference plus a per-strike
 * one. Dealers hold the opposite side, so customer buying leaves dealers short gamma.
 */
export class OptionBook {
  /** Dealer position per `${strike}:${right}`, contracts (negative = short). */
  readonly dealerPosition = new Map<string, number>();
  private readonly strikeBias = new Map<number, number>();

  constructor(
    private readonly seed: number,
    private readonly dayBias: number,
  ) {}

  /** Draws one customer trade near `spot` and books the dealers' side. */
  trade(t: number, spot: number, rng: SeededRandom): OptionTrade {
    const strike = Math.round((spot + 12 * rng.normal()) / STRIKE_STEP) * STRIKE_STEP;
    const right: OptionRight =
      strike >= spot ? (rng.chance(0.7) ? 'C' : 'P') : rng.chance(0.7) ? 'P' : 'C';
    const size = 1 + rng.poisson(4);
    const buyChance = 1 / (1 + Math.exp(-(this.dayBias + this.biasAt(strike))));
    const customerSide = rng.chance(buyChance) ? 'BUY' : 'SELL';
    const key = `${strike}:${right}`;
    const delta = customerSide === 'BUY' ? -size : size;
    this.dealerPosition.set(key, (this.dealerPosition.get(key) ?? 0) + delta);
    return { t, strike, right, size, customerSide };
  }

  private biasAt(strike: number): number {
    let b = this.strikeBias.get(strike);
    if (b === undefined) {
      b = 0.9 * new SeededRandom(mixSeed(this.seed, strike)).normal();
      this.strikeBias.set(strike, b);
    }
    return b;
  }
}

/** Black–Scholes gamma per contract (per point of the underlying). */
export function blackScholesGamma(
  spot: number,
  strike: number,
  impliedVol: number,
  yearsToExpiry: number,
): number {
  const tau = Math.max(yearsToExpiry, 1e-7);
  const sd = impliedVol * Math.sqrt(tau);
  const d1 = (Math.log(spot / strike) + 0.5 * sd * sd) / sd;
  return Math.exp(-0.5 * d1 * d1) / Math.sqrt(2 * Math.PI) / (spot * sd);
}

/** Dealer gamma (contracts × gamma) of strikes within `radius` points of `level`, at the current spot. */
export function dealerGammaNear(
  book: OptionBook,
  level: number,
  spot: number,
  impliedVol: number,
  msToExpiry: number,
  radius = 15,
): number {
  const years = msToExpiry / YEAR_MS;
  let total = 0;
  const lo = Math.ceil((level - radius) / STRIKE_STEP) * STRIKE_STEP;
  for (let k = lo; k <= level + radius; k += STRIKE_STEP) {
    const pos = (book.dealerPosition.get(`${k}:C`) ?? 0) + (book.dealerPosition.get(`${k}:P`) ?? 0);
    if (pos !== 0) total += pos * blackScholesGamma(spot, k, impliedVol, years);
  }
  return total;
}
