import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseFrameRecording } from '../../src/domain/feed/frame-recording';
import { groupFramesIntoTicks } from '../../src/domain/feed/frame-tick';
import { buildDemoRecording } from './demo-recording';

test('the demo recording is deterministic, valid, one session of 361 ticks × 4 levels', () => {
  const a = buildDemoRecording();
  const b = buildDemoRecording();
  assert.ok(a.gzip.equals(b.gzip), 'same bytes on every run');
  assert.equal(gunzipSync(a.gzip).toString('utf8'), a.text);
  const parsed = parseFrameRecording(a.text);
  assert.equal(parsed.rejected.count, 0);
  assert.equal(parsed.frames.length, 1444);
  const ticks = groupFramesIntoTicks(parsed.frames);
  assert.equal(ticks.length, 361);
  assert.ok(ticks.every((t) => t.frames.length === 4));
  assert.deepEqual(new Set(parsed.frames.map((f) => f.session_date)), new Set([a.index.date]));
  assert.equal(a.index.frames, 1444);
  assert.equal(a.index.sha256, createHash('sha256').update(a.gzip).digest('hex'));
});

test('public/demo matches what npm run demo:recording writes', () => {
  const demo = buildDemoRecording();
  const committed = readFileSync('public/demo/demo-session.ndjson.gz');
  const index: unknown = JSON.parse(readFileSync('public/demo/index.json', 'utf8'));
  assert.ok(committed.equals(demo.gzip), 'regenerate with npm run demo:recording');
  assert.deepEqual(index, demo.index);
});
