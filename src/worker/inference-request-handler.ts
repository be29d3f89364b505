/**
 * The worker's logic without the Worker: takes a message (`unknown`), returns the response and the
 * buffers to transfer. The dispatcher in inference.worker.ts only wires it to postMessage, so
 * specs drive this class directly with a fake {@link PredictorLoader}.
 */
import { assertNever } from '../protocol/assert-never';
import { isNonNegativeInteger, isRecord } from '../protocol/guard-result';
import {
  parseInferenceRequest,
  type ErrorResponse,
  type InferenceErrorCode,
  type InferenceResponse,
  type InitRequest,
  type PredictRequest,
} from '../protocol/inference-messages';
import { PredictorError, type Predictor, type PredictorLoader } from './predictor';
import { messageOf } from '../protocol/error-message';

export interface HandlerReply {
  readonly response: InferenceResponse;
  /** Buffers to move (not copy) to the UI with the response. */
  readonly transfer: ArrayBuffer[];
}

function errorReply(
  requestId: number | null,
  code: InferenceErrorCode,
  message: string,
): HandlerReply {
  const response: ErrorResponse = { type: 'error', requestId, code, message };
  return { response, transfer: [] };
}

function requestIdOf(data: unknown): number | null {
  if (!isRecord(data)) return null;
  const id = data['requestId'];
  return isNonNegativeInteger(id) ? id : null;
}

/** The values as a Float32Array that owns a whole, transferable ArrayBuffer. */
function ownedCopyIfNeeded(values: Float32Array): Float32Array<ArrayBuffer> {
  const buffer = values.buffer;
  if (
    buffer instanceof ArrayBuffer &&
    values.byteOffset === 0 &&
    values.byteLength === buffer.byteLength
  ) {
    return new Float32Array(buffer);
  }
  // A view into shared or larger memory (e.g. the wasm heap) cannot be transferred: copy it.
  return new Float32Array(values);
}

export class InferenceRequestHandler {
  /** The predictor being loaded or loaded; a rejected promise after a failed load. */
  private predictor: Promise<Predictor> | null = null;
  /** Runs predictions one at a time (a session runs one request at a time). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly load: PredictorLoader,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async handle(data: unknown): Promise<HandlerReply> {
    const receivedAt = this.now();
    const parsed = parseInferenceRequest(data);
    if (!parsed.ok) return errorReply(requestIdOf(data), 'bad-request', parsed.error);
    const request = parsed.value;
    switch (request.type) {
      case 'init':
        return this.init(request);
      case 'predict':
        return this.predict(request, receivedAt);
      default:
        return assertNever(request, 'request');
    }
  }

  private async init(request: InitRequest): Promise<HandlerReply> {
    const previous = this.predictor;
    const loading = this.load({
      modelUrl: request.modelUrl,
      manifestUrl: request.manifestUrl,
      ortBaseUrl: request.ortBaseUrl,
      maxThreads: request.maxThreads,
    });
    this.predictor = loading;
    if (previous) {
      // Catches a previous load that failed: there is nothing to release then.
      previous.then((p) => p.dispose()).catch(() => undefined);
    }
    try {
      const predictor = await loading;
      return {
        response: {
          type: 'ready',
          requestId: request.requestId,
          backend: predictor.backend,
          model: predictor.model,
        },
        transfer: [],
      };
    } catch (err: unknown) {
      // Catches every load failure (fetch, hash, session creation) and reports it; no fallback model.
      const code = err instanceof PredictorError ? err.code : 'model-load-failed';
      return errorReply(request.requestId, code, messageOf(err));
    }
  }

  private async predict(request: PredictRequest, receivedAt: number): Promise<HandlerReply> {
    if (!this.predictor)
      return errorReply(request.requestId, 'not-ready', 'no model loaded: send init first');
    let predictor: Predictor;
    try {
      predictor = await this.predictor;
    } catch (err: unknown) {
      // Catches the failed load of an earlier init; its error was already reported to that request.
      return errorReply(
        request.requestId,
        'not-ready',
        `the model failed to load: ${messageOf(err)}`,
      );
    }
    const nFeatures = predictor.model.nFeatures;
    if (request.rows.length !== request.nRows * nFeatures) {
      return errorReply(
        request.requestId,
        'bad-request',
        `expected ${request.nRows} × ${nFeatures} values, got ${request.rows.length}`,
      );
    }
    const run = this.queue.then(async () => {
      const t0 = this.now();
      const values = await predictor.predict(request.rows, request.nRows);
      return { values, modelMs: this.now() - t0 };
    });
    this.queue = run.catch(() => undefined);
    try {
      const { values, modelMs } = await run;
      if (values.length !== request.nRows) {
        return errorReply(
          request.requestId,
          'predict-failed',
          `the model returned ${values.length} values for ${request.nRows} rows`,
        );
      }
      const owned = ownedCopyIfNeeded(values);
      const timings = { modelMs, totalMs: this.now() - receivedAt };
      return {
        response: { type: 'prediction', requestId: request.requestId, values: owned, timings },
        transfer: [owned.buffer],
      };
    } catch (err: unknown) {
      // Catches a failing model run (bad input, runtime error) and reports it for this request only.
      return errorReply(request.requestId, 'predict-failed', messageOf(err));
    }
  }
}
