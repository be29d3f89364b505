/**
 * npm run bench:train [-- --data data/sim60 --runs 3 --seed 1]
 *
 * Times the whole `npm run train` pipeline (episodes from the simulator folder, grouped CV,
 * final model, calibration, export) on the data, `runs` times, and prints every run, the median
 * (target ≤ 3 min on 2 cores for 60 days) and the ONNX size (target ≤ 2 MB).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTraining } from './train';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'data/sim60' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
  },
});
const runs = Number(values.runs);
const out = mkdtempSync(join(tmpdir(), 'bench-train-'));
const times: number[] = [];
let bytes = 0;
let trees = 0;
for (let r = 0; r < runs; r++) {
  const res = runTraining({
    data: values.data ?? 'data/sim60',
    horizonMin: 4,
    out,
    seed: Number(values.seed),
    folds: 5,
    params: {},
  });
  times.push(res.elapsedMs / 1000);
  bytes = res.onnxBytes;
  trees = res.manifest.training.trees;
  console.log(
    `run ${r + 1}: ${(res.elapsedMs / 1000).toFixed(1)} s (load average ${loadavg()[0].toFixed(1)})`,
  );
}
rmSync(out, { recursive: true, force: true });
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor((sorted.length - 1) / 2)];
console.log(
  `train on ${values.data}: median ${median.toFixed(1)} s over ${runs} runs (min ${sorted[0].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)}); target ≤ 180 s: ${median <= 180 ? 'MET' : 'MISSED'}`,
);
console.log(
  `model: ${trees} trees, ONNX ${bytes} bytes (${(bytes / 1024 / 1024).toFixed(2)} MB); target ≤ 2 MB: ${bytes <= 2 * 1024 * 1024 ? 'MET' : 'MISSED'}`,
);
