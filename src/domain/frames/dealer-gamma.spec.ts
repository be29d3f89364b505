import { OptionTrade } from '../market/market-day';
import { blackGamma, DealerGammaCalculator, fuelEffect, GammaProfile, gammaAroundLevel } from './dealer-gamma';
import { buildLevelFrames } from './build-level-frames';
import { handMadeDay, handMs, HAND_OPEN_MS } from './testing/hand-made-day';

describe('dealer gamma', () => {
  it('prices Black gamma per point of the future', () => {
    const years = (3.5 * 3600) / (365 * 24 * 3600);
    const sd = 0.15 * Math.sqrt(years);
    // At the money d1 = sd/2.
    expect(blackGamma(6000, 6000, 0.15, years)).toBeCloseTo(Math.exp(-sd * sd / 8) / Math.sqrt(2 * Math.PI) / (6000 * sd), 14);
    expect(blackGamma(6000, 6100, 0.15, years)).toBeLessThan(blackGamma(6000, 6000, 0.15, years));
    expect(blackGamma(6000, 6000, 0, years)).toBe(0);
    expect(blackGamma(6000, 6000, 0.15, 0)).toBe(0);
  });

  it('splits dealer gamma into the documented strike bands around the level', () => {
    const strikes = Float64Array.from([5985, 5990, 5995, 6000, 6005, 6010, 6015, 6020]);
    const profile: GammaProfile = {
      strikes,
      call: Float64Array.from([1, 2, 4, 8, 16, 32, 64, 128]),
      put: Float64Array.from([-1, -20, -40, -80, -160, -320, -640, -1280]),
    };
    const r = gammaAroundLevel(profile, 6002, 3);
    const net = (i: number): number => profile.call[i] + profile.put[i];
    // Within 15 pts of 6002: 5990 … 6015 (5985 is 17 away, 6020 is 18).
    expect(r.gammaExposure).toBeCloseTo([1, 2, 3, 4, 5, 6].reduce((s, i) => s + net(i), 0), 12);
    expect(r.gexAbove1Strike).toBeCloseTo(net(4), 12); // 6005
    expect(r.gexBelow1Strike).toBeCloseTo(net(3), 12); // 6000 (5995 is 7 below)
    expect(r.callGexAbove2Strike).toBeCloseTo(16 + 32, 12); // calls at 6005, 6010
    expect(r.putGexBelow2Strike).toBeCloseTo(-40 - 80, 12); // puts at 5995, 6000 (5990 is 12 below)
    expect(r.netGex2Strike).toBeCloseTo([2, 3, 4, 5].reduce((s, i) => s + net(i), 0), 12); // 5995 … 6010
    const above = net(4) + net(5) + net(6);
    const below = net(1) + net(2) + net(3);
    expect(r.gexAsymmetry).toBeCloseTo(above - below, 12);
    expect(r.gexRatio).toBeCloseTo((above - below) / (Math.abs(above) + Math.abs(below)), 6);
  });

  it('maps the 1-ATR hedge to AMPLIFY (short gamma), DAMPEN (long) or NEUTRAL', () => {
    expect(fuelEffect(-9, 3)).toBe('AMPLIFY');
    expect(fuelEffect(-8, 3)).toBe('NEUTRAL');
    expect(fuelEffect(8.5, 3)).toBe('DAMPEN');
    expect(fuelEffect(8, 3)).toBe('NEUTRAL');
    expect(fuelEffect(0, 3)).toBe('NEUTRAL');
  });

  it('books only trades at or before t, dealers opposite the customer', () => {
    const trades: OptionTrade[] = [
      { t: handMs(60), strike: 6000, right: 'C', size: 100, customerSide: 'BUY' },
      { t: handMs(120), strike: 6000, right: 'P', size: 40, customerSide: 'SELL' },
    ];
    const calc = new DealerGammaCalculator(trades, 0.15, HAND_OPEN_MS + 390 * 60_000);
    expect(calc.profileAt(handMs(59), 6000).call[0]).toBe(0);
    const p = calc.profileAt(handMs(60), 6000);
    const g = blackGamma(6000, 6000, 0.15, (390 * 60 - 60) / (365 * 24 * 3600));
    expect(p.call[0]).toBeCloseTo(-100 * g, 12);
    expect(p.put[0]).toBe(0);
    expect(calc.profileAt(handMs(120), 6000).put[0]).toBeGreaterThan(0);
    expect(() => calc.profileAt(handMs(100), 6000)).toThrowError(RangeError);
  });

  it('flags AMPLIFY for a level where customers bought a lot of same-day options', () => {
    const optionTrades: OptionTrade[] = [{ t: handMs(-60), strike: 6000, right: 'C', size: 5000, customerSide: 'BUY' }];
    const frames = buildLevelFrames(handMadeDay({ price: () => 6000, optionTrades, wick: 1 }));
    const f = frames.find((x) => x.level_kind === 'PM_HIGH' && x.minutes_since_open === 60)!;
    expect(f.gamma_exposure).toBeLessThan(0);
    expect(f.fuel_effect).toBe('AMPLIFY');
  });
});
