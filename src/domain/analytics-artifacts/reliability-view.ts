/**
 * The reliability of the shipped model. Preferred: the manifest's
 * `metrics.independent.reliability` (10 bins of the model's predictions on independent days of
 * another seed, written by `report:model --write-manifest`, docs/predictor.md). Fallback, for a
 * manifest without them: historical_stats.json's `confidence.bins` (out-of-fold predictions of
 * 5-fold cross-validation grouped by session date), checked against the manifest's sha256.
 */
import { FieldReader, isRecord, join, type ArtifactResult, type JsonRecord } from './field-reader';

export interface ReliabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  /** Mean predicted p_break in the bin; null for an empty bin. */
  readonly meanP: number | null;
  /** Observed BREAK share in the bin; null for an empty bin. */
  readonly observed: number | null;
}

export interface ConfidenceCalibration {
  readonly method: string;
  readonly n: number;
  readonly modelSha256: string;
  readonly bins: readonly ReliabilityBin[];
}

export interface ModelEvaluation {
  readonly label: string;
  readonly n: number;
  readonly nDays: number | null;
  readonly auc: number | null;
  readonly ece: number | null;
}

/** The manifest's reliability bins on independent days (`metrics.independent`). */
export interface IndependentReliability {
  readonly method: string;
  /** Resolved frames scored. */
  readonly n: number;
  readonly nDays: number | null;
  /** Seed of the simulated days (null when the data did not say). */
  readonly dataSeed: number | null;
  /** The data the figures come from (a path as given to report:model), or null. */
  readonly data: string | null;
  readonly bins: readonly ReliabilityBin[];
}

export interface ModelMetrics {
  readonly file: string;
  readonly sha256: string;
  readonly evaluations: readonly ModelEvaluation[];
  /** Null when the manifest has no `metrics.independent.reliability` (older manifests). */
  readonly independentReliability: IndependentReliability | null;
}

function readBins(r: FieldReader, parent: JsonRecord | null, path: string): ReliabilityBin[] {
  const bins = r.array(parent, 'bins', path).map((value, i): ReliabilityBin => {
    const at = `${path}.bins[${i}]`;
    const b = r.record(value, at);
    return {
      lo: r.unit(b, 'lo', at),
      hi: r.unit(b, 'hi', at),
      n: r.count(b, 'n', at),
      meanP: r.nullableUnit(b, 'mean_p', at),
      observed: r.nullableUnit(b, 'observed', at),
    };
  });
  if (parent !== null && bins.length === 0) r.fail(`${path}.bins`, 'a non-empty array', []);
  return bins;
}

export function readConfidenceCalibration(input: unknown): ArtifactResult<ConfidenceCalibration> {
  const r = new FieldReader('historical_stats.json');
  const root = r.record(input, '');
  const model = r.child(root, 'model', '');
  const confidence = r.child(root, 'confidence', '');
  const bins = readBins(r, confidence, 'confidence');
  return r.result({
    method: r.string(confidence, 'method', 'confidence'),
    n: r.count(confidence, 'n', 'confidence'),
    modelSha256: r.string(model, 'sha256', 'model'),
    bins,
  });
}

const EVALUATIONS: readonly (readonly [string, string])[] = [
  ['cv', 'cross-validation (out of fold)'],
  ['held_out', 'held-out days'],
  ['independent', 'independent days'],
];

export function readModelMetrics(input: unknown): ArtifactResult<ModelMetrics> {
  const r = new FieldReader('break-predictor.manifest.json');
  const root = r.record(input, '');
  const metrics = r.child(root, 'metrics', '');
  const evaluations = EVALUATIONS.filter(([key]) => metrics?.[key] !== undefined).map(
    ([key, label]): ModelEvaluation => {
      const path = join('metrics', key);
      const m: JsonRecord | null = r.child(metrics, key, 'metrics');
      return {
        label,
        n: r.count(m, 'n', path),
        nDays: m !== null && 'n_days' in m ? r.count(m, 'n_days', path) : null,
        auc: r.nullableUnit(m, 'auc', path),
        ece: r.nullableUnit(m, 'ece', path),
      };
    },
  );
  const independent = metrics?.['independent'];
  let independentReliability: IndependentReliability | null = null;
  if (isRecord(independent) && independent['reliability'] !== undefined) {
    const path = 'metrics.independent';
    const rel = r.child(independent, 'reliability', path);
    const relPath = join(path, 'reliability');
    const seed = independent['data_seed'];
    independentReliability = {
      method: r.string(rel, 'method', relPath),
      n: r.count(rel, 'n', relPath),
      nDays: 'n_days' in independent ? r.count(independent, 'n_days', path) : null,
      dataSeed:
        seed === null || seed === undefined ? null : r.number(independent, 'data_seed', path),
      data: r.optionalString(independent, 'data'),
      bins: readBins(r, rel, relPath),
    };
  }
  return r.result({
    file: r.string(root, 'file', ''),
    sha256: r.string(root, 'sha256', ''),
    evaluations,
    independentReliability,
  });
}
