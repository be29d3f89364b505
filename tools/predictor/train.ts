/**
 * Trains the break predictor and writes the model the app ships (docs/predictor.md).
 *
 *   npm run train -- --data DIR|FILE.ndjson [--horizon 4min] [--out public/models] [--seed 1]
 *                    [--holdout-days N] [--folds 5] [--trees N] [--depth N] [--leaves N]
 *                    [--learning-rate X] [--min-leaf N] [--driver-gain-scale NAME=S]...
 *                    [--labels outcome|truth]
 *
 * DIR is a simulator output folder (its episodes are built in memory) or FILE an episodes file
 * from `npm run episodes`. Writes OUT/break-predictor.{onnx,ensemble.json,manifest.json}.
 * `--labels truth` fits the final model to the generator's P(BREAK) instead of the outcomes: a
 * simulation diagnostic (docs/explanations.md § Model-side experiments), never a model to ship.
 * Progress on stderr; same data and seed → same bytes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultManifestContent, manifestHash } from '../../src/domain/vector/feature-manifest';
import { MODEL_MANIFEST_SCHEMA } from '../../src/protocol/model-manifest';
import { exportTreeEnsembleToOnnx } from '../model/onnx-export';
import type { GbdtParams, TrainingProgress } from '../train/gbdt';
import { formatProgressLine } from '../train/progress-line';
import {
  FEATURE_MANIFEST_PATH,
  MODEL_BASENAME,
  ensembleJson,
  round,
  sha256Hex,
  type FrameMetrics,
  type TrainedModelManifest,
} from './model-files';
import { driverGainScale, parseDriverScales } from './driver-gain-scale';
import {
  countLeaves,
  trainBreakPredictor,
  type PredictorTrainingResult,
  type TrainingLabels,
} from './train-model';
import { loadTrainingEpisodes, parseHorizon, resolvedInZoneFrames } from './training-data';

export function roundMetrics(m: FrameMetrics): FrameMetrics {
  const r = (x: number | null): number | null => (x === null ? null : round(x, 4));
  return {
    n: m.n,
    n_days: m.n_days,
    break_rate: round(m.break_rate, 4),
    auc: round(m.auc, 4),
    bayes_auc: r(m.bayes_auc),
    auc_ratio: r(m.auc_ratio),
    ece: round(m.ece, 3),
    brier: round(m.brier, 4),
    log_loss: round(m.log_loss, 4),
  };
}

/** A progress bar on stderr: redrawn in place on a terminal, one line per stage otherwise. */
export function progressPrinter(): {
  update: (stage: string, p: TrainingProgress) => void;
  done: () => void;
} {
  const tty = process.stderr.isTTY === true;
  let last = '';
  let lastStage = '';
  const flush = (): void => {
    if (last !== '') process.stderr.write(tty ? '\n' : `${last}\n`);
    last = '';
  };
  return {
    update(stage, p) {
      if (stage !== lastStage) {
        flush();
        lastStage = stage;
      }
      last = `${stage.padEnd(8)} ${formatProgressLine(p)}`;
      if (tty) process.stderr.write(`\r${last}`);
    },
    done: flush,
  };
}

interface TrainCliOptions {
  readonly data: string;
  readonly horizonMin: number;
  readonly out: string;
  readonly seed: number;
  readonly holdoutDays?: number;
  readonly folds: number;
  readonly params: Partial<GbdtParams>;
  /** Split-gain scale per driver name (docs/trainer.md, `featureGainScale`). */
  readonly driverScales?: ReadonlyMap<string, number>;
  /** What the final model is fitted to (default the outcomes). */
  readonly labels?: TrainingLabels;
}

export interface TrainCliResult {
  readonly result: PredictorTrainingResult;
  readonly manifest: TrainedModelManifest;
  readonly onnxBytes: number;
  readonly elapsedMs: number;
}

