import { InjectionToken } from '@angular/core';
import { appThreads, MAX_APP_THREADS } from '../../protocol/inference-messages';

/**
 * The part of a Worker the InferenceClient uses. A real `Worker` satisfies it; specs pass a fake
 * that answers in-process.
 */
export interface InferenceWorkerPort {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** Creates the inference worker bundled from src/worker/inference.worker.ts. */
export function createInferenceWorker(): InferenceWorkerPort {
  return new Worker(new URL('../../worker/inference.worker', import.meta.url), {
    type: 'module',
    name: 'inference',
  });
}

export const INFERENCE_WORKER_FACTORY = new InjectionToken<() => InferenceWorkerPort>(
  'INFERENCE_WORKER_FACTORY',
  {
    providedIn: 'root',
    factory: () => createInferenceWorker,
  },
);

export interface InferenceConfig {
  /** Paths relative to the document base URL. */
  readonly modelUrl: string;
  readonly manifestUrl: string;
  readonly ortBaseUrl: string;
  readonly maxThreads: number;
}

export const DEFAULT_INFERENCE_CONFIG: InferenceConfig = {
  modelUrl: 'models/break-predictor.onnx',
  manifestUrl: 'models/break-predictor.manifest.json',
  ortBaseUrl: 'ort/',
  maxThreads: MAX_APP_THREADS,
};

export const INFERENCE_CONFIG = new InjectionToken<InferenceConfig>('INFERENCE_CONFIG', {
  providedIn: 'root',
  factory: () => ({
    ...DEFAULT_INFERENCE_CONFIG,
    maxThreads: appThreads(globalThis.navigator?.hardwareConcurrency ?? 1),
  }),
});

/** The explanation artifacts (paths relative to the document base URL), for `explain-init`. */
export interface ExplainConfig {
  readonly statsUrl: string;
  readonly featureManifestUrl: string;
  /** null → no combos. */
  readonly interactionsUrl: string | null;
  /** null → no model self-test. */
  readonly goldenUrl: string | null;
}

export const DEFAULT_EXPLAIN_CONFIG: ExplainConfig = {
  statsUrl: 'artifacts/historical_stats.json',
  featureManifestUrl: 'artifacts/feature_manifest.json',
  interactionsUrl: 'artifacts/feature_interactions.json',
  goldenUrl: 'artifacts/explain_golden.json',
};

export const EXPLAIN_CONFIG = new InjectionToken<ExplainConfig>('EXPLAIN_CONFIG', {
  providedIn: 'root',
  factory: () => DEFAULT_EXPLAIN_CONFIG,
});
