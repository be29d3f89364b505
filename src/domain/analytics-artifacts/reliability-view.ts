/**
 * The reliability of the shipped model: historical_stats.json's `confidence.bins` (out-of-fold
 * predictions of 5-fold cross-validation grouped by session date, docs/predictor.md), checked
 * against the model manifest (same model file and sha256), with the manifest's held-out metrics.
 */
import { FieldReader, join, type ArtifactResult, type JsonRecord } from './field-reader';

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

export interface ModelMetrics {
  readonly file: string;
  readonly sha256: string;
  readonly evaluations: readonly ModelEvaluation[];
}

export function readConfidenceCalibration(input: unknown): ArtifactResult<ConfidenceCalibration> {
  const r = new FieldReader('historical_stats.json');
  const root = r.record(input, '');
  const model = r.child(root, 'model', '');
  const confidence = r.child(root, 'confidence', '');
  const bins = r.array(confidence, 'bins', 'confidence').map((value, i): ReliabilityBin => {
    const path = `confidence.bins[${i}]`;
    const b = r.record(value, path);
    return {
      lo: r.unit(b, 'lo', path),
      hi: r.unit(b, 'hi', path),
      n: r.count(b, 'n', path),
      meanP: r.nullableUnit(b, 'mean_p', path),
      observed: r.nullableUnit(b, 'observed', path),
    };
  });
  if (confidence !== null && bins.length === 0) r.fail('confidence.bins', 'a non-empty array', []);
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
  return r.result({
    file: r.string(root, 'file', ''),
    sha256: r.string(root, 'sha256', ''),
    evaluations,
  });
}
