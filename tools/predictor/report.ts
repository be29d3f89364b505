/**
 * Evaluates an ONNX break predictor on labelled days it never saw (docs/predictor.md).
 *
 *   npm run report:model -- --model public/models/break-predictor.onnx --data DIR|FILE.ndjson
 *                           [--horizon 4min] [--write-manifest]
 *
 * Any model with a valid manifest loads (docs/bring-your-own-model.md). Prints AUC, the Bayes AUC
 * of the generator's truth on the same frames, their ratio, ECE (10 bins), Brier, n, the
 * reliability table and the targets (AUC ≥ 0.85, AUC ≥ 0.95 × Bayes AUC, ECE ≤ 0.03).
 * `--write-manifest` stores the figures and the 10-bin reliability table under
 * `metrics.independent` in the model's manifest and changes nothing else in it (the model bytes
 * and their sha256 stay as they are).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { calibrationReport } from '../train/metrics';
import { round, type FrameMetrics } from './model-files';
import { loadOnnxModel, predictAll } from './onnx-model';
import { frameMetrics } from './train-model';
import { roundMetrics } from './train';
import { loadTrainingEpisodes, parseHorizon, resolvedInZoneFrames } from './training-data';

export const TARGETS = { auc: 0.85, aucRatio: 0.95, ece: 0.03 } as const;

export function targetChecks(m: FrameMetrics): Record<string, boolean> {
  return {
    [`auc >= ${TARGETS.auc}`]: m.auc >= TARGETS.auc,
    [`auc >= ${TARGETS.aucRatio} x bayes_auc`]:
      m.auc_ratio !== null && m.auc_ratio >= TARGETS.aucRatio,
    [`ece <= ${TARGETS.ece}`]: m.ece <= TARGETS.ece,
  };
}

/** One bin of `metrics.independent.reliability` (the schema of src/protocol/model-manifest.ts). */
export interface ReliabilityBinJson {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  /** Mean predicted P(BREAK) in the bin; null when the bin is empty. */
  readonly mean_p: number | null;
  /** Observed BREAK share in the bin; null when the bin is empty. */
  readonly observed: number | null;
}

export interface ReliabilityJson {
  readonly method: string;
  readonly n: number;
  readonly bins: readonly ReliabilityBinJson[];
}

