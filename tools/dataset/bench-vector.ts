/**
 * Benchmark of the per-frame live path: EpisodeVectorBuilder.push (and, for reference, the frame
 * validator) over a realistic session of 4 levels × 361 frames. Prints the median µs per frame
 * over repeated runs. Target: ≤ 50 µs per frame for the vector.
 * Usage: npm run bench:vector [-- --runs 40]
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { validateLevelFrame } from '../../src/domain/frame/validate-level-frame';
import { EpisodeVectorBuilder } from '../../src/domain/vector/episode-vector-builder';
import { syntheticSession } from './synthetic-frames';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' } } });
const runs = Math.max(3, Number(values.runs ?? '40'));

const sessions = [syntheticSession(1, '2025-11-03'), syntheticSession(2, '2025-11-04')];
const frames = sessions.flat();
const parsed: unknown[] = frames.map((f) => JSON.parse(JSON.stringify(f)));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measure(label: string, perFrame: () => number): number {
  for (let w = 0; w < 5; w++) perFrame(); // warm-up (JIT)
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) samples.push(perFrame());
  const med = median(samples);
  console.log(
    `${label.padEnd(34)} median ${med.toFixed(2)} µs/frame  (min ${Math.min(...samples).toFixed(2)}, max ${Math.max(...samples).toFixed(2)}, ${runs} runs × ${frames.length} frames)`,
  );
  return med;
}

const out = new Float32Array(144);
let sink = 0;
const vector = measure('EpisodeVectorBuilder.push', () => {
  const builder = new EpisodeVectorBuilder();
  const t0 = performance.now();
  for (const f of frames) sink += builder.push(f, out)[143];
  return ((performance.now() - t0) * 1000) / frames.length;
});
measure('validateLevelFrame', () => {
  const t0 = performance.now();
  for (const f of parsed) sink += validateLevelFrame(f).ok ? 1 : 0;
  return ((performance.now() - t0) * 1000) / frames.length;
});
measure('validate + push', () => {
  const builder = new EpisodeVectorBuilder();
  const t0 = performance.now();
  for (const f of parsed) {
    const r = validateLevelFrame(f);
    if (r.ok) sink += builder.push(r.frame, out)[0];
  }
  return ((performance.now() - t0) * 1000) / frames.length;
});
if (!Number.isFinite(sink)) console.log('(non-finite checksum)');
console.log(
  `vector target ≤ 50 µs/frame: ${vector <= 50 ? 'met' : 'NOT met'} (node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')})`,
);
