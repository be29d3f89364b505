import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import {
  parseInferenceResponse,
  type BackendInfo,
  type InferenceErrorCode,
  type InferenceRequest,
  type InferenceResponse,
  type LoadedModelInfo,
  type PredictionResponse,
  type ReadyResponse,
} from '../../protocol/inference-messages';
import { assertNever } from '../../protocol/assert-never';
import {
  INFERENCE_CONFIG,
  INFERENCE_WORKER_FACTORY,
  type InferenceWorkerPort,
} from './inference-worker';

export type InferenceState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly backend: BackendInfo; readonly model: LoadedModelInfo }
  | { readonly status: 'error'; readonly code: InferenceErrorCode; readonly message: string };

/** A failed request, with the worker's error code. */
export class InferenceError extends Error {
  constructor(
    readonly code: InferenceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InferenceError';
  }
}

interface Pending {
  resolve(response: InferenceResponse): void;
  reject(error: InferenceError): void;
}

/**
 * The UI side of the inference worker: starts it, loads the model once, and turns predict
 * requests into promises matched by request id. State is a signal; no fallback model exists, so
 * a model that cannot load shows up as `status: 'error'`.
 */
@Injectable({ providedIn: 'root' })
export class InferenceClient {
  private readonly createWorker = inject(INFERENCE_WORKER_FACTORY);
  private readonly config = inject(INFERENCE_CONFIG);
  private readonly baseUri = inject(DOCUMENT).baseURI;
  private worker: InferenceWorkerPort | null = null;
  private starting: Promise<ReadyResponse> | null = null;
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly stateSignal = signal<InferenceState>({ status: 'idle' });

  readonly state = this.stateSignal.asReadonly();
  readonly backend = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.backend : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.shutdown('the inference client was destroyed'));
  }

  /** Creates the worker and loads the model (once; later calls share the first result). */
  start(): Promise<ReadyResponse> {
    this.starting ??= this.init();
    return this.starting;
  }

  /** Runs the model on `nRows` row-major rows. The rows' buffer is transferred (detached here). */
  async predict(rows: Float32Array<ArrayBuffer>, nRows: number): Promise<PredictionResponse> {
    await this.start();
    const response = await this.send(
      { type: 'predict', requestId: this.nextRequestId++, rows, nRows },
      [rows.buffer],
    );
    if (response.type !== 'prediction')
      throw new InferenceError('internal', `expected a prediction, got ${response.type}`);
    return response;
  }

  private async init(): Promise<ReadyResponse> {
    this.stateSignal.set({ status: 'loading' });
    const resolve = (path: string): string => new URL(path, this.baseUri).href;
    try {
      const worker = this.createWorker();
      worker.onmessage = (event) => this.receive(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        this.failAll('internal', `the inference worker failed: ${event.message || 'script error'}`);
      };
      this.worker = worker;
      const response = await this.send(
        {
          type: 'init',
          requestId: this.nextRequestId++,
          modelUrl: resolve(this.config.modelUrl),
          manifestUrl: resolve(this.config.manifestUrl),
          ortBaseUrl: resolve(this.config.ortBaseUrl),
          maxThreads: this.config.maxThreads,
        },
        [],
      );
      if (response.type !== 'ready')
        throw new InferenceError('internal', `expected ready, got ${response.type}`);
      this.stateSignal.set({ status: 'ready', backend: response.backend, model: response.model });
      return response;
    } catch (err: unknown) {
      // Catches worker creation failures and the init request's error reply; both end in the error state.
      const error =
        err instanceof InferenceError ? err : new InferenceError('internal', String(err));
      this.stateSignal.set({ status: 'error', code: error.code, message: error.message });
      throw error;
    }
  }

  private send(request: InferenceRequest, transfer: Transferable[]): Promise<InferenceResponse> {
    const worker = this.worker;
    if (!worker)
      return Promise.reject(new InferenceError('not-ready', 'the inference worker is not running'));
    return new Promise((resolve, reject) => {
      this.pending.set(request.requestId, { resolve, reject });
      worker.postMessage(request, transfer);
    });
  }

  private receive(data: unknown): void {
    const parsed = parseInferenceResponse(data);
    if (!parsed.ok) {
      this.failAll('internal', `unreadable message from the inference worker: ${parsed.error}`);
      return;
    }
    const response = parsed.value;
    if (response.requestId === null) {
      this.failAll(
        response.type === 'error' ? response.code : 'internal',
        response.type === 'error' ? response.message : 'response without request id',
      );
      return;
    }
    const pending = this.pending.get(response.requestId);
    if (!pending) return; // A reply for a request given up on (after failAll): nothing waits for it.
    this.pending.delete(response.requestId);
    switch (response.type) {
      case 'ready':
      case 'prediction':
        pending.resolve(response);
        break;
      case 'error':
        pending.reject(new InferenceError(response.code, response.message));
        break;
      default:
        assertNever(response, 'response');
    }
  }

  /** Rejects every request in flight and moves to the error state. */
  private failAll(code: InferenceErrorCode, message: string): void {
    this.stateSignal.set({ status: 'error', code, message });
    const error = new InferenceError(code, message);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private shutdown(reason: string): void {
    for (const p of this.pending.values()) p.reject(new InferenceError('not-ready', reason));
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
  }
}
