/**
 * The messages between the UI and the inference worker. Every request carries a `requestId` that
 * the matching response echoes, so the UI can resolve many requests in flight in any order.
 *
 * Row buffers (`rows`, `values`) are transferred, not copied: after `postMessage` the sender's
 * Float32Array is detached. Messages are checked on arrival with the guards below, because a
 * `MessageEvent.data` is `unknown` until proven otherwise.
 */
import { assertNever } from './assert-never';
import {
  fail,
  isFiniteNumber,
  isNonNegativeInteger,
  isRecord,
  ok,
  type GuardResult,
} from './guard-result';

/** The most onnxruntime-web threads the app asks for. */
export const MAX_APP_THREADS = 2;

/**
 * onnxruntime-web threads the app asks for on a machine with `hardwareConcurrency` cores: up to
 * MAX_APP_THREADS, always leaving one core to the page's main thread (so 1 on a 2-core machine,
 * 2 from 3 cores on). On 2 cores a second wasm thread halves the bare model run only while the
 * other core is free; when the page (or anything else) holds it, the run gets 2–3× slower, and
 * the explanation overhead stops being small beside it (docs/explanations.md § Speed).
 */
export function appThreads(hardwareConcurrency: number): number {
  const cores =
    Number.isFinite(hardwareConcurrency) && hardwareConcurrency >= 1
      ? Math.floor(hardwareConcurrency)
      : 1;
  return Math.max(1, Math.min(MAX_APP_THREADS, cores - 1));
}

// ---------------------------------------------------------------- requests (UI → worker)

/** Loads the model: fetch manifest and model, verify the model's sha256, create the session. */
export interface InitRequest {
  readonly type: 'init';
  readonly requestId: number;
  /** Absolute URL of the .onnx file. */
  readonly modelUrl: string;
  /** Absolute URL of the model manifest JSON (schema pentaview-model-manifest/1). */
  readonly manifestUrl: string;
  /** Absolute URL of the folder serving ort-wasm-simd-threaded.{wasm,mjs}, ending in `/`. */
  readonly ortBaseUrl: string;
  /** Upper bound on wasm threads; the worker uses 1 unless the page is cross-origin isolated. */
  readonly maxThreads: number;
}

/** Runs the model on `nRows` rows stored row-major in `rows` (length nRows × nFeatures). */
export interface PredictRequest {
  readonly type: 'predict';
  readonly requestId: number;
  readonly rows: Float32Array;
  readonly nRows: number;
}

export type InferenceRequest = InitRequest | PredictRequest;

// ---------------------------------------------------------------- responses (worker → UI)

export interface BackendInfo {
  /** onnxruntime-web version, e.g. "1.30.0". */
  readonly ortVersion: string;
  readonly executionProvider: 'wasm';
  /** wasm threads the session uses. */
  readonly threads: number;
  /** `self.crossOriginIsolated` inside the worker. */
  readonly crossOriginIsolated: boolean;
  /** WebAssembly SIMD support of the browser. */
  readonly simd: boolean;
  readonly hardwareConcurrency: number;
  /** Fetching manifest and model plus the hash check, ms. */
  readonly fetchMs: number;
  /** `InferenceSession.create` (including wasm instantiation on first use), ms. */
  readonly sessionMs: number;
}

export interface LoadedModelInfo {
  readonly file: string;
  readonly sha256: string;
  readonly kind: string;
  readonly nFeatures: number;
  readonly inputName: string;
  readonly outputName: string;
}

export interface ReadyResponse {
  readonly type: 'ready';
  readonly requestId: number;
  readonly backend: BackendInfo;
  readonly model: LoadedModelInfo;
}

export interface PredictionTimings {
  /** The model run alone (session.run), ms. */
  readonly modelMs: number;
  /** From the request's arrival in the worker to the reply, ms. */
  readonly totalMs: number;
}

export interface PredictionResponse {
  readonly type: 'prediction';
  readonly requestId: number;
  /** One model output per row. */
  readonly values: Float32Array;
  readonly timings: PredictionTimings;
}

export const INFERENCE_ERROR_CODES = [
  'bad-request',
  'not-ready',
  'model-fetch-failed',
  'model-hash-mismatch',
  'model-load-failed',
  'predict-failed',
  'internal',
] as const;
export type InferenceErrorCode = (typeof INFERENCE_ERROR_CODES)[number];

export interface ErrorResponse {
  readonly type: 'error';
  /** The request that failed; null when the message could not be read at all. */
  readonly requestId: number | null;
  readonly code: InferenceErrorCode;
  readonly message: string;
}

export type InferenceResponse = ReadyResponse | PredictionResponse | ErrorResponse;

// ---------------------------------------------------------------- guards