export function runTraining(o: TrainCliOptions): TrainCliResult {
  const t0 = Date.now();
  const { episodes, origin } = loadTrainingEpisodes(o.data, o.horizonMin);
  const featureHash = manifestHash(defaultManifestContent());
  if (episodes.header.feature_manifest_hash !== featureHash) {
    throw new Error(
      `${o.data}: vectors follow feature manifest ${episodes.header.feature_manifest_hash}, the code builds ${featureHash}; rebuild the episodes`,
    );
  }
  const frames = resolvedInZoneFrames(episodes);
  const dates = [...new Set(frames.dates)].sort();
  process.stderr.write(
    `${o.data}: ${dates.length} days, ${episodes.rows.length} in-zone frames, ${frames.labels.length} resolved (BREAK/REJECT) at ${o.horizonMin} min\n`,
  );
  const scales = o.driverScales ?? new Map<string, number>();
  const progress = progressPrinter();
  const result = trainBreakPredictor(frames, {
    seed: o.seed,
    params:
      scales.size === 0 ? o.params : { ...o.params, featureGainScale: driverGainScale(scales) },
    cvFolds: o.folds,
    holdoutDays: o.holdoutDays,
    labels: o.labels,
    onProgress: progress.update,
  });
  progress.done();

  const { model, cv } = result;
  const onnx = exportTreeEnsembleToOnnx(model, {
    docString: `Pentaview break predictor: P(BREAK | BREAK or REJECT) within ${o.horizonMin} min of an in-zone frame; gradient-boosted trees (seed ${o.seed}).`,
    metadata: {
      kind: 'trained',
      horizon_min: String(o.horizonMin),
      seed: String(o.seed),
      feature_manifest_hash: featureHash,
    },
  });
  const featureFileSha = existsSync(FEATURE_MANIFEST_PATH)
    ? sha256Hex(readFileSync(FEATURE_MANIFEST_PATH))
    : null;
  const p = result.params;
  const span = (ds: readonly string[]) => ({ first: ds[0], last: ds[ds.length - 1], n: ds.length });
  const manifest: TrainedModelManifest = {
    schema: MODEL_MANIFEST_SCHEMA,
    file: `${MODEL_BASENAME}.onnx`,
    sha256: sha256Hex(onnx),
    bytes: onnx.length,
    input: { name: 'features', shape: ['N', 144] },
    output: { name: 'p_break', shape: ['N', 1] },
    n_features: 144,
    kind: 'trained',
    created_by: 'tools/predictor/train.ts',
    feature_manifest_sha256: featureFileSha,
    feature_manifest_hash: featureHash,
    ensemble_file: `${MODEL_BASENAME}.ensemble.json`,
    horizon_min: o.horizonMin,
    training: {
      data: origin.source,
      generator: { name: origin.generatorName, version: origin.generatorVersion },
      data_seed: origin.dataSeed,
      horizon_min: o.horizonMin,
      seed: o.seed,
      dates: span(dates),
      fit_dates: span(result.fitDates),
      early_stopping_dates: result.holdoutDates,
      frames: { resolved: frames.labels.length, fit: result.nFit, early_stopping: result.nHoldout },
      params: {
        nTrees: p.nTrees,
        learningRate: p.learningRate,
        maxDepth: p.maxDepth,
        maxLeaves: p.maxLeaves,
        lambda: p.lambda,
        minChildWeight: p.minChildWeight,
        minSamplesLeaf: p.minSamplesLeaf,
        minSplitGain: p.minSplitGain,
        subsample: p.subsample,
        colsample: p.colsample,
        maxBins: p.maxBins,
        earlyStoppingRounds: p.earlyStoppingRounds,
      },
      ...(scales.size === 0 ? {} : { driver_gain_scale: Object.fromEntries(scales) }),
      ...(result.labels === 'truth' ? { labels: TRUTH_LABELS_NOTE } : {}),
      trees: model.trees.length,
      leaves: countLeaves(model),
      calibration: {
        method: 'platt',
        fitted_on: 'out-of-fold scores of the grouped cross-validation',
        a: round(result.calibration.a, 6),
        b: round(result.calibration.b, 6),
        ece_before: round(result.calibration.eceBefore, 4),
        ece_after: round(result.calibration.eceAfter, 4),
        applied: result.calibration.applied,
      },
    },
    metrics: {
      cv: {
        folds: result.cvFolds,
        grouping: 'session date',
        auc: round(cv.pooled.auc, 4),
        fold_auc: cv.folds.map((f) => round(f.auc, 4)),
        ece: round(cv.pooled.ece, 3),
        brier: round(cv.pooled.brier, 4),
        n: frames.labels.length,
      },
      held_out: roundMetrics(result.heldOut),
    },
  };
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, `${MODEL_BASENAME}.onnx`), onnx);
  writeFileSync(join(o.out, `${MODEL_BASENAME}.ensemble.json`), ensembleJson(model));
  writeFileSync(
    join(o.out, `${MODEL_BASENAME}.manifest.json`),
    JSON.stringify(manifest, null, 2) + '\n',
  );
  return { result, manifest, onnxBytes: onnx.length, elapsedMs: Date.now() - t0 };
}

