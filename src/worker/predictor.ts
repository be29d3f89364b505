/**
 * The model behind the worker: something that turns row-major float32 rows into one output per
 * row. The onnxruntime-web adapter implements it in the app; specs use fakes.
 */
import type {
  BackendInfo,
  InferenceErrorCode,
  LoadedModelInfo,
} from '../protocol/inference-messages';

export interface Predictor {
  readonly backend: BackendInfo;
  readonly model: LoadedModelInfo;
  /** One output per row; `rows.length === nRows × model.nFeatures`. */
  predict(rows: Float32Array, nRows: number): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export interface PredictorConfig {
  readonly modelUrl: string;
  readonly manifestUrl: string;
  readonly ortBaseUrl: string;
  readonly maxThreads: number;
}

/** Creates a ready Predictor or throws (preferably a {@link PredictorError}). */
export type PredictorLoader = (config: PredictorConfig) => Promise<Predictor>;

/** A failure with a protocol error code, so the UI can tell a bad hash from a network error. */
export class PredictorError extends Error {
  constructor(
    readonly code: InferenceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PredictorError';
  }
}
