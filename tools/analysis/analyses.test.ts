import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runSimulation } from '../sim/simulation-runner';
import { jsonText, parseAnalysisArgs, recommendByGain, type AnalysisArgs } from './common';
import { loadInput } from './input';
import { discoverInteractions } from './interactions';
import { analyzeLevelSpecificity } from './level-specificity';
import { analyzeTimeStratification } from './time-stratification';
import { syntheticEpisodes, toCsv, toNdjson } from './synthetic-episodes';

const dir = mkdtempSync(join(tmpdir(), 'pv-analysis-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const csvPath = join(dir, 'planted.csv');
const ndjsonPath = join(dir, 'planted.ndjson');
const simDir = join(dir, 'sim');

const args = (data: string, extra: string[] = []): AnalysisArgs =>
  parseAnalysisArgs(
    ['--data', data, '--seed', '3', '--permutations', '199', '--quiet', ...extra],
    join(dir, 'out.json'),
  );

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => {
  assert.ok(typeof v === 'object' && v !== null && !Array.isArray(v), 'expected an object');
  return v as Json;
};

before(async () => {
  const rows = syntheticEpisodes({ days: 40, perDay: 30, seed: 11 });
  writeFileSync(csvPath, toCsv(rows));
  // NDJSON copy with planted bad rows: 5 bad of different kinds, plus a non-JSON line.
  const bad: Record<string, unknown>[] = [
    { ...rows[0], date: '06/01/2025' },
    { ...rows[1], level_kind: 'VWAP' },
    { ...rows[2], outcome: 'MAYBE' },
    { ...rows[3], gamma_exposure: 'high' },
    { ...rows[4], direction: 'SIDEWAYS' },
  ];
  writeFileSync(ndjsonPath, toNdjson([...rows.slice(5), ...bad]) + '{not json\n');
  await runSimulation({
    days: 3,
    seed: 5,
    start: '2025-03-03',
    gzip: false,
    outDir: simDir,
    workers: 0,
  });
});

describe('analysis input', () => {
  it('counts bad rows with their reasons and keeps the good ones', () => {
    const input = loadInput(ndjsonPath, { horizonMin: 4 });
    assert.equal(input.bad.count, 6);
    assert.equal(input.rows.length, 1200 - 5);
    assert.equal(input.bad.reasons['date: expected YYYY-MM-DD'], 1);
    assert.equal(input.bad.reasons['level_kind: unknown'], 1);
    assert.equal(input.bad.reasons['outcome: expected BREAK, REJECT or CHOP'], 1);
    assert.equal(input.bad.reasons['gamma_exposure: not a finite number'], 1);
    assert.equal(input.bad.reasons['direction: expected UP or DOWN'], 1);
    assert.equal(input.bad.reasons['not JSON'], 1);
    const result = analyzeTimeStratification(args(ndjsonPath));
    const m = obj(result['meta']);
    assert.equal(m['n_bad_rows'], 6);
    assert.equal(m['n'], 1195);
  });

  it('reads CSV and NDJSON analyst files to the same rows', () => {
    const a = loadInput(csvPath, { horizonMin: 4 });
    const b = loadInput(ndjsonPath, { horizonMin: 4 });
    assert.equal(a.bad.count, 0);
    assert.equal(a.featuresPresent, 9 + 1);
    const keyOf = (r: (typeof a.rows)[number]) =>
      `${r.ts}/${r.levelKind}/${r.outcome}/${r.vector[16]}`;
    const bKeys = new Set(b.rows.map(keyOf));
    assert.equal(a.rows.filter((r) => bKeys.has(keyOf(r))).length, b.rows.length);
  });

  it('applies --start/--end to session dates', () => {
    const input = loadInput(csvPath, { horizonMin: 4, start: '2025-01-13', end: '2025-01-17' });
    const dates = new Set(input.rows.map((r) => r.date));
    assert.deepEqual([...dates].sort(), [
      '2025-01-13',
      '2025-01-14',
      '2025-01-15',
      '2025-01-16',
      '2025-01-17',
    ]);
  });
});

describe('time stratification', () => {
  it('finds the planted highest-break bucket, a χ² difference, and follows the AUC-gain rule', () => {
    const r = analyzeTimeStratification(args(csvPath));
    const stats = obj(r['time_bucket_stats']);
    const rates = Object.fromEntries(
      Object.entries(stats).map(([b, v]) => [b, obj(v)['break_rate'] as number]),
    );
    const best = Object.entries(rates).sort((x, y) => y[1] - x[1])[0][0];
    assert.equal(best, 'T30_60');
    const rec = obj(r['recommendation']);
    assert.equal(rec['highest_break_rate_bucket'], 'T30_60');
    const chi = obj(obj(r['statistical_test'])['bucket_x_outcome_resolved']);
    assert.ok((chi['p_value'] as number) < 0.001);
    const gain = obj(r['model_comparison'])['auc_gain'] as number;
    const expected = {
      separate_models: 'separate_models',
      adjusted_thresholds: 'time_adjusted_thresholds',
      global_model: 'global_model',
      insufficient_data: 'insufficient_data',
    }[recommendByGain(gain)];
    assert.equal(rec['decision'], expected);
    for (const v of Object.values(obj(r['optimal_thresholds']))) {
      const t = obj(v)['optimal_threshold'];
      assert.ok(typeof t === 'number' && t >= 0 && t <= 1);
    }
  });

  it('says "insufficient data" instead of a threshold for a bucket with too few rows', () => {
    const small = join(dir, 'small.csv');
    const rows = syntheticEpisodes({ days: 12, perDay: 30, seed: 2 });
    writeFileSync(
      small,
      toCsv(
        rows.filter((x) => x['time_bucket'] !== 'T15_30' || Number(x['minutes_since_open']) < 16),
      ),
    );
    const r = analyzeTimeStratification(args(small));
    const t = obj(obj(r['optimal_thresholds'])['T15_30']);
    assert.equal(t['optimal_threshold'], null);
    assert.equal(t['status'], 'insufficient_data');
    assert.equal(obj(obj(r['time_specific_models'])['T15_30'])['status'], 'insufficient_data');
  });

  it('maps AUC gains to the recommendation rule', () => {
    assert.equal(recommendByGain(0.06), 'separate_models');
    assert.equal(recommendByGain(0.03), 'adjusted_thresholds');
    assert.equal(recommendByGain(0.01), 'global_model');
    assert.equal(recommendByGain(null), 'insufficient_data');
  });
});

describe('feature interactions', () => {
  it('finds the planted interaction after Benjamini–Hochberg and not the null pair', () => {
    const r = discoverInteractions(args(csvPath));
    const hyp = obj(r['hypothesized_interactions']);
    const planted = obj(hyp['gamma_exposure_x_order_flow']);
    assert.equal(planted['significant'], true);
    assert.ok((planted['q_value'] as number) <= 0.05);
    assert.ok((planted['interaction_coefficient'] as number) > 0);
    assert.ok((planted['combo_edge'] as number) > 0);
    assert.equal(planted['feat1'], 'gamma_exposure');
    const grid = obj(planted['grid']);
    const cells = ['low_low', 'low_high', 'high_low', 'high_high'].map(
      (c) => obj(grid[c])['n'] as number,
    );
    assert.equal(
      cells.reduce((a, b) => a + b, 0),
      grid['n'],
    );
    const nullPair = obj(hyp['level_stacking_x_gamma_walls']);
    assert.equal(nullPair['significant'], false);
    assert.ok((nullPair['p_value'] as number) > 0.05);
    assert.deepEqual(
      obj(r['summary'])['significant_pairs'],
      Object.entries(hyp)
        .filter(([, v]) => obj(v)['significant'] === true)
        .map(([k]) => k)
        .sort(),
    );
  });

  it('with --discover-all tests every driver pair and corrects across all of them', () => {
    const r = discoverInteractions(args(csvPath, ['--discover-all', '--permutations', '19']));
    const disc = obj(r['discovered_interactions']);
    assert.equal(Object.keys(disc).length, (15 * 14) / 2);
    assert.equal(obj(r['summary'])['pairs_tested'], 105 + 5);
  });
});

describe('level specificity', () => {
  it('reports per-kind base rates, the planted kind × direction difference and first touches', () => {
    const r = analyzeLevelSpecificity(args(csvPath));
    const stats = obj(r['level_stats']);
    assert.deepEqual(Object.keys(stats).sort(), ['OR_HIGH', 'OR_LOW', 'PM_HIGH', 'PM_LOW']);
    const orLow = obj(stats['OR_LOW']);
    const up = obj(obj(orLow['by_direction'])['UP'])['break_rate'] as number;
    const down = obj(obj(orLow['by_direction'])['DOWN'])['break_rate'] as number;
    assert.ok(up < down, `OR_LOW from below ${up} should break less than from above ${down}`);
    assert.equal(typeof orLow['break_rate_overall'], 'number');
    const seq = obj(r['sequence_analysis']);
    const first = obj(seq['first_touch'])['n'] as number;
    // Four kinds × 40 sessions: one first touch per kind and session present.
    assert.ok(first <= 160 && first >= 150);
  });
});

describe('reproducibility and the CLI', () => {
  it('gives byte-identical JSON for the same seed from a simulator folder, different for another seed', () => {
    const run = (out: string, seed: string) =>
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'tools/analysis/cli.ts',
          'interactions',
          '--data',
          simDir,
          '--seed',
          seed,
          '--permutations',
          '99',
          '--quiet',
          '--output-json',
          out,
        ],
        { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'ignore', 'pipe'] },
      );
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const c = join(dir, 'c.json');
    run(a, '1');
    run(b, '1');
    run(c, '2');
    assert.ok(readFileSync(a).equals(readFileSync(b)));
    assert.ok(!readFileSync(a).equals(readFileSync(c)));
    const m = obj(obj(JSON.parse(readFileSync(a, 'utf8')))['meta']);
    assert.equal(m['data_source'], 'simulator');
    assert.equal(obj(m['data_range'])['sessions'], 3);
    assert.equal(typeof m['input_sha256'], 'string');
  });

  it('is deterministic in process too (time stratification, two runs)', () => {
    assert.equal(
      jsonText(analyzeTimeStratification(args(simDir))),
      jsonText(analyzeTimeStratification(args(simDir))),
    );
  });

  it('exits with an error on a missing --data', () => {
    assert.throws(() => parseAnalysisArgs([], 'x.json'), /missing --data/);
    assert.throws(
      () => parseAnalysisArgs(['--data', 'x', '--horizon', '5min'], 'x.json'),
      /bad --horizon/,
    );
  });
});