export function parseInferenceRequest(data: unknown): GuardResult<InferenceRequest> {
  if (!isRecord(data)) return fail('request is not an object');
  const { type, requestId } = data;
  if (!isNonNegativeInteger(requestId)) return fail('requestId must be a non-negative integer');
  if (type === 'init') {
    const { modelUrl, manifestUrl, ortBaseUrl, maxThreads } = data;
    if (typeof modelUrl !== 'string') return fail('init.modelUrl must be a string');
    if (typeof manifestUrl !== 'string') return fail('init.manifestUrl must be a string');
    if (typeof ortBaseUrl !== 'string') return fail('init.ortBaseUrl must be a string');
    if (!isNonNegativeInteger(maxThreads) || maxThreads < 1)
      return fail('init.maxThreads must be an integer ≥ 1');
    return ok({ type, requestId, modelUrl, manifestUrl, ortBaseUrl, maxThreads });
  }
  if (type === 'predict') {
    const { rows, nRows } = data;
    if (!(rows instanceof Float32Array)) return fail('predict.rows must be a Float32Array');
    if (!isNonNegativeInteger(nRows) || nRows < 1)
      return fail('predict.nRows must be an integer ≥ 1');
    if (rows.length % nRows !== 0)
      return fail(`predict.rows has ${rows.length} values, not a multiple of ${nRows} rows`);
    return ok({ type, requestId, rows, nRows });
  }
  return fail(`unknown request type ${JSON.stringify(type)}`);
}

function parseBackendInfo(v: unknown): GuardResult<BackendInfo> {
  if (!isRecord(v)) return fail('ready.backend is not an object');
  const {
    ortVersion,
    executionProvider,
    threads,
    crossOriginIsolated,
    simd,
    hardwareConcurrency,
    fetchMs,
    sessionMs,
  } = v;
  if (typeof ortVersion !== 'string') return fail('backend.ortVersion must be a string');
  if (executionProvider !== 'wasm') return fail('backend.executionProvider must be "wasm"');
  if (!isNonNegativeInteger(threads)) return fail('backend.threads must be an integer');
  if (typeof crossOriginIsolated !== 'boolean' || typeof simd !== 'boolean')
    return fail('backend flags must be booleans');
  if (!isNonNegativeInteger(hardwareConcurrency))
    return fail('backend.hardwareConcurrency must be an integer');
  if (!isFiniteNumber(fetchMs) || !isFiniteNumber(sessionMs))
    return fail('backend timings must be numbers');
  return ok({
    ortVersion,
    executionProvider,
    threads,
    crossOriginIsolated,
    simd,
    hardwareConcurrency,
    fetchMs,
    sessionMs,
  });
}

function parseLoadedModelInfo(v: unknown): GuardResult<LoadedModelInfo> {
  if (!isRecord(v)) return fail('ready.model is not an object');
  const { file, sha256, kind, nFeatures, inputName, outputName } = v;
  if (typeof file !== 'string' || typeof sha256 !== 'string' || typeof kind !== 'string')
    return fail('model strings missing');
  if (typeof inputName !== 'string' || typeof outputName !== 'string')
    return fail('model io names missing');
  if (!isNonNegativeInteger(nFeatures)) return fail('model.nFeatures must be an integer');
  return ok({ file, sha256, kind, nFeatures, inputName, outputName });
}

function isErrorCode(v: unknown): v is InferenceErrorCode {
  return INFERENCE_ERROR_CODES.some((c) => c === v);
}

export function parseInferenceResponse(data: unknown): GuardResult<InferenceResponse> {
  if (!isRecord(data)) return fail('response is not an object');
  const { type, requestId } = data;
  if (type === 'error') {
    const { code, message } = data;
    if (requestId !== null && !isNonNegativeInteger(requestId))
      return fail('error.requestId must be an integer or null');
    if (!isErrorCode(code)) return fail(`unknown error code ${JSON.stringify(code)}`);
    if (typeof message !== 'string') return fail('error.message must be a string');
    return ok({ type, requestId, code, message });
  }
  if (!isNonNegativeInteger(requestId)) return fail('requestId must be a non-negative integer');
  if (type === 'ready') {
    const backend = parseBackendInfo(data['backend']);
    if (!backend.ok) return backend;
    const model = parseLoadedModelInfo(data['model']);
    if (!model.ok) return model;
    return ok({ type, requestId, backend: backend.value, model: model.value });
  }
  if (type === 'prediction') {
    const { values, timings } = data;
    if (!(values instanceof Float32Array)) return fail('prediction.values must be a Float32Array');
    if (
      !isRecord(timings) ||
      !isFiniteNumber(timings['modelMs']) ||
      !isFiniteNumber(timings['totalMs'])
    ) {
      return fail('prediction.timings must hold modelMs and totalMs');
    }
    return ok({
      type,
      requestId,
      values,
      timings: { modelMs: timings['modelMs'], totalMs: timings['totalMs'] },
    });
  }
  return fail(`unknown response type ${JSON.stringify(type)}`);
}

/** A one-line description of a message, for logs. */
export function describeMessage(message: InferenceRequest | InferenceResponse): string {
  switch (message.type) {
    case 'init':
      return `init #${message.requestId} ${message.modelUrl}`;
    case 'predict':
      return `predict #${message.requestId} ${message.nRows} rows`;
    case 'ready':
      return `ready #${message.requestId} ${message.backend.threads} thread(s)`;
    case 'prediction':
      return `prediction #${message.requestId} ${message.values.length} values`;
    case 'error':
      return `error #${message.requestId ?? '?'} ${message.code}: ${message.message}`;
    default:
      return assertNever(message, 'message');
  }
}
