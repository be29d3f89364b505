import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { LevelFrame } from '../../src/domain/frame/level-frame';
import { labelFrame } from '../../src/domain/labels/label-frame';
import { PriceBar10s } from '../../src/domain/market/price-bar';
import { inZone } from '../../src/domain/time/approach-zone';
import { EpisodeVectorBuilder } from '../../src/domain/vector/episode-vector-builder';
import { buildSessionEpisodes } from './build-episodes';
import { EpisodeTruth, rowIdentity } from './episode-rows';
import { loadEpisodes, toBinaryEpisodes, writeEpisodes } from './episodes-file';
import { syntheticSession } from './synthetic-frames';

const tmp = mkdtempSync(join(tmpdir(), 'episodes-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** 10-s bars that follow the frames' spot path (constant within each 30-s step), to 12:40 ET. */
function barsFor(frames: readonly LevelFrame[]): PriceBar10s[] {
  const spotAt = new Map<number, number>();
  for (const f of frames) spotAt.set(Date.parse(f.ts), f.spot);
  const times = [...spotAt.keys()].sort((a, b) => a - b);
  const bars: PriceBar10s[] = [];
  let last = spotAt.get(times[0]) ?? 6000;
  for (let t = times[0] - 30_000; t < times[times.length - 1] + 10 * 60_000; t += 10_000) {
    const stepStart = t - ((t - times[0]) % 30_000);
    last = spotAt.get(stepStart + 30_000) ?? last;
    bars.push({ t, open: last, high: last + 0.25, low: last - 0.25, close: last });
  }
  return bars;
}

const TRUTH: EpisodeTruth = {
  p_break: { '2': 0.4, '4': 0.5, '8': 0.6 },
  engaged: true,
  engaged_level_kind: 'PM_HIGH',
  baseline_4: 0.45,
  contributions_4: { 'Order Flow': 0.05 },
  causes: {},
};

test('buildSessionEpisodes writes every in-zone active frame with its live vector, labels and episode flags', () => {
  const frames = syntheticSession(3);
  const bars = barsFor(frames);
  const inZoneFrames = frames.filter(inZone);
  assert.ok(inZoneFrames.length > 100, 'the synthetic session should visit the zone');
  const truth = new Map([[rowIdentity(inZoneFrames[10]), TRUTH]]);
  const { rows, vectors } = buildSessionEpisodes(frames, bars, truth, { horizonMin: 4 });

  assert.equal(rows.length, inZoneFrames.length);
  assert.equal(vectors.length, rows.length * 144);
  assert.deepEqual(
    rows.map((r) => r.row),
    rows.map((_, i) => i),
  );

  // Vectors equal what the live builder produces for the same feed.
  const live = new EpisodeVectorBuilder();
  const expected = new Map<string, Float32Array>();
  for (const f of frames) expected.set(rowIdentity(f), live.push(f));
  rows.forEach((r, i) => {
    const v = expected.get(`${r.t_ms}|${r.level_kind}`);
    assert.ok(v !== undefined);
    assert.deepEqual(vectors.subarray(i * 144, (i + 1) * 144), v);
  });

  // Labels use the frame's level, direction, atr and spot at the frame's time.
  rows.forEach((r) =>
    assert.equal(r.outcome, labelFrame(bars, r.t_ms, r.level_price, r.direction, r.atr, 4, r.spot)),
  );
  const outcomes = new Set(rows.map((r) => r.outcome));
  assert.ok(
    outcomes.has('BREAK') && outcomes.has('REJECT'),
    `outcomes seen: ${[...outcomes].join(', ')}`,
  );

  // Episodes: each id starts with exactly one start row, ids are per date/level.
  const starts = rows.filter((r) => r.episode_start);
  const ids = new Set(rows.map((r) => r.episode_id));
  assert.equal(starts.length, ids.size);
  for (const id of ids)
    assert.ok(
      rows.find((r) => r.episode_id === id)?.episode_start,
      `${id} starts with its first row`,
    );
  assert.ok(
    rows.every(
      (r) => r.episode_id !== null && r.episode_id.startsWith(`${r.date}/${r.level_kind}/`),
    ),
  );

  assert.deepEqual(
    rows.find((r) => r.ts === inZoneFrames[10].ts && r.level_kind === inZoneFrames[10].level_kind)
      ?.truth,
    TRUTH,
  );
  assert.equal(rows.filter((r) => r.truth !== null).length, 1);
});

test('--all-frames also writes out-of-zone active frames, never inactive ones', () => {
  const frames = syntheticSession(4);
  const { rows } = buildSessionEpisodes(frames, barsFor(frames), new Map(), {
    horizonMin: 2,
    allFrames: true,
  });
  assert.equal(rows.length, frames.filter((f) => f.level_active).length);
  assert.ok(rows.some((r) => !r.in_zone && r.episode_id === null));
});

test('writeEpisodes / loadEpisodes round-trip and reject a truncated vector file', () => {
  const frames = syntheticSession(5);
  const { rows, vectors } = buildSessionEpisodes(frames, barsFor(frames), new Map(), {
    horizonMin: 4,
  });
  const path = join(tmp, 'rt', 'episodes.ndjson');
  writeEpisodes(
    path,
    {
      schema: 'pentaview-episodes/1',
      horizon_min: 4,
      dimension: 144,
      feature_manifest_hash: 'x',
      all_frames: false,
      sessions: ['2025-11-03'],
      source: 'test',
    },
    rows,
    vectors,
  );
  const loaded = loadEpisodes(path);
  assert.equal(loaded.header.count, rows.length);
  assert.deepEqual(loaded.rows, rows);
  assert.deepEqual(loaded.vectors, vectors);
  assert.deepEqual(loaded.vector(3), vectors.subarray(3 * 144, 4 * 144));
  const binary = toBinaryEpisodes(loaded);
  const decided = rows.filter((r) => r.outcome !== 'CHOP');
  assert.equal(binary.labels.length, decided.length);
  assert.deepEqual(
    [...binary.labels],
    decided.map((r) => (r.outcome === 'BREAK' ? 1 : 0)),
  );
  assert.deepEqual(
    binary.dates,
    decided.map((r) => r.date),
  );
  assert.deepEqual(binary.rows.subarray(0, 144), loaded.vector(decided[0].row));
  assert.equal(
    toBinaryEpisodes(loaded, (r) => r.episode_start).labels.length,
    decided.filter((r) => r.episode_start).length,
  );
  writeFileSync(
    join(tmp, 'rt', 'episodes.f32'),
    readFileSync(join(tmp, 'rt', 'episodes.f32')).subarray(0, 100),
  );
  assert.throws(() => loadEpisodes(path), /bytes/);
});

test('npm run episodes reads gzipped simulator output and joins the truth file', () => {
  const dir = join(tmp, 'sim');
  mkdirSync(join(dir, 'sessions'), { recursive: true });
  mkdirSync(join(dir, 'truth'), { recursive: true });
  const frames = syntheticSession(6, '2025-11-05');
  const ndjson = (xs: readonly unknown[]) => xs.map((x) => JSON.stringify(x)).join('\n') + '\n';
  writeFileSync(join(dir, 'sessions', '2025-11-05.frames.ndjson.gz'), gzipSync(ndjson(frames)));
  writeFileSync(join(dir, 'sessions', '2025-11-05.bars.ndjson'), ndjson(barsFor(frames)));
  const target = frames.filter(inZone)[0];
  writeFileSync(
    join(dir, 'truth', '2025-11-05.truth.ndjson.gz'),
    gzipSync(
      ndjson([
        { schema: 'pentaview-truth/1', ts: target.ts, level_kind: target.level_kind, ...TRUTH },
      ]),
    ),
  );
  const out = join(tmp, 'out', 'ep.ndjson');
  execFileSync(
    'npx',
    ['tsx', 'tools/dataset/episodes.ts', '--data', dir, '--horizon', '8min', '--out', out],
    { stdio: 'pipe' },
  );
  const loaded = loadEpisodes(out);
  assert.equal(loaded.header.horizon_min, 8);
  assert.equal(loaded.rows.length, frames.filter(inZone).length);
  assert.ok(loaded.rows.every((r) => r.outcome === r.outcomes['8']));
  assert.deepEqual(loaded.rows[0].truth, TRUTH);
});
