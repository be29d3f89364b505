import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakRejectChances } from '../../src/domain/sim/break-probability';
import {
  easternOffsetHoursAt,
  easternToUtcMs,
  parseIsoDate,
  utcMsToEastern,
} from '../../src/domain/sim/eastern-time';
import { blackScholesGamma, dealerGammaNear, OptionBook } from '../../src/domain/sim/option-book';
import { SeededRandom } from '../../src/domain/sim/seeded-random';
import { shapleyValues } from '../../src/domain/sim/shapley';
import { weekdaySessions } from '../../src/domain/sim/trading-calendar';

describe('SeededRandom', () => {
  it('repeats a stream for a seed and differs between seeds', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const sa = Array.from({ length: 50 }, () => a.next());
    assert.deepEqual(
      sa,
      Array.from({ length: 50 }, () => b.next()),
    );
    assert.notDeepEqual(
      sa,
      Array.from({ length: 50 }, () => c.next()),
    );
  });

  it('draws uniforms and normals with the right moments', () => {
    const rng = new SeededRandom(7);
    const n = 200_000;
    let su = 0;
    let suu = 0;
    let sn = 0;
    let snn = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      su += u;
      suu += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
      const z = rng.normal();
      sn += z;
      snn += z * z;
    }
    assert.ok(min >= 0 && max < 1);
    assert.ok(Math.abs(su / n - 0.5) < 0.005, `uniform mean ${su / n}`);
    assert.ok(Math.abs(suu / n - (su / n) ** 2 - 1 / 12) < 0.003);
    assert.ok(Math.abs(sn / n) < 0.01, `normal mean ${sn / n}`);
    assert.ok(Math.abs(snn / n - 1) < 0.015, `normal variance ${snn / n}`);
  });

  it('draws Poisson counts with the requested mean', () => {
    const rng = new SeededRandom(3);
    let s = 0;
    for (let i = 0; i < 50_000; i++) s += rng.poisson(2.5);
    assert.ok(Math.abs(s / 50_000 - 2.5) < 0.05);
  });
});

describe('Eastern time', () => {
  it('opens at 14:30 UTC in winter and 13:30 UTC in summer, switching on the DST Sundays', () => {
    const open = (d: string): string =>
      new Date(easternToUtcMs(parseIsoDate(d), 9, 30)).toISOString();
    assert.equal(open('2025-03-07'), '2025-03-07T14:30:00.000Z'); // Friday before DST
    assert.equal(open('2025-03-10'), '2025-03-10T13:30:00.000Z'); // Monday after 9 March
    assert.equal(open('2025-10-31'), '2025-10-31T13:30:00.000Z');
    assert.equal(open('2025-11-03'), '2025-11-03T14:30:00.000Z'); // after 2 November
    assert.equal(open('2024-03-11'), '2024-03-11T13:30:00.000Z'); // 2024: DST from 10 March
    assert.equal(open('2024-11-01'), '2024-11-01T13:30:00.000Z');
    assert.equal(open('2024-11-04'), '2024-11-04T14:30:00.000Z');
  });

  it('switches the offset at 02:00 local on the transition days', () => {
    assert.equal(easternOffsetHoursAt(Date.parse('2025-03-09T06:59:59Z')), -5);
    assert.equal(easternOffsetHoursAt(Date.parse('2025-03-09T07:00:00Z')), -4);
    assert.equal(easternOffsetHoursAt(Date.parse('2025-11-02T05:59:59Z')), -4);
    assert.equal(easternOffsetHoursAt(Date.parse('2025-11-02T06:00:00Z')), -5);
  });

  it('round-trips wall-clock times', () => {
    for (const d of ['2025-01-15', '2025-03-10', '2025-07-04', '2025-11-03', '2026-03-09']) {
      const ms = easternToUtcMs(parseIsoDate(d), 4, 0, 0);
      const back = utcMsToEastern(ms);
      assert.deepEqual([back.hour, back.minute, back.second], [4, 0, 0]);
      assert.equal(
        `${back.date.year}-${String(back.date.month).padStart(2, '0')}-${String(back.date.day).padStart(2, '0')}`,
        d,
      );
    }
  });

  it('rejects malformed dates', () => {
    assert.throws(() => parseIsoDate('2025-02-30'));
    assert.throws(() => parseIsoDate('2025-2-3'));
  });
});

describe('weekdaySessions', () => {
  it('lists weekdays only, starting on or after the start date', () => {
    assert.deepEqual(weekdaySessions('2025-01-03', 4), [
      '2025-01-03',
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
    ]);
    assert.deepEqual(weekdaySessions('2025-01-04', 2), ['2025-01-06', '2025-01-07']); // Saturday start
    const many = weekdaySessions('2025-01-01', 60);
    assert.equal(many.length, 60);
    for (const d of many) assert.ok(![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()));
  });
});

