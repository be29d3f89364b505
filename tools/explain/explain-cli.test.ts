import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { historicalStatsToJson } from '../../src/domain/explain/parse-historical-stats';
import { parseLevelSignal } from '../../src/domain/explain/parse-level-signal';
import { inZone } from '../../src/domain/time/approach-zone';
import { defaultManifestContent } from '../../src/domain/vector/feature-manifest';
import { statsFromVectors } from './explain-support';
import { simulatedFixture } from './test-fixtures';

test('npm run explain writes one valid level_signal per in-zone frame of a recording', () => {
  const dir = mkdtempSync(join(tmpdir(), 'explain-cli-'));
  const fixture = simulatedFixture(2, 9);
  const manifest = defaultManifestContent();
  const stats = statsFromVectors(fixture.samples, manifest);
  writeFileSync(
    join(dir, 'stats.json'),
    JSON.stringify(
      historicalStatsToJson(
        stats,
        manifest.features.map((f) => f.name),
      ),
    ),
  );
  const frames = fixture.sessions[1].frames.slice(0, 600);
  const lines = frames.map((f) => JSON.stringify(f));
  lines.splice(5, 0, '{not json');
  writeFileSync(join(dir, 'frames.ndjson'), lines.join('\n') + '\n');
  const out = join(dir, 'signals.ndjson');
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/explain/explain.ts',
      '--frames',
      join(dir, 'frames.ndjson'),
      '--model',
      'public/models/break-predictor.onnx',
      '--stats',
      join(dir, 'stats.json'),
      '--out',
      out,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const signals = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => parseLevelSignal(JSON.parse(l)));
  const expected = frames.filter((f) => inZone(f)).length;
  assert.ok(expected > 10);
  assert.equal(signals.length, expected);
  for (const s of signals) {
    assert.ok(s.ok, s.ok ? '' : s.error);
    assert.equal(s.value.prediction.method, 'model');
  }
  assert.match(r.stdout, /1 rejected/);
});
