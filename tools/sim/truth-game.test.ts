import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakRejectChances } from '../../src/domain/sim/break-probability';
import { appliedDrift } from '../../src/domain/sim/break-propensity';
import { PLANTED_PLAYERS } from '../../src/domain/sim/drivers';
import { simulateMarketDay } from '../../src/domain/sim/session-generator';
import type { TruthRecord } from '../../src/domain/sim/truth-record';
import { DEFAULT_SIM_PARAMS, timeBucketOf } from '../../src/domain/sim/sim-params';
import {
  DIRECTION_SIGNED_CAUSES,
  referencePoint,
  truthDrift,
  truthGame,
  truthProbability,
  type TruthPoint,
} from '../../src/domain/sim/truth-game';
import { truthPointOfRecord, volFromBaseline } from '../../src/domain/sim/truth-record-point';

const day = simulateMarketDay('2025-06-03', 5);
const records = day.truth;
const stratumOf = (r: TruthRecord): string =>
  `${r.level_kind}|${timeBucketOf(Math.max(0, r.minutes_since_open))}`;

/** The frame with the most records of its stratum, and up to `n` other records of that stratum. */
function frameAndStratum(n: number): { x: TruthRecord; others: TruthRecord[] } {
  const byStratum = new Map<string, TruthRecord[]>();
  for (const r of records) byStratum.set(stratumOf(r), [...(byStratum.get(stratumOf(r)) ?? []), r]);
  const biggest = [...byStratum.values()].sort((a, b) => b.length - a.length)[0];
  const x = biggest[Math.floor(biggest.length / 2)];
  const step = Math.max(1, Math.floor(biggest.length / n));
  const others = biggest
    .filter((r) => r !== x)
    .filter((_, i) => i % step === 0)
    .slice(0, n);
  return { x, others };
}