describe('breakRejectChances', () => {
  it('matches a seeded Monte Carlo of the drifted Brownian motion', () => {
    const cases = [
      { positionAtr: -1, driftAtr: 0.8 },
      { positionAtr: -0.3, driftAtr: -1.2 },
      { positionAtr: -1.8, driftAtr: 0 },
    ];
    const s = 0.15; // σ/ATR per √s
    for (const c of cases) {
      const exact = breakRejectChances({ ...c, volPerSqrtSecAtr: s, horizonSec: 60 });
      const rng = new SeededRandom(11);
      const dt = 0.02;
      let breaks = 0;
      let rejects = 0;
      for (let path = 0; path < 3000; path++) {
        let p = c.positionAtr;
        for (let t = 0; t < 60; t += dt) {
          p += c.driftAtr * s * s * dt + s * Math.sqrt(dt) * rng.normal();
          if (p >= 0.5) {
            breaks++;
            break;
          }
          if (p <= c.positionAtr - 1) {
            rejects++;
            break;
          }
        }
      }
      const mc = breaks / (breaks + rejects);
      assert.ok(
        Math.abs(mc - exact.pBreakGivenResolved) < 0.035,
        `${JSON.stringify(c)}: mc ${mc} vs ${exact.pBreakGivenResolved}`,
      );
      assert.ok(Math.abs((breaks + rejects) / 3000 - (exact.pBreak + exact.pReject)) < 0.04);
    }
  });

  it('tends to the gambler’s-ruin ratio without drift and rises with drift', () => {
    const long = breakRejectChances({
      positionAtr: -1,
      driftAtr: 0,
      volPerSqrtSecAtr: 0.1,
      horizonSec: 1e6,
    });
    assert.ok(Math.abs(long.pBreakGivenResolved - 1 / 2.5) < 1e-6);
    let prev = 0;
    for (const nu of [-2, -1, 0, 1, 2]) {
      const p = breakRejectChances({
        positionAtr: -0.5,
        driftAtr: nu,
        volPerSqrtSecAtr: 0.08,
        horizonSec: 240,
      }).pBreakGivenResolved;
      assert.ok(p > prev);
      prev = p;
    }
  });
});

describe('shapleyValues', () => {
  it('returns each player’s own term in an additive game and adds up in any game', () => {
    const n = 5;
    const own = [0.3, -0.1, 0, 0.25, -0.4];
    const additive = new Float64Array(1 << n).map((_, mask) =>
      own.reduce((a, v, j) => a + ((mask >> j) & 1 ? v : 0), 0),
    );
    shapleyValues(additive, n).forEach((phi, j) =>
      assert.ok(Math.abs(phi - (own[j] ?? 0)) < 1e-12),
    );

    const rng = new SeededRandom(5);
    const game = new Float64Array(1 << n).map(() => rng.normal());
    const phi = shapleyValues(game, n);
    const total = phi.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - ((game[(1 << n) - 1] ?? 0) - (game[0] ?? 0))) < 1e-12);
  });

  it('gives symmetric players equal shares of a pure interaction', () => {
    const v = new Float64Array(8).map((_, mask) => ((mask & 3) === 3 ? 1 : 0));
    const phi = shapleyValues(v, 3);
    assert.ok(
      Math.abs((phi[0] ?? 0) - 0.5) < 1e-12 &&
        Math.abs((phi[1] ?? 0) - 0.5) < 1e-12 &&
        Math.abs(phi[2] ?? 1) < 1e-12,
    );
  });
});

describe('option gamma', () => {
  it('is positive, peaks near the money and grows toward expiry', () => {
    const years = 3 / (365 * 24);
    const atm = blackScholesGamma(6000, 6000, 0.15, years);
    assert.ok(atm > 0);
    assert.ok(atm > blackScholesGamma(6000, 6030, 0.15, years));
    assert.ok(atm > blackScholesGamma(6000, 5970, 0.15, years));
    assert.ok(blackScholesGamma(6000, 6000, 0.15, years / 4) > atm);
  });

  it('leaves dealers short gamma where customers buy and long where they sell', () => {
    const buyers = new OptionBook(1, 8); // customers almost always buy
    const sellers = new OptionBook(1, -8);
    const rng = new SeededRandom(9);
    for (let i = 0; i < 400; i++) {
      buyers.trade(i, 6000, rng);
      sellers.trade(i, 6000, rng);
    }
    const ms = 3 * 3600 * 1000;
    assert.ok(dealerGammaNear(buyers, 6000, 6000, 0.15, ms) < 0);
    assert.ok(dealerGammaNear(sellers, 6000, 6000, 0.15, ms) > 0);
  });
});
