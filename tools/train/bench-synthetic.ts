/**
 * Benchmark: 20k × 144 synthetic rows with a known nonlinear signal, 200 trees of depth ≤ 6.
 * Prints the median wall and CPU time of 3 runs (with the load average, since other processes
 * slow a 2-core machine), held-out AUC and log loss, tree count and model size.
 *
 *   npm run bench:train-synthetic
 */
import { loadavg } from 'node:os';
import { predictBatch } from '../../src/domain/model/tree-ensemble';
import { trainGbdt, type GbdtResult } from './gbdt';
import { logLoss, rocAuc } from './metrics';
import { makeSyntheticDataset, syntheticLogOdds } from './synthetic';

const N_TRAIN = 20_000;
const N_TEST = 20_000;
const N_FEATURES = 144;
const RUNS = 3;
const params = { nTrees: 200, maxDepth: 6, maxLeaves: 64, learningRate: 0.1, seed: 7 };

const train = makeSyntheticDataset(N_TRAIN, N_FEATURES, 1);
const test = makeSyntheticDataset(N_TEST, N_FEATURES, 2);

const times: number[] = [];
const cpuTimes: number[] = [];
let result: GbdtResult | undefined;
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  result = trainGbdt(train, params);
  const cpu = process.cpuUsage(cpu0);
  times.push(performance.now() - t0);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
  console.log(
    `run ${run + 1}: wall ${(times[run] / 1000).toFixed(2)} s, cpu ${(cpuTimes[run] / 1000).toFixed(2)} s, load ${loadavg()[0].toFixed(1)}`,
  );
}
if (result === undefined) throw new Error('no run');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const probs = predictBatch(result.model, test.rows);
const oracle = Array.from({ length: N_TEST }, (_, i) =>
  syntheticLogOdds(test.rows.subarray(i * N_FEATURES, (i + 1) * N_FEATURES)),
);
const leaves = result.model.trees.reduce((s, t) => s + t.feature.filter((f) => f < 0).length, 0);
console.log(`rows ${N_TRAIN} × ${N_FEATURES} features, params ${JSON.stringify(params)}`);
console.log(
  `train time median of ${RUNS}: wall ${(median(times) / 1000).toFixed(2)} s, cpu ${(median(cpuTimes) / 1000).toFixed(2)} s`,
);
console.log(
  `held-out AUC ${rocAuc(test.labels, probs).toFixed(4)} (true-signal AUC ${rocAuc(test.labels, oracle).toFixed(4)}), log loss ${logLoss(test.labels, probs).toFixed(4)}`,
);
console.log(
  `trees ${result.model.trees.length}, leaves ${leaves}, JSON ${JSON.stringify(result.model).length} bytes`,
);
