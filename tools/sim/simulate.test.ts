import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { readManifest, readNdjson } from './dataset-reader';
import { runSimulation } from './simulation-runner';

const dirs: string[] = [];
const fresh = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pv-sim-test-'));
  dirs.push(dir);
  return dir;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const read = (dir: string, rel: string): Buffer => readFileSync(join(dir, rel));

describe('simulate CLI runner', () => {
  it('writes identical bytes for the same seed (in this thread or a worker) and different bytes for another seed', async () => {
    const a = fresh();
    const b = fresh();
    const c = fresh();
    const request = { days: 1, seed: 3, start: '2025-11-01', gzip: false };
    const ma = await runSimulation({ ...request, outDir: a, workers: 0 });
    await runSimulation({ ...request, outDir: b, workers: 1 });
    await runSimulation({ ...request, seed: 4, outDir: c, workers: 0 });
    assert.deepEqual(ma.dates, ['2025-11-03']); // Saturday start → Monday, first day on standard time
    assert.equal(ma.files.length, 3);
    assert.ok(read(a, 'manifest.json').equals(read(b, 'manifest.json')));
    for (const f of ma.files) {
      assert.ok(read(a, f.path).equals(read(b, f.path)), f.path);
      assert.ok(!read(a, f.path).equals(read(c, f.path)), f.path);
    }
  });

  it('writes gzip files whose content equals the plain files, and a manifest that checks out', async () => {
    const plain = fresh();
    const zipped = fresh();
    const request = { days: 1, seed: 3, start: '2025-11-03', workers: 0 };
    const mp = await runSimulation({ ...request, outDir: plain, gzip: false });
    const mz = await runSimulation({ ...request, outDir: zipped, gzip: true });
    assert.equal(mz.schema, 'pentaview-dataset/1');
    mp.files.forEach((f, i) => {
      const z = mz.files[i];
      assert.ok(z && z.path === `${f.path}.gz`);
      assert.ok(gunzipSync(read(zipped, z.path)).equals(read(plain, f.path)));
    });
    const view = readManifest(plain);
    assert.deepEqual(view.dates, ['2025-11-03']);
    const frames = readNdjson(join(plain, 'sessions/2025-11-03.frames.ndjson'));
    assert.equal(frames.length, mp.counts.frames);
    assert.equal(frames.length, 361 * 4);
    let prevSeq = -1;
    let prevTs = '';
    for (const f of frames) {
      assert.ok(typeof f === 'object' && f !== null && 'seq' in f && 'ts' in f);
      const { seq, ts } = f;
      assert.ok(typeof seq === 'number' && seq > prevSeq);
      assert.ok(typeof ts === 'string' && ts >= prevTs);
      prevSeq = seq;
      prevTs = ts;
    }
    const bars = readNdjson(join(plain, 'sessions/2025-11-03.bars.ndjson'));
    assert.equal(bars.length, mp.counts.bars);
    assert.ok(bars.length >= (3 * 3600 + 40 * 60) / 10); // 09:00 to at least 12:40
  });
});
