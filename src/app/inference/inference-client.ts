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
import {
  parseExplainResponse,
  type ExplainReadyResponse,
  type ExplainRules,
  type ExplainWorkerReply,
  type ExplainWorkerRequest,
  type LevelPredictionsResponse,
  type LevelSignalsResponse,
} from '../../protocol/explain-messages';
import { assertNever } from '../../protocol/assert-never';
import {
  EXPLAIN_CONFIG,
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

type WorkerReply = InferenceResponse | ExplainWorkerReply;

interface Pending {
  resolve(response: WorkerReply): void;
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
  private readonly explainConfig = inject(EXPLAIN_CONFIG);
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

  /**
   * Loads the explanation artifacts in the worker and runs the model self-test (`explain-init`).
   * A model that failed to load does not stop it: the reply then says `modelEnabled: false` with
   * the reason, and signals use the base rate. Each call starts a fresh engine (no level history).
   */
  async explainInit(): Promise<ExplainReadyResponse> {
    try {
      await this.start();
    } catch {
      // Catches the model's failed load: the state already says why; explain-init reports it too.
    }
    const c = this.explainConfig;
    const optional = (path: string | null): string | null =>
      path === null ? null : this.resolve(path);
    const response = await this.send(
      {
        type: 'explain-init',
        requestId: this.nextRequestId++,
        statsUrl: this.resolve(c.statsUrl),
        featureManifestUrl: this.resolve(c.featureManifestUrl),
        interactionsUrl: optional(c.interactionsUrl),
        goldenUrl: optional(c.goldenUrl),
      },
      [],
    );
    if (response.type !== 'explain-ready')
      throw new InferenceError('internal', `expected explain-ready, got ${response.type}`);
    return response;
  }

  /**
   * Explains the frames of one tick (`explain`): one model batch in the worker, one level_signal
   * per in-zone level. Requests are handled in the order they are sent. `rules` (thresholds and
   * confidence cut-offs) apply from this request on.
   */
  async explain(frames: readonly unknown[], rules?: ExplainRules): Promise<LevelSignalsResponse> {
    const requestId = this.nextRequestId++;
    const request: ExplainWorkerRequest =
      rules === undefined
        ? { type: 'explain', requestId, frames }
        : { type: 'explain', requestId, frames, rules };
    const response = await this.send(request, []);
    if (response.type !== 'level_signals')
      throw new InferenceError('internal', `expected level_signals, got ${response.type}`);
    return response;
  }

  /**
   * A new session on the worker's engine (`explain-reset`): every level's history, the touches and
   * the `seq` check are forgotten; the model, the artifacts and the self-test are kept.
   */
  async explainReset(): Promise<void> {
    const response = await this.send(
      { type: 'explain-reset', requestId: this.nextRequestId++ },
      [],
    );
    if (response.type !== 'explain-reset-done')
      throw new InferenceError('internal', `expected explain-reset-done, got ${response.type}`);
  }

  /**
   * Feeds the frames of `ticks` (oldest first) into the worker's session without attribution
   * (`catch-up`); with `predict`, the in-zone frames' p_break come back from one model batch.
   */
  async catchUp(
    ticks: readonly (readonly unknown[])[],
    predict: boolean,
  ): Promise<LevelPredictionsResponse> {
    const response = await this.send(
      { type: 'catch-up', requestId: this.nextRequestId++, ticks, predict },
      [],
    );
    if (response.type !== 'level_predictions')
      throw new InferenceError('internal', `expected level_predictions, got ${response.type}`);
    return response;
  }

  private resolve(path: string): string {
    return new URL(path, this.baseUri).href;
  }

  private async init(): Promise<ReadyResponse> {
    this.stateSignal.set({ status: 'loading' });
    const resolve = (path: string): string => this.resolve(path);
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

  private send(
    request: InferenceRequest | ExplainWorkerRequest,
    transfer: Transferable[],
  ): Promise<WorkerReply> {
    const worker = this.worker;
    if (!worker)
      return Promise.reject(new InferenceError('not-ready', 'the inference worker is not running'));
    return new Promise((resolve, reject) => {
      this.pending.set(request.requestId, { resolve, reject });
      worker.postMessage(request, transfer);
    });
  }

  private receive(data: unknown): void {
    const explained = parseExplainResponse(data);
    if (explained !== null) {
      if (!explained.ok) {
        this.failAll(
          'internal',
          `unreadable message from the inference worker: ${explained.error}`,
        );
        return;
      }
      const pending = this.pending.get(explained.value.requestId);
      if (!pending) return; // A reply for a request given up on: nothing waits for it.
      this.pending.delete(explained.value.requestId);
      pending.resolve(explained.value);
      return;
    }
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