/** The manifest's record of a model fitted to the generator's probabilities. */
export const TRUTH_LABELS_NOTE =
  "truth: the final fit's labels are the generator's P(BREAK) at the horizon (a simulation diagnostic, not a model to ship)";

export function parseLabels(v: string): TrainingLabels {
  if (v === 'outcome' || v === 'truth') return v;
  throw new Error(`--labels must be outcome or truth, not "${v}"`);
}

function intOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      horizon: { type: 'string', default: '4min' },
      out: { type: 'string', default: 'public/models' },
      seed: { type: 'string', default: '1' },
      'holdout-days': { type: 'string' },
      folds: { type: 'string', default: '5' },
      trees: { type: 'string' },
      depth: { type: 'string' },
      leaves: { type: 'string' },
      'learning-rate': { type: 'string' },
      'min-leaf': { type: 'string' },
      'driver-gain-scale': { type: 'string', multiple: true },
      labels: { type: 'string', default: 'outcome' },
    },
  });
  if (values.data === undefined) {
    console.error(
      'usage: npm run train -- --data DIR|FILE.ndjson [--horizon 4min] [--out public/models] [--seed 1]',
    );
    process.exit(2);
  }
  const params: Partial<GbdtParams> = {};
  const set = <K extends keyof GbdtParams>(k: K, v: GbdtParams[K] | undefined): void => {
    if (v !== undefined) Object.assign(params, { [k]: v });
  };
  set('nTrees', intOption(values.trees, 'trees'));
  set('maxDepth', intOption(values.depth, 'depth'));
  set('maxLeaves', intOption(values.leaves, 'leaves'));
  set('minSamplesLeaf', intOption(values['min-leaf'], 'min-leaf'));
  if (values['learning-rate'] !== undefined) set('learningRate', Number(values['learning-rate']));
  const { result, manifest, onnxBytes, elapsedMs } = runTraining({
    data: values.data,
    horizonMin: parseHorizon(values.horizon ?? '4min'),
    out: values.out ?? 'public/models',
    seed: intOption(values.seed, 'seed') ?? 1,
    holdoutDays: intOption(values['holdout-days'], 'holdout-days'),
    folds: intOption(values.folds, 'folds') ?? 5,
    params,
    driverScales: parseDriverScales(values['driver-gain-scale'] ?? []),
    labels: parseLabels(values.labels ?? 'outcome'),
  });
  const m = manifest.metrics;
  const h = m.held_out;
  const f = (x: number | null, d = 3) => (x === null ? 'n/a' : x.toFixed(d));
  console.log(
    `grouped CV (${m.cv.folds} folds by date): AUC ${f(m.cv.auc)} [${m.cv.fold_auc.map((a) => f(a)).join(' ')}], ECE ${f(m.cv.ece)}, Brier ${f(m.cv.brier)}, n ${m.cv.n}`,
  );
  console.log(
    `held-out days ${manifest.training.early_stopping_dates[0]}…${manifest.training.early_stopping_dates.at(-1)} (${h.n_days}, early stopping): AUC ${f(h.auc)}, Bayes AUC ${f(h.bayes_auc)}, ratio ${f(h.auc_ratio)}, ECE ${f(h.ece)}, Brier ${f(h.brier)}, n ${h.n}`,
  );
  const c = result.calibration;
  console.log(
    `Platt a ${c.a.toFixed(3)} b ${c.b.toFixed(3)} (fit on out-of-fold scores): held-out ECE ${c.eceBefore.toFixed(4)} → ${c.eceAfter.toFixed(4)}, ${c.applied ? 'folded into the trees' : 'not applied'}`,
  );
  console.log(
    `model: ${manifest.training.trees} trees, ${manifest.training.leaves} leaves, ${onnxBytes} bytes ONNX, sha256 ${manifest.sha256}`,
  );
  console.log(
    `wrote ${values.out}/${MODEL_BASENAME}.{onnx,ensemble.json,manifest.json} in ${(elapsedMs / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
