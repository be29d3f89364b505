/**
 * The train command end to end on a small episodes file (synthetic vectors with a known signal,
 * 12 days): the files it writes, their manifest, determinism, and the report's loader accepting
 * the result.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { predictBatch } from '../../src/domain/model/tree-ensemble';
import { defaultManifestContent, manifestHash } from '../../src/domain/vector/feature-manifest';
import { parseModelManifest } from '../../src/protocol/model-manifest';
import { EPISODES_SCHEMA, type EpisodeRow } from '../dataset/episode-rows';
import { writeEpisodes } from '../dataset/episodes-file';
import { makeSyntheticDataset, syntheticLogOdds } from '../train/synthetic';
import { readEnsemble, sha256Hex } from './model-files';
import { loadOnnxModel } from './onnx-model';
import { TRUTH_LABELS_NOTE, parseLabels, runTraining } from './train';

function writeSyntheticEpisodes(dir: string): string {
  const n = 1800;
  const ds = makeSyntheticDataset(n, 144, 11);
  const rows: EpisodeRow[] = [];
  for (let i = 0; i < n; i++) {
    const day = 6 + Math.floor(i / 150);
    const date = `2025-01-${String(day).padStart(2, '0')}`;
    const z = syntheticLogOdds(ds.rows.subarray(i * 144, (i + 1) * 144));
    const outcome = i % 7 === 0 ? 'CHOP' : ds.labels[i] === 1 ? 'BREAK' : 'REJECT';
    rows.push({
      row: i,
      date,
      ts: `${date}T15:00:00.000Z`,
      t_ms: Date.parse(`${date}T15:00:00.000Z`),
      seq: i,
      minutes_since_open: 60,
      level_kind: 'PM_HIGH',
      level_price: 6000,
      direction: 'UP',
      spot: 5999,
      atr: 3,
      distance_signed_atr: -1 / 3,
      bucket: 'T60_120',
      in_zone: true,
      episode_id: `${date}/PM_HIGH/${i % 10}`,
      episode_start: i % 10 === 0,
      outcome,
      outcomes: { '2': outcome, '4': outcome, '8': outcome },
      horizon_covered: true,
      truth: {
        p_break: { '2': 0.5, '4': 1 / (1 + Math.exp(-z)), '8': 0.5 },
        engaged: true,
        engaged_level_kind: 'PM_HIGH',
        baseline_4: 0.4,
        contributions_4: {},
        causes: {},
      },
    });
  }
  const path = join(dir, 'episodes-4min.ndjson');
  writeEpisodes(
    path,
    {
      schema: EPISODES_SCHEMA,
      horizon_min: 4,
      dimension: 144,
      feature_manifest_hash: manifestHash(defaultManifestContent()),
      all_frames: false,
      sessions: [...new Set(rows.map((r) => r.date))],
      source: dir,
    },
    rows,
    ds.rows,
  );
  return path;
}

test('npm run train writes a loadable, deterministic model with its training record and metrics', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'train-cli-'));
  const data = writeSyntheticEpisodes(dir);
  const params = {
    nTrees: 40,
    learningRate: 0.2,
    maxDepth: 3,
    maxLeaves: 8,
    earlyStoppingRounds: 10,
  };
  const opts = { data, horizonMin: 4, seed: 2, folds: 3, holdoutDays: 2, params };
  const a = runTraining({ ...opts, out: join(dir, 'a') });
  const b = runTraining({ ...opts, out: join(dir, 'b') });

  const files = [
    'break-predictor.onnx',
    'break-predictor.ensemble.json',
    'break-predictor.manifest.json',
  ];
  for (const f of files) {
    assert.deepEqual(
      readFileSync(join(dir, 'a', f)),
      readFileSync(join(dir, 'b', f)),
      `${f} differs between runs`,
    );
  }
  const json: unknown = JSON.parse(readFileSync(join(dir, 'a', files[2]), 'utf8'));
  const parsed = parseModelManifest(json);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  const m = a.manifest;
  assert.equal(m.sha256, sha256Hex(readFileSync(join(dir, 'a', files[0]))));
  assert.equal(m.feature_manifest_hash, manifestHash(defaultManifestContent()));
  assert.deepEqual(m.training.dates, { first: '2025-01-06', last: '2025-01-17', n: 12 });
  assert.deepEqual(m.training.early_stopping_dates, ['2025-01-16', '2025-01-17']);
  assert.equal(m.training.frames.resolved, 1800 - Math.ceil(1800 / 7));
  assert.equal(
    m.training.frames.fit + m.training.frames.early_stopping,
    m.training.frames.resolved,
  );
  assert.equal(m.metrics.cv.fold_auc.length, 3);
  assert.ok(m.metrics.cv.auc > 0.6 && m.metrics.held_out.auc > 0.6);
  assert.ok(
    m.metrics.held_out.bayes_auc !== null &&
      m.metrics.held_out.bayes_auc > m.metrics.held_out.auc - 0.05,
  );
  assert.equal(b.manifest.sha256, m.sha256);

  // The loader the report and the app use accepts it, and agrees with the ensemble JSON.
  const model = await loadOnnxModel(join(dir, 'a', files[0]));
  const ensemble = readEnsemble(join(dir, 'a', files[1]));
  const x = makeSyntheticDataset(200, 144, 99).rows;
  const got = await model.predict(x, 200);
  const want = predictBatch(ensemble, x);
  for (let i = 0; i < 200; i++) assert.ok(Math.abs(got[i] - want[i]) <= 1e-5);
  await model.release();
});

test('--labels truth is recorded in the manifest; an unknown --labels value is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'train-cli-truth-'));
  const data = writeSyntheticEpisodes(dir);
  const params = { nTrees: 20, learningRate: 0.2, maxDepth: 3, maxLeaves: 8 };
  const opts = { data, horizonMin: 4, seed: 2, folds: 3, holdoutDays: 2, params };
  const outcome = runTraining({ ...opts, out: join(dir, 'outcome') });
  const truth = runTraining({ ...opts, out: join(dir, 'truth'), labels: parseLabels('truth') });
  assert.equal(outcome.manifest.training.labels, undefined);
  assert.equal(truth.manifest.training.labels, TRUTH_LABELS_NOTE);
  assert.equal(truth.manifest.training.calibration.applied, false);
  const json: unknown = JSON.parse(
    readFileSync(join(dir, 'truth', 'break-predictor.manifest.json'), 'utf8'),
  );
  assert.ok(parseModelManifest(json).ok);
  assert.notEqual(truth.manifest.sha256, outcome.manifest.sha256);
  assert.equal(parseLabels('outcome'), 'outcome');
  assert.throws(() => parseLabels('soft'), /--labels must be outcome or truth, not "soft"/);
});