/** The 10 equal-width bins of the predictions on the independent days, as the manifest stores them. */
export function reliabilityTable(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
): ReliabilityJson {
  const bins = calibrationReport(labels, probs, 10).bins.map((b, i): ReliabilityBinJson => ({
    lo: i / 10,
    hi: (i + 1) / 10,
    n: b.count,
    mean_p: b.count > 0 ? round(b.meanPredicted, 4) : null,
    observed: b.count > 0 ? round(b.observedRate, 4) : null,
  }));
  return {
    method:
      '10 equal-width bins of the predicted P(BREAK) on the resolved in-zone frames of the independent days',
    n: labels.length,
    bins,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'public/models/break-predictor.onnx' },
      data: { type: 'string' },
      horizon: { type: 'string' },
      'write-manifest': { type: 'boolean', default: false },
    },
  });
  if (values.data === undefined) {
    console.error(
      'usage: npm run report:model -- --model FILE.onnx --data DIR|FILE.ndjson [--horizon 4min] [--write-manifest]',
    );
    process.exit(2);
  }
  const modelPath = values.model ?? 'public/models/break-predictor.onnx';
  const model = await loadOnnxModel(modelPath);
  const raw = model.manifestJson;
  const manifestHorizon = typeof raw['horizon_min'] === 'number' ? raw['horizon_min'] : null;
  const horizonMin =
    values.horizon !== undefined ? parseHorizon(values.horizon) : (manifestHorizon ?? 4);
  if (manifestHorizon !== null && manifestHorizon !== horizonMin) {
    console.warn(
      `warning: the model was trained at ${manifestHorizon} min, evaluating at ${horizonMin} min`,
    );
  }
  const { episodes, origin } = loadTrainingEpisodes(values.data, horizonMin);
  const frames = resolvedInZoneFrames(episodes);

  // Refuse to call data "independent" when it is the training data.
  const training = raw['training'];
  if (isRecord(training)) {
    const dates = training['dates'];
    const sameSeed = origin.dataSeed !== null && training['data_seed'] === origin.dataSeed;
    if (
      sameSeed &&
      isRecord(dates) &&
      typeof dates['first'] === 'string' &&
      typeof dates['last'] === 'string'
    ) {
      const first = dates['first'];
      const last = dates['last'];
      const overlap = frames.dates.filter((d) => d >= first && d <= last).length;
      if (overlap > 0) {
        console.error(
          `${values.data}: ${overlap} frames are from training days (seed ${origin.dataSeed}, ${first}…${last}); use days of another seed`,
        );
        process.exit(1);
      }
    }
  }

  const t0 = performance.now();
  const probs = await predictAll(model, frames.rows, frames.labels.length);
  const ms = performance.now() - t0;
  await model.release();
  const m = roundMetrics(frameMetrics(frames, probs));
  const f = (x: number | null, d = 3) => (x === null ? 'n/a' : x.toFixed(d));
  console.log(
    `model ${modelPath} (${model.manifest.kind}, sha256 ${model.manifest.sha256.slice(0, 12)}…)`,
  );
  console.log(
    `data ${values.data}: ${m.n_days} days (seed ${origin.dataSeed ?? '?'}, generator ${origin.generatorVersion ?? '?'}), ${m.n} resolved in-zone frames at ${horizonMin} min, BREAK ${(100 * m.break_rate).toFixed(1)} %; scored in ${ms.toFixed(0)} ms`,
  );
  console.log('');
  console.log(`  AUC        ${f(m.auc)}`);
  console.log(
    `  Bayes AUC  ${f(m.bayes_auc)}   (the generator's true P(BREAK) on the same frames)`,
  );
  console.log(`  ratio      ${f(m.auc_ratio)}`);
  console.log(`  ECE        ${f(m.ece)}   (10 equal-width bins)`);
  console.log(`  Brier      ${f(m.brier, 4)}`);
  console.log(`  log loss   ${f(m.log_loss, 4)}`);
  console.log(`  n          ${m.n}`);
  console.log('');
  console.log('  reliability   bin        n   mean p  observed');
  for (const b of calibrationReport(frames.labels, probs, 10).bins) {
    const range = `[${b.lo.toFixed(1)}, ${b.hi.toFixed(1)}${b.hi === 1 ? ']' : ')'}`;
    console.log(
      `              ${range.padEnd(10)} ${String(b.count).padStart(5)}   ${b.count > 0 ? b.meanPredicted.toFixed(3) : '  -  '}   ${b.count > 0 ? b.observedRate.toFixed(3) : '  -'}`,
    );
  }
  console.log('');
  const targets = targetChecks(m);
  for (const [name, pass] of Object.entries(targets)) {
    console.log(`  target ${name.padEnd(26)} ${pass ? 'MET' : 'MISSED'}`);
  }
  const missed = Object.values(targets).filter((x) => !x).length;
  console.log(
    missed === 0
      ? '\nall targets met'
      : `\n${missed} of ${Object.keys(targets).length} targets MISSED`,
  );

  if (values['write-manifest'] === true) {
    const json: unknown = JSON.parse(readFileSync(model.manifestPath, 'utf8'));
    if (!isRecord(json)) throw new Error(`${model.manifestPath} is not an object`);
    const metrics = isRecord(json['metrics']) ? json['metrics'] : {};
    json['metrics'] = {
      ...metrics,
      independent: {
        ...m,
        ece: round(m.ece, 3),
        data: values.data,
        data_seed: origin.dataSeed,
        targets,
        reliability: reliabilityTable(frames.labels, probs),
      },
    };
    writeFileSync(model.manifestPath, JSON.stringify(json, null, 2) + '\n');
    console.log(`wrote metrics.independent (with the reliability bins) to ${model.manifestPath}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