/** The largest group of records sharing stratum and engagement (engaged level, its direction, the sign). */
function sameEngagement(): TruthRecord[] {
  const groups = new Map<string, TruthRecord[]>();
  for (const r of records) {
    const k = `${stratumOf(r)}|${r.engaged_level_kind}|${r.engaged_direction}|${r.direction}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length)[0];
}

const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0);

describe('truth game: the generator’s probability as a function of player values', () => {
  it('simulates a day with records of engaged and non-engaged levels', () => {
    assert.ok(records.length > 50);
    assert.ok(records.some((r) => r.direction !== r.engaged_direction));
  });

  it('reproduces every record’s p_break at 2, 4 and 8 min from its own cause values', () => {
    let worst = 0;
    for (const r of records) {
      const pt = truthPointOfRecord(r);
      worst = Math.max(
        worst,
        Math.abs(truthProbability(pt, 120) - r.p_break['2']),
        Math.abs(truthProbability(pt, 240) - r.p_break['4']),
        Math.abs(truthProbability(pt, 480) - r.p_break['8']),
      );
    }
    assert.ok(worst < 1e-9, `worst |Δp| ${worst}`);
  });

  it('applies the generator’s drift (no horizon averaging) signed for the level', () => {
    for (const r of records) {
      const pt = truthPointOfRecord(r);
      const applied = appliedDrift(
        {
          levelKind: r.engaged_level_kind,
          direction: r.engaged_direction,
          bucket: timeBucketOf(Math.max(0, r.minutes_since_open)),
          ...r.causes,
        },
        DEFAULT_SIM_PARAMS,
      );
      assert.ok(Math.abs(truthDrift(pt, 0) - pt.driftSign * applied) < 1e-12);
    }
  });

  it('recovers σ/ATR from the reference-distance probability', () => {
    for (const vol of [0.03, 0.08, 0.15]) {
      for (const nu of [-0.4, 0.1, 0.4]) {
        const p = breakRejectChances({
          positionAtr: -1,
          driftAtr: nu,
          volPerSqrtSecAtr: vol,
          horizonSec: 240,
        }).pBreakGivenResolved;
        assert.ok(Math.abs(volFromBaseline(p, nu, -1) / vol - 1) < 1e-9);
      }
    }
  });
});

describe('truth game: interventional Shapley values', () => {
  it('with the reference point as the only background, equals the recorded contributions_4', () => {
    // Both use the generator's 40-point ν table (error < 1e-5, docs/simulator.md); the records'
    // table value of a coalition equal to the frame differs from the exact v(all) by that error
    // (a cause at 0 gets ~1e-8 there), here such coalitions take the exact value: worst ≈ 1e-6.
    let worst = 0;
    let nullCauses = 0;
    for (const r of records) {
      const x = truthPointOfRecord(r);
      const g = truthGame(x, [referencePoint(x)]);
      assert.ok(Math.abs(g.baseRate - r.baseline_4) < 1e-12);
      assert.ok(Math.abs(g.fx - r.p_break['4']) < 1e-9);
      assert.ok(Math.abs(sum(g.values) - (g.fx - g.baseRate)) < 1e-12);
      PLANTED_PLAYERS.forEach((name, j) => {
        worst = Math.max(worst, Math.abs((g.values[j] ?? 0) - r.contributions_4[name]));
      });
      if (r.causes.tapeAggression === 0) {
        assert.equal(g.values[PLANTED_PLAYERS.indexOf('Tape Aggression')], 0);
        nullCauses++;
      }
    }
    assert.ok(worst < 1e-5, `worst |Δφ| ${worst}`);
    assert.ok(nullCauses > 0);
  });

  it('adds up to p_true(frame) − the mean p_true of the stratum background (efficiency)', () => {
    // background points in the frame's engagement: the game's v(∅) is their recorded mean
    const group = sameEngagement();
    assert.ok(group.length >= 8, `largest same-engagement group: ${group.length} records`);
    const x = group[Math.floor(group.length / 2)];
    const same = group.filter((r) => r !== x);
    const px = truthPointOfRecord(x);
    const g = truthGame(
      px,
      same.map((r) => truthPointOfRecord(r)),
    );
    const meanTrue = sum(same.map((r) => r.p_break['4'])) / same.length;
    assert.ok(Math.abs(g.fx - x.p_break['4']) < 1e-9);
    assert.ok(Math.abs(g.baseRate - meanTrue) < 1e-9);
    assert.ok(Math.abs(sum(g.values) - (g.fx - g.baseRate)) < 1e-12);
    // a background unlike the frame: at least a few players matter
    assert.ok(Array.from(g.values).filter((v) => Math.abs(v) > 1e-3).length >= 3);
    // a stratum background with other engagements (evaluated in the frame's): still adds up
    const { x: y, others } = frameAndStratum(12);
    const all = truthGame(
      truthPointOfRecord(y),
      others.map((r) => truthPointOfRecord(r)),
    );
    assert.ok(Math.abs(sum(all.values) - (all.fx - all.baseRate)) < 1e-12);
  });

  it('gives 0 to a player held at the background’s values, and to Session Timing within a stratum', () => {
    const { x, others } = frameAndStratum(20);
    const px = truthPointOfRecord(x);
    assert.ok(others.some((r) => truthPointOfRecord(r).driftSign !== px.driftSign));
    // the background's order flow (direction-signed: relative to its own level) and touches set
    // to the frame's
    const bg: TruthPoint[] = others.map((r) => {
      const b = truthPointOfRecord(r);
      return {
        ...b,
        causes: {
          ...b.causes,
          orderFlow: b.driftSign * px.driftSign * px.causes.orderFlow,
          touchHistory: px.causes.touchHistory,
        },
      };
    });
    const g = truthGame(px, bg);
    assert.equal(g.values[PLANTED_PLAYERS.indexOf('Order Flow')], 0);
    assert.equal(g.values[PLANTED_PLAYERS.indexOf('Touch History')], 0);
    // same bucket: the session offset and shrink are the frame's whatever the engagement
    assert.equal(g.values[PLANTED_PLAYERS.indexOf('Session Timing')], 0);
    // while the recorded game credits the bucket's offset whenever it is not 0
    const rec = truthGame(px, [referencePoint(px)]);
    const st = rec.values[PLANTED_PLAYERS.indexOf('Session Timing')] ?? 0;
    assert.equal(st !== 0, px.sessionOffset !== 0);
  });

  it('with σ/ATR as context, Volatility Regime brings ln(ATR/ref) alone', () => {
    const { x, others } = frameAndStratum(8);
    const px = truthPointOfRecord(x);
    // the background's volatility cause set to the frame's, its σ/ATR left different
    const bg = others
      .map((r) => truthPointOfRecord(r))
      .map((b) => ({
        ...b,
        causes: { ...b.causes, volatilityRegime: px.causes.volatilityRegime },
      }));
    assert.ok(bg.some((b) => b.volPerSqrtSecAtr !== px.volPerSqrtSecAtr));
    const iVr = PLANTED_PLAYERS.indexOf('Volatility Regime');
    const asPlayer = truthGame(px, bg);
    const asContext = truthGame(px, bg, { volatility: 'context' });
    assert.notEqual(asPlayer.values[iVr], 0);
    assert.equal(asContext.values[iVr], 0);
    assert.ok(Math.abs(sum(asContext.values) - (asContext.fx - asContext.baseRate)) < 1e-12);
    assert.equal(asContext.fx, asPlayer.fx);
    // the recorded game's reference keeps the frame's σ/ATR: the same values either way
    const rec = truthGame(px, [referencePoint(px)]);
    const recContext = truthGame(px, [referencePoint(px)], { volatility: 'context' });
    assert.deepEqual(Array.from(recContext.values), Array.from(rec.values));
  });

  it('a background point showing the frame’s level values under the opposite engagement is the frame', () => {
    const flipped = records.find((r) => r.direction !== r.engaged_direction);
    assert.ok(flipped !== undefined);
    const px = truthPointOfRecord(flipped);
    const causes = { ...px.causes };
    for (const k of DIRECTION_SIGNED_CAUSES) causes[k] = -px.causes[k];
    const mirror: TruthPoint = { ...px, driftSign: px.driftSign === 1 ? -1 : 1, causes };
    const g = truthGame(px, [mirror]);
    // v(∅) sums the terms in another order than p_true(frame): equal to rounding
    assert.ok(Math.abs(g.baseRate - g.fx) < 1e-15);
    for (const v of g.values) assert.equal(v, 0);
    // the raw (engagement-oriented) values would not be: order flow then pushes the other way
    if (px.causes.orderFlow !== 0) {
      const raw = truthGame(px, [{ ...px, driftSign: mirror.driftSign }]);
      assert.notEqual(raw.values[PLANTED_PLAYERS.indexOf('Order Flow')], 0);
    }
  });

  it('the ν table agrees with evaluating every coalition exactly (within 1e-5)', () => {
    const { x, others } = frameAndStratum(4);
    const px = truthPointOfRecord(x);
    const bg = others.map((r) => truthPointOfRecord(r));
    const table = truthGame(px, bg);
    const exact = truthGame(px, bg, { evaluation: 'exact' });
    assert.equal(table.fx, exact.fx);
    assert.equal(table.baseRate, exact.baseRate);
    for (let j = 0; j < PLANTED_PLAYERS.length; j++)
      assert.ok(Math.abs((table.values[j] ?? 0) - (exact.values[j] ?? 0)) < 1e-5);
  });
});
