/**
 * Row budget, speed and accuracy of the attribution on a 144-feature tree ensemble (seeded random
 * trees, 200 × depth 6, logistic, logit spread ≈ 1) with the default 15 drivers and the 6 sections, background 32.
 *
 *   npx tsx src/domain/attribution/bench/attribution-bench.ts
 *
 * Times are the fastest of a few wall-clock repeats; "model" is the JS tree predictor, not onnxruntime.
 * Accuracy is against the exact driver Shapley values, computed as the mean over background rows
 * of the exact single-row attribution (the value is linear in the background distribution).
 */
import { predictBatch, TreeEnsemble } from '../../model/tree-ensemble';
import { explainWith } from '../attribution-batch';
import { AttributionOptions, planAttribution } from '../attribution-plan';
import { finishAttribution } from '../finish-attribution';
import { sectionGroups } from '../section-groups';
import { SeededRandom } from '../seeded-random';
import { randomTreeEnsemble, uniformRows } from '../testing/random-tree-ensemble';
import { BENCH_DRIVER_GROUPS } from './bench-driver-groups';

// Runs under Node without importing it: the global console exists there and in browsers.
declare const console: { log(message: string): void };
declare const performance: { now(): number };

export interface BenchLine {
  readonly label: string;
  readonly rows: number;
  readonly planMs: number;
  readonly modelMs: number;
  readonly finishMs: number;
  /** RMS error of the driver values against the exact ones, probability points. */
  readonly rmsError: number;
  /** Root mean square of the reported standard errors (comparable with rmsError). */
  readonly rmsStandardError: number;
  /** Mean |φ| of the exact driver values, for scale. */
  readonly meanAbsValue: number;
  readonly maxEfficiencyGap: number;
}

/** The fastest of `repeats` runs (the machine may be shared; the minimum is the stable figure). */
function timeMs<T>(repeats: number, run: () => T): { value: T; ms: number } {
  let best = Number.POSITIVE_INFINITY;
  let value: T | undefined;
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    value = run();
    best = Math.min(best, performance.now() - t0);
  }
  if (value === undefined) throw new Error('no run');
  return { value, ms: best };
}

function exactBySingleRows(model: TreeEnsemble, x: Float32Array, background: Float32Array, groups: readonly (readonly number[])[]): number[] {
  const d = x.length;
  const nBackground = background.length / d;
  const total = new Array<number>(groups.length).fill(0);
  for (let b = 0; b < nBackground; b++) {
    const r = explainWith((rows) => predictBatch(model, rows), x, background.subarray(b * d, (b + 1) * d), groups, { mode: 'exact', seed: 0 });
    r.values.forEach((v, i) => (total[i] += v / nBackground));
  }
  return total;
}

export function runAttributionBench(levels = 3, seeds = 4): BenchLine[] {
  const d = 144;
  const model = randomTreeEnsemble({ nFeatures: d, nTrees: 200, depth: 6, seed: 1, leafScale: 0.25, postTransform: 'LOGISTIC' });
  const rng = new SeededRandom(2);
  const background = uniformRows(rng, 32, d);
  const xs = Array.from({ length: levels }, () => uniformRows(rng, 1, d));
  const truths = xs.map((x) => exactBySingleRows(model, x, background, BENCH_DRIVER_GROUPS));
  const lines: BenchLine[] = [];

  const measure = (label: string, groups: readonly (readonly number[])[], options: AttributionOptions, truth: boolean): void => {
    let rows = 0, planMs = 0, modelMs = 0, finishMs = 0, sq = 0, n = 0, se = 0, gap = 0, size = 0;
    xs.forEach((x, l) => {
      for (let s = 0; s < seeds; s++) {
        const plan = timeMs(5, () => planAttribution(x, background, groups, { ...options, seed: options.seed + s }));
        const outputs = timeMs(2, () => predictBatch(model, plan.value.rows));
        const result = timeMs(5, () => finishAttribution(plan.value, outputs.value));
        rows += plan.value.nRows;
        planMs += plan.ms;
        modelMs += outputs.ms;
        finishMs += result.ms;
        const r = result.value;
        gap = Math.max(gap, Math.abs(r.values.reduce((a, b) => a + b, 0) - (r.fx - r.baseRate)));
        r.values.forEach((v, i) => {
          if (truth) sq += (v - truths[l][i]) ** 2;
          size += Math.abs(truth ? truths[l][i] : v);
          se += r.standardErrors[i] ** 2;
          n++;
        });
      }
    });
    const runs = xs.length * seeds;
    lines.push({
      label,
      rows: rows / runs,
      planMs: planMs / runs,
      modelMs: modelMs / runs,
      finishMs: finishMs / runs,
      rmsError: truth ? Math.sqrt(sq / n) : Number.NaN,
      rmsStandardError: Math.sqrt(se / n),
      meanAbsValue: size / n,
      maxEfficiencyGap: gap,
    });
  };

  measure('sections exact, B=32', sectionGroups(), { mode: 'exact', seed: 1 }, false);
  for (const permutations of [8, 16, 32]) {
    for (const backgroundRowsPerPair of [32, 16, 8]) {
      measure(`drivers K=${permutations} R=${backgroundRowsPerPair}`, BENCH_DRIVER_GROUPS, { mode: 'permutation', permutations, backgroundRowsPerPair, seed: 10 }, true);
    }
  }
  return lines;
}

export function formatBench(lines: readonly BenchLine[]): string {
  const head = 'config                     rows   plan ms  JS-model ms  finish ms  mean |φ| (pp)  RMS err (pp)   RMS SE (pp)  max |Σφ−edge|';
  const body = lines.map((l) =>
    [
      l.label.padEnd(24),
      l.rows.toFixed(0).padStart(6),
      l.planMs.toFixed(2).padStart(9),
      l.modelMs.toFixed(1).padStart(12),
      l.finishMs.toFixed(3).padStart(10),
      (100 * l.meanAbsValue).toFixed(2).padStart(14),
      (Number.isNaN(l.rmsError) ? '—' : (100 * l.rmsError).toFixed(3)).padStart(13),
      (100 * l.rmsStandardError).toFixed(3).padStart(13),
      l.maxEfficiencyGap.toExponential(1).padStart(14),
    ].join(' '),
  );
  return [head, ...body].join('\n');
}

console.log(formatBench(runAttributionBench()));
