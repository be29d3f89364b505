import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { EpisodeRow } from '../dataset/episode-rows';
import { backgroundSample, confidenceTable, quantileRow } from './historical-stats';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function row(i: number, outcome: 'BREAK' | 'REJECT' | 'CHOP', episode: string): EpisodeRow {
  return {
    row: i,
    date: '2025-01-06',
    outcome,
    episode_id: episode,
    level_kind: 'PM_HIGH',
  } as unknown as EpisodeRow;
}

test('background sample: outcome shares kept, episodes spread, seeded', () => {
  // 60 BREAK (6 episodes), 30 REJECT (3 episodes), 10 CHOP (1 episode).
  const rows: EpisodeRow[] = [];
  for (let i = 0; i < 100; i++) {
    const outcome = i < 60 ? 'BREAK' : i < 90 ? 'REJECT' : 'CHOP';
    rows.push(row(i, outcome, `e${Math.floor(i / 10)}`));
  }
  const s = backgroundSample(rows, 10, 7);
  assert.equal(s.length, 10);
  assert.equal(new Set(s).size, 10);
  const by = (o: string) => s.filter((i) => rows[i].outcome === o).length;
  assert.deepEqual([by('BREAK'), by('REJECT'), by('CHOP')], [6, 3, 1]);
  // One frame per BREAK episode before any second one.
  assert.equal(
    new Set(s.filter((i) => rows[i].outcome === 'BREAK').map((i) => rows[i].episode_id)).size,
    6,
  );
  assert.deepEqual(backgroundSample(rows, 10, 7), s);
  assert.notDeepEqual(backgroundSample(rows, 10, 8), s);
  assert.deepEqual(backgroundSample(rows.slice(0, 5), 10, 7), [0, 1, 2, 3, 4]);
});

test('confidence bands: accuracy of the call per |p − 0.5| band', () => {
  const probs = [0.55, 0.45, 0.65, 0.25, 0.95, 0.02, 0.5];
  const labels = [1, 1, 0, 0, 1, 0, 0];
  const t = confidenceTable(labels, probs, 'hand');
  const b = t.bands;
  assert.deepEqual(
    b.map((x) => x.n),
    [3, 1, 1, 0, 2],
  );
  assert.equal(b[0].accuracy, Math.round((1 / 3) * 1e4) / 1e4); // 0.55→1 ✓, 0.45→0 ✗, 0.5→1 ✗
  assert.equal(b[1].accuracy, 0); // 0.65 → BREAK, was REJECT
  assert.equal(b[3].accuracy, null);
  assert.equal(b[4].accuracy, 1);
  assert.deepEqual(
    t.tiers.map((x) => x.n),
    [3, 1, 1, 2],
  );
  assert.equal(t.bins[5].n, 2);
  assert.equal(t.bins[0].observed, 0);
});

test('quantiles: type 7 over finite values, rounded', () => {
  const q = quantileRow([...Array.from({ length: 101 }, (_, i) => i), Number.NaN]);
  assert.deepEqual(q, [1, 5, 10, 25, 50, 75, 90, 95, 99]);
  assert.deepEqual(quantileRow([Number.NaN]), []);
});

test('the committed historical_stats.json belongs to the committed model and feature manifest', () => {
  const stats: unknown = JSON.parse(readFileSync('public/artifacts/historical_stats.json', 'utf8'));
  const model: unknown = JSON.parse(
    readFileSync('public/models/break-predictor.manifest.json', 'utf8'),
  );
  const features: unknown = JSON.parse(
    readFileSync('public/artifacts/feature_manifest.json', 'utf8'),
  );
  assert.ok(isRecord(stats) && isRecord(model) && isRecord(features));
  assert.equal(stats['schema'], 'pentaview-historical-stats/1');
  assert.ok(isRecord(stats['model']));
  assert.equal(stats['model']['sha256'], model['sha256']);
  assert.equal(stats['feature_manifest_hash'], features['hash']);
  const strata = stats['strata'];
  assert.ok(Array.isArray(strata) && strata.length === 18, 'PM levels × 5 buckets + OR levels × 4');
  for (const s of strata) {
    assert.ok(isRecord(s) && isRecord(s['background']) && Array.isArray(s['background']['rows']));
    assert.ok(s['background']['rows'].length >= 1 && s['background']['rows'].length <= 32);
    assert.ok(Array.isArray(s['feature_quantiles']) && s['feature_quantiles'].length === 144);
  }
});
