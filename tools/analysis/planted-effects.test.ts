/**
 * The three analyses recover what the simulator plants, and nothing else, on a small dataset made
 * by the simulator itself (simulateMarketDay with a SimParams override, frames and episodes built
 * by the project's own pipeline). The planted effects are made larger than the defaults so that
 * 18 sessions have the power to show them. Two datasets on the same seed and dates:
 *
 * - A: T30_60 has the highest session offset, dealer short gamma × order flow is planted
 *   (shortGammaXFlow 1.5), lows approached from below break much less;
 * - B: T60_120 (a bucket that does not break more by itself) has the highest offset and the
 *   gamma × flow coefficient is 0, so both findings must move with the planting (the test can
 *   fail).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { LoadedInput } from './input';
import { discoverInteractions, HYPOTHESIZED_PAIRS } from './interactions';
import { analyzeLevelSpecificity } from './level-specificity';
import { PLANTED_ARGS, PLANTED_DESIGN, simulatedInput } from './simulated-sessions';
import { analyzeTimeStratification } from './time-stratification';

/** Fixed seed; `npx tsx tools/analysis/planted-effects-sweep.ts` runs the design over others. */
const SEED = 21;
const { days: DAYS, start: START, planted: PLANTED, unplanted: UNPLANTED } = PLANTED_DESIGN;
const args = PLANTED_ARGS;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => {
  assert.ok(typeof v === 'object' && v !== null && !Array.isArray(v), 'expected an object');
  return v as Json;
};
const num = (v: unknown): number => {
  assert.equal(typeof v, 'number');
  return v as number;
};

let a: LoadedInput;
let b: LoadedInput;

before(() => {
  a = simulatedInput({ days: DAYS, seed: SEED, start: START, params: PLANTED_DESIGN.a.params });
  b = simulatedInput({ days: DAYS, seed: SEED, start: START, params: PLANTED_DESIGN.b.params });
});

function bucketRates(input: LoadedInput): { best: string; result: Json } {
  const result = analyzeTimeStratification(args, input);
  const stats = obj(result['time_bucket_stats']);
  const best = Object.entries(stats)
    .map(([bucket, v]) => ({ bucket, rate: num(obj(v)['break_rate']) }))
    .sort((x, y) => y.rate - x.rate)[0].bucket;
  return { best, result };
}

describe('planted effects on simulated sessions', () => {
  it('uses the project pipeline: episodes from simulated frames, every bucket populated', () => {
    for (const input of [a, b]) {
      const episodes = input.rows.filter((r) => r.episodeStart);
      assert.ok(episodes.length > 15 * DAYS, `${episodes.length} episodes`);
      assert.equal(new Set(input.rows.map((r) => r.date)).size, DAYS);
      assert.equal(new Set(episodes.map((r) => r.bucket)).size, 5);
    }
  });

  it('the bucket with the highest planted offset has the highest break rate', () => {
    const ra = bucketRates(a);
    assert.equal(ra.best, PLANTED_DESIGN.a.highest);
    assert.equal(
      obj(ra.result['recommendation'])['highest_break_rate_bucket'],
      PLANTED_DESIGN.a.highest,
    );
    const chi = obj(obj(ra.result['statistical_test'])['bucket_x_outcome_resolved']);
    assert.ok(num(chi['p_value']) < 0.01, `χ² p ${String(chi['p_value'])}`);
    // Plant the highest offset elsewhere and the finding follows it.
    assert.equal(bucketRates(b).best, PLANTED_DESIGN.b.highest);
  });

  it('the planted gamma × flow interaction is significant after BH, the unplanted pairs are not', () => {
    const r = discoverInteractions(args, a);
    const hyp = obj(r['hypothesized_interactions']);
    assert.deepEqual(Object.keys(hyp).sort(), HYPOTHESIZED_PAIRS.map((p) => p.key).sort());
    const planted = obj(hyp[PLANTED]);
    assert.equal(planted['significant'], true, `q ${String(planted['q_value'])}`);
    assert.ok(num(planted['q_value']) <= 0.05);
    assert.ok(num(planted['interaction_coefficient']) > 0, 'synergy, as planted');
    assert.ok(num(planted['combo_edge']) > 0, 'high/high breaks more than the base rate');
    for (const key of UNPLANTED) {
      const pair = obj(hyp[key]);
      assert.equal(pair['significant'], false, `${key}: q ${String(pair['q_value'])}`);
    }
  });

  it('with the interaction coefficient set to 0 the same pair is not significant', () => {
    const r = discoverInteractions(args, b);
    const pair = obj(obj(r['hypothesized_interactions'])[PLANTED]);
    assert.equal(pair['significant'], false, `q ${String(pair['q_value'])}`);
    assert.ok(num(pair['q_value']) > 0.05);
  });

  it('lows approached from below break less, as planted (kind × direction)', () => {
    const r = analyzeLevelSpecificity(args, a);
    const chi = obj(obj(r['statistical_test'])['kind_direction_x_outcome_resolved']);
    assert.ok(num(chi['p_value']) < 0.01, `χ² p ${String(chi['p_value'])}`);
    const stats = obj(r['level_stats']);
    const count = (dir: 'UP' | 'DOWN', field: 'n_break' | 'n_resolved') =>
      ['PM_LOW', 'OR_LOW'].reduce(
        (s, k) => s + num(obj(obj(obj(stats[k])['by_direction'])[dir])[field]),
        0,
      );
    const up = count('UP', 'n_break') / count('UP', 'n_resolved');
    const down = count('DOWN', 'n_break') / count('DOWN', 'n_resolved');
    assert.ok(up < down - 0.1, `lows from below ${up.toFixed(2)} vs from above ${down.toFixed(2)}`);
  });
});
