import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakRejectChances } from '../../src/domain/sim/break-probability';
import { appliedDrift } from '../../src/domain/sim/break-propensity';
import { PLANTED_PLAYERS } from '../../src/domain/sim/drivers';
import { simulateMarketDay, type TruthRecord } from '../../src/domain/sim/session-generator';
import { DEFAULT_SIM_PARAMS, timeBucketOf } from '../../src/domain/sim/sim-params';
import {
  referencePoint,
  truthDrift,
  truthGame,
  truthPointOfRecord,
  truthProbability,
  volFromBaseline,
  type TruthPoint,
} from '../../src/domain/sim/truth-game';

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
    const { x, others } = frameAndStratum(12);
    assert.ok(others.length >= 6, `stratum of ${others.length + 1} records`);
    const g = truthGame(
      truthPointOfRecord(x),
      others.map((r) => truthPointOfRecord(r)),
    );
    const meanTrue = sum(others.map((r) => r.p_break['4'])) / others.length;
    assert.ok(Math.abs(g.fx - x.p_break['4']) < 1e-9);
    assert.ok(Math.abs(g.baseRate - meanTrue) < 1e-9);
    assert.ok(Math.abs(sum(g.values) - (g.fx - g.baseRate)) < 1e-12);
    // a background unlike the frame: at least a few players matter
    assert.ok(Array.from(g.values).filter((v) => Math.abs(v) > 1e-3).length >= 3);
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
