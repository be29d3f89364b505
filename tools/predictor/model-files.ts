/**
 * The files of a trained break predictor (docs/predictor.md): NAME.onnx, NAME.ensemble.json (the
 * same TreeEnsemble as JSON, for the JS predictor and the parity test) and NAME.manifest.json
 * (schema pentaview-model-manifest/1 with the training record and the metrics).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DecisionTree, TreeEnsemble } from '../../src/domain/model/tree-ensemble';
import type { ModelManifest } from '../../src/protocol/model-manifest';

export const MODEL_BASENAME = 'break-predictor';
export const FEATURE_MANIFEST_PATH = 'public/artifacts/feature_manifest.json';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The manifest path beside a model: X.onnx → X.manifest.json. */
export function manifestPathFor(modelPath: string): string {
  return modelPath.replace(/\.onnx$/, '') + '.manifest.json';
}

/** Rounds to `digits` significant digits (keeps the JSON readable and stable). */
export function round(x: number, digits = 4): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

/** Metrics of a probability model on a set of frames (the manifest and the report print them). */
export interface FrameMetrics {
  readonly n: number;
  readonly n_days: number;
  readonly break_rate: number;
  readonly auc: number;
  /** AUC of the generator's true P(BREAK) on the same frames (the Bayes limit). */
  readonly bayes_auc: number | null;
  readonly auc_ratio: number | null;
  /** Expected calibration error over 10 equal-width bins. */
  readonly ece: number;
  readonly brier: number;
  readonly log_loss: number;
}

/** The training record the train command adds to the manifest. */
export interface TrainingRecord {
  readonly data: string;
  readonly generator: { readonly name: string | null; readonly version: string | null };
  readonly data_seed: number | null;
  readonly horizon_min: number;
  readonly seed: number;
  readonly dates: { readonly first: string; readonly last: string; readonly n: number };
  readonly fit_dates: { readonly first: string; readonly last: string; readonly n: number };
  readonly early_stopping_dates: readonly string[];
  readonly frames: {
    readonly resolved: number;
    readonly fit: number;
    readonly early_stopping: number;
  };
  readonly params: Readonly<Record<string, number>>;
  /** Split-gain scale per driver (drivers absent: 1); see tools/predictor/driver-gain-scale.ts. */
  readonly driver_gain_scale?: Readonly<Record<string, number>>;
  /** Present only when the final fit's labels were the generator's P(BREAK) (`--labels truth`). */
  readonly labels?: string;
  readonly trees: number;
  readonly leaves: number;
  readonly calibration: {
    readonly method: 'platt' | 'none';
    readonly fitted_on: string;
    readonly a: number;
    readonly b: number;
    readonly ece_before: number;
    readonly ece_after: number;
    readonly applied: boolean;
  };
}

export interface ModelMetricsSection {
  readonly cv: {
    readonly folds: number;
    readonly grouping: string;
    readonly auc: number;
    readonly fold_auc: readonly number[];
    readonly ece: number;
    readonly brier: number;
    readonly n: number;
  };
  /** The early-stopping days (last days of the training data, never fit on). */
  readonly held_out: FrameMetrics;
  /** Written by `npm run report:model -- --write-manifest` on independent data. */
  readonly independent?: FrameMetrics & {
    readonly data: string;
    readonly data_seed: number | null;
    readonly targets: Readonly<Record<string, boolean>>;
  };
}

export interface TrainedModelManifest extends ModelManifest {
  readonly horizon_min: number;
  readonly training: TrainingRecord;
  readonly metrics: ModelMetricsSection;
}

function numberArray(v: unknown, what: string): number[] {
  if (!Array.isArray(v)) throw new Error(`${what} must be an array`);
  return v.map((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new Error(`${what}[${i}] is not a number`);
    return x;
  });
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a TreeEnsemble read from JSON. */
export function parseEnsemble(v: unknown): TreeEnsemble {
  if (!isRecord(v) || !Array.isArray(v['trees'])) throw new Error('not a tree ensemble');
  const { nFeatures, aggregate, postTransform, baseScore } = v;
  if (typeof nFeatures !== 'number' || !Number.isInteger(nFeatures) || nFeatures < 1)
    throw new Error('nFeatures must be a positive integer');
  if (typeof baseScore !== 'number' || !Number.isFinite(baseScore))
    throw new Error('baseScore must be a number');
  if (aggregate !== 'SUM' && aggregate !== 'AVERAGE') throw new Error('bad aggregate');
  if (postTransform !== 'NONE' && postTransform !== 'LOGISTIC')
    throw new Error('bad postTransform');
  const trees = v['trees'].map((t: unknown, i): DecisionTree => {
    if (!isRecord(t)) throw new Error(`tree ${i} is not an object`);
    return {
      feature: numberArray(t['feature'], `tree ${i} feature`),
      threshold: numberArray(t['threshold'], `tree ${i} threshold`),
      left: numberArray(t['left'], `tree ${i} left`),
      right: numberArray(t['right'], `tree ${i} right`),
      value: numberArray(t['value'], `tree ${i} value`),
    };
  });
  return { nFeatures, aggregate, postTransform, baseScore, trees };
}

export function readEnsemble(path: string): TreeEnsemble {
  return parseEnsemble(JSON.parse(readFileSync(path, 'utf8')));
}

/** Compact JSON of an ensemble (thresholds and leaf values are float32 already). */
export function ensembleJson(model: TreeEnsemble): string {
  return JSON.stringify(model) + '\n';
}
