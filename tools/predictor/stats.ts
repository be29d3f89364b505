/**
 * Writes public/artifacts/historical_stats.json (docs/predictor.md, domain §7).
 *
 *   npm run stats -- --data DIR|FILE.ndjson [--out public/artifacts/historical_stats.json]
 *                    [--model public/models/break-predictor.onnx] [--seed N] [--background 16]
 *
 * Per level kind × time bucket: quantiles of the 144 features and of every driver reading (the
 * feature manifest's reading expressions), base rates with counts and a background sample of 16 (≤ 32)
 * vectors; overall: the accuracy of the BREAK/REJECT call per |p − 0.5| band from out-of-fold
 * predictions of the model's own training recipe (grouped by date, so honest).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sigmoid } from '../../src/domain/model/tree-ensemble';
import { parseFeatureManifest } from '../../src/domain/vector/feature-manifest';
import { crossValidateGbdt } from '../train/cross-validate';
import type { GbdtParams } from '../train/gbdt';
import {
  BACKGROUND_SIZE,
  HISTORICAL_STATS_SCHEMA,
  QUANTILE_LEVELS,
  baseRates,
  buildStrata,
  confidenceTable,
} from './historical-stats';
import { driverGainScale, driverScalesOf } from './driver-gain-scale';
import { FEATURE_MANIFEST_PATH, round, sha256Hex } from './model-files';
import { loadOnnxModel } from './onnx-model';
import { PREDICTOR_PARAMS } from './train-model';
import { progressPrinter } from './train';
import { loadTrainingEpisodes, parseHorizon, resolvedInZoneFrames } from './training-data';

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The training recipe recorded in a manifest written by train.ts (or the defaults), split-gain scales included. */
export function recipeOf(manifest: Readonly<Record<string, unknown>>): {
  params: Partial<GbdtParams>;
  seed: number | null;
  platt: { a: number; b: number } | null;
  folds: number;
} {
  const training = manifest['training'];
  if (!isRecord(training)) return { params: {}, seed: null, platt: null, folds: 5 };
  const params: Record<string, number> = {};
  const p = training['params'];
  if (isRecord(p)) for (const [k, v] of Object.entries(p)) if (typeof v === 'number') params[k] = v;
  const scales = training['driver_gain_scale'];
  const driverScales = isRecord(scales) ? driverScalesOf(scales) : new Map<string, number>();
  const cal = training['calibration'];
  const platt =
    isRecord(cal) &&
    cal['applied'] === true &&
    typeof cal['a'] === 'number' &&
    typeof cal['b'] === 'number'
      ? { a: cal['a'], b: cal['b'] }
      : null;
  const metrics = manifest['metrics'];
  const cv = isRecord(metrics) ? metrics['cv'] : undefined;
  const folds = isRecord(cv) && typeof cv['folds'] === 'number' ? cv['folds'] : 5;
  return {
    params:
      driverScales.size === 0
        ? params
        : { ...params, featureGainScale: driverGainScale(driverScales) },
    seed: typeof training['seed'] === 'number' ? training['seed'] : null,
    platt,
    folds,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      out: { type: 'string', default: 'public/artifacts/historical_stats.json' },
      model: { type: 'string', default: 'public/models/break-predictor.onnx' },
      horizon: { type: 'string' },
      seed: { type: 'string' },
      background: { type: 'string' },
    },
  });
  if (values.data === undefined) {
    console.error(
      'usage: npm run stats -- --data DIR|FILE.ndjson [--out FILE] [--model FILE.onnx]',
    );
    process.exit(2);
  }
  const t0 = Date.now();
  const modelPath = values.model ?? 'public/models/break-predictor.onnx';
  const model = await loadOnnxModel(modelPath);
  await model.release();
  const raw = model.manifestJson;
  const recipe = recipeOf(raw);
  const seed = values.seed !== undefined ? Number(values.seed) : (recipe.seed ?? 1);
  const horizonMin =
    values.horizon !== undefined
      ? parseHorizon(values.horizon)
      : typeof raw['horizon_min'] === 'number'
        ? raw['horizon_min']
        : 4;

  const featureFile = readFileSync(FEATURE_MANIFEST_PATH);
  const fm = parseFeatureManifest(JSON.parse(featureFile.toString('utf8')));
  if (!fm.ok) throw new Error(`${FEATURE_MANIFEST_PATH}: ${fm.errors.join('; ')}`);

  const { episodes, origin } = loadTrainingEpisodes(values.data, horizonMin);
  const inZone = episodes.rows.filter((r) => r.in_zone);
  process.stderr.write(
    `${values.data}: ${inZone.length} in-zone frames, ${episodes.header.sessions.length} days\n`,
  );

  // Out-of-fold predictions of the model's recipe: each frame scored by a model that never saw its day.
  const frames = resolvedInZoneFrames(episodes);
  const nDays = new Set(frames.dates).size;
  const progress = progressPrinter();
  const cv = crossValidateGbdt(
    { rows: frames.rows, nFeatures: 144, labels: frames.labels },
    frames.dates,
    {
      folds: recipe.folds,
      seed,
      earlyStoppingDates: Math.max(1, Math.round(nDays / 10)),
      params: { ...PREDICTOR_PARAMS, ...recipe.params, seed },
      onProgress: (k, p) => progress.update(`cv ${k + 1}/${recipe.folds}`, p),
    },
  );
  progress.done();
  const oof =
    recipe.platt === null
      ? cv.oofProbs
      : Float64Array.from(cv.oofScores, (z) =>
          sigmoid((recipe.platt?.a ?? 1) * z + (recipe.platt?.b ?? 0)),
        );
  const confidence = confidenceTable(
    frames.labels,
    oof,
    `out-of-fold predictions of ${recipe.folds}-fold cross-validation grouped by session date, the model's training recipe (seed ${seed})${recipe.platt === null ? '' : ', with its Platt scaling'}; call = BREAK when p ≥ 0.5`,
  );

  const backgroundSize =
    values.background !== undefined ? Number(values.background) : BACKGROUND_SIZE;
  if (!Number.isInteger(backgroundSize) || backgroundSize < 1 || backgroundSize > 32)
    throw new Error('--background must be an integer in 1…32');
  const strata = buildStrata(
    { rows: episodes.rows, vector: episodes.vector },
    fm.manifest,
    seed,
    backgroundSize,
  );
  const dates = episodes.header.sessions;
  const stats = {
    schema: HISTORICAL_STATS_SCHEMA,
    created_by: 'tools/predictor/stats.ts',
    model: { file: model.manifest.file, sha256: model.manifest.sha256 },
    feature_manifest_hash: fm.manifest.hash,
    feature_manifest_sha256: sha256Hex(featureFile),
    horizon_min: horizonMin,
    data: {
      source: origin.source,
      generator: origin.generatorVersion,
      seed: origin.dataSeed,
      days: dates.length,
      first: dates[0],
      last: dates[dates.length - 1],
      in_zone_frames: inZone.length,
      resolved_frames: frames.labels.length,
    },
    quantile_levels: QUANTILE_LEVELS.map((q) => round(q * 100, 3)),
    features: fm.manifest.features.map((f) => f.name),
    drivers: fm.manifest.drivers.map((d) => d.name),
    base_rates: baseRates(episodes.rows),
    confidence,
    strata,
  };
  const json = JSON.stringify(stats);
  mkdirSync(dirname(values.out ?? '.'), { recursive: true });
  writeFileSync(values.out ?? 'public/artifacts/historical_stats.json', json + '\n');
  console.log(
    `wrote ${values.out}: ${strata.length} strata, ${(json.length / 1024).toFixed(0)} kB, in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(`out-of-fold AUC ${cv.pooled.auc.toFixed(3)}; call accuracy per tier:`);
  for (const t of confidence.tiers) {
    console.log(
      `  ${t.tier.padEnd(9)} |p−0.5| ∈ [${t.lo}, ${t.hi}${t.hi === 0.5 ? ']' : ')'}  n ${String(t.n).padStart(6)}  accuracy ${t.accuracy === null ? 'n/a' : t.accuracy.toFixed(3)}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
