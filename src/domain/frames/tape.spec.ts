import { Trade } from '../market/market-day';
import { buildLevelFrames } from './build-level-frames';
import { handMadeDay, handMs } from './testing/hand-made-day';

const trade = (s: number, price: number, size: number, aggressor: 'BUY' | 'SELL'): Trade => ({ t: handMs(s), price, size, aggressor });

describe('tape fields', () => {
  // Flat at 6000 (PM_HIGH = 6000); a premarket dip to 5980 makes PM_LOW 20 pts away.
  const price = (s: number): number => (s >= -7200 && s < -7190 ? 5980 : 6000);
  const t = 3600;
  const build = (trades: Trade[]) => {
    const frames = buildLevelFrames(handMadeDay({ price, trades }));
    return (kind: string) => frames.find((f) => f.level_kind === kind && f.minutes_since_open === 60)!;
  };

  it('sums volume by aggressor within 0.5 pt of the level over (t − 60 s, t]', () => {
    const at = build([
      trade(t - 61, 6000, 50, 'BUY'), // too old
      trade(t - 60, 6000, 40, 'BUY'), // exactly 60 s old: outside (t − 60 s, t]
      trade(t - 50, 6000, 6, 'BUY'),
      trade(t - 40, 6000.5, 2, 'SELL'),
      trade(t - 30, 6000.75, 100, 'BUY'), // 0.75 pt away
      trade(t - 20, 5999.5, 1, 'SELL'),
      trade(t, 6000, 3, 'BUY'), // at t: included
      trade(t + 1, 6000, 70, 'SELL'), // after t
    ]);
    const f = at('PM_HIGH');
    expect(f.tape_buy_vol).toBe(9);
    expect(f.tape_sell_vol).toBe(3);
    expect(f.tape_imbalance).toBeCloseTo((9 - 3) / 12, 12);
    const far = at('PM_LOW');
    expect([far.tape_buy_vol, far.tape_sell_vol, far.tape_imbalance]).toEqual([0, 0, 0]);
  });

  it('fits the slope of all trade prices in the window (pt/s), whatever their distance to the level', () => {
    const trades = [-55, -41, -30, -12, -3, 0].map((ds, i) => trade(t + ds, 6003 + 0.02 * ds, 1 + i, i % 2 ? 'BUY' : 'SELL'));
    const f = build(trades)('PM_HIGH');
    expect(f.tape_velocity).toBeCloseTo(0.02, 10);
    expect(build([])('PM_HIGH').tape_velocity).toBe(0);
  });

  it('detects a sweep through three price levels by one aggressor within 1 s near the level', () => {
    const sweep = [trade(t - 10, 5999.75, 5, 'BUY'), trade(t - 10, 6000, 5, 'BUY'), trade(t - 9.5, 6000.25, 5, 'BUY')];
    const at = build(sweep);
    expect(at('PM_HIGH').sweep_detected).toBeTrue();
    expect(at('PM_LOW').sweep_detected).toBeFalse(); // 20 pts away
    // Two price levels only, or a side change in the middle, or too slow: no sweep.
    expect(build(sweep.slice(0, 2))('PM_HIGH').sweep_detected).toBeFalse();
    expect(build([sweep[0], trade(t - 10, 6000, 1, 'SELL'), sweep[2]])('PM_HIGH').sweep_detected).toBeFalse();
    expect(build([sweep[0], sweep[1], trade(t - 8, 6000.25, 5, 'BUY')])('PM_HIGH').sweep_detected).toBeFalse();
    // More than 60 s ago: no longer in the window.
    expect(build(sweep.map((x) => ({ ...x, t: x.t - 60_000 })))('PM_HIGH').sweep_detected).toBeFalse();
  });
});
