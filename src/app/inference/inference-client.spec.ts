import { TestBed } from '@angular/core/testing';
import { isRecord } from '../../protocol/guard-result';
import { InferenceClient, InferenceError } from './inference-client';
import {
  INFERENCE_CONFIG,
  INFERENCE_WORKER_FACTORY,
  type InferenceWorkerPort,
} from './inference-worker';

const backend = {
  ortVersion: '1.30.0',
  executionProvider: 'wasm',
  threads: 2,
  crossOriginIsolated: true,
  simd: true,
  hardwareConcurrency: 2,
  fetchMs: 1,
  sessionMs: 2,
};
const model = {
  file: 'm.onnx',
  sha256: 'f'.repeat(64),
  kind: 'placeholder',
  nFeatures: 2,
  inputName: 'features',
  outputName: 'p_break',
};

/** An in-process stand-in for the worker: records what it is sent, answers when told to. */
class FakeWorker implements InferenceWorkerPort {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly sent: Record<string, unknown>[] = [];
  readonly transfers: Transferable[][] = [];
  terminated = false;
  /** Replies to init automatically unless set to false. */
  autoReady = true;

  postMessage(message: unknown, transfer: Transferable[]): void {
    if (!isRecord(message)) throw new Error('the client sent a non-object');
    this.sent.push(message);
    this.transfers.push(transfer);
    if (message['type'] === 'init' && this.autoReady) {
      queueMicrotask(() =>
        this.reply({ type: 'ready', requestId: message['requestId'], backend, model }),
      );
    }
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  lastRequestId(type: string): unknown {
    return [...this.sent].reverse().find((m) => m['type'] === type)?.['requestId'];
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('InferenceClient', () => {
  let worker: FakeWorker;
  let created: number;
  let client: InferenceClient;

  beforeEach(() => {
    worker = new FakeWorker();
    created = 0;
    TestBed.configureTestingModule({
      providers: [
        {
          provide: INFERENCE_WORKER_FACTORY,
          useValue: () => {
            created++;
            return worker;
          },
        },
        {
          provide: INFERENCE_CONFIG,
          useValue: {
            modelUrl: 'models/m.onnx',
            manifestUrl: 'models/m.json',
            ortBaseUrl: 'ort/',
            maxThreads: 3,
          },
        },
      ],
    });
    client = TestBed.inject(InferenceClient);
  });

  it('starts idle, sends init with absolute URLs and becomes ready', async () => {
    expect(client.state().status).toBe('idle');
    const started = client.start();
    expect(client.state().status).toBe('loading');
    const ready = await started;
    expect(ready.backend.threads).toBe(2);
    const init = worker.sent[0];
    expect(init['type']).toBe('init');
    expect(init['modelUrl']).toBe(new URL('models/m.onnx', document.baseURI).href);
    expect(init['ortBaseUrl']).toBe(new URL('ort/', document.baseURI).href);
    expect(init['maxThreads']).toBe(3);
    expect(client.state()).toEqual(jasmine.objectContaining({ status: 'ready' }));
    expect(client.backend()?.ortVersion).toBe('1.30.0');
  });

  it('creates one worker and sends one init however often start is called', async () => {
    await Promise.all([client.start(), client.start()]);
    await client.start();
    expect(created).toBe(1);
    expect(worker.sent.filter((m) => m['type'] === 'init').length).toBe(1);
  });

  it('matches predictions to requests by id, in any order, and transfers the rows', async () => {
    await client.start();
    const rowsA = new Float32Array([1, 2]);
    const a = client.predict(rowsA, 1);
    await flush();
    const idA = worker.lastRequestId('predict');
    const b = client.predict(new Float32Array([3, 4, 5, 6]), 2);
    await flush();
    const idB = worker.lastRequestId('predict');
    expect(idA).not.toBe(idB);
    expect(worker.transfers[1]).toEqual([rowsA.buffer]);
    worker.reply({
      type: 'prediction',
      requestId: idB,
      values: new Float32Array([0.2, 0.3]),
      timings: { modelMs: 1, totalMs: 2 },
    });
    worker.reply({
      type: 'prediction',
      requestId: idA,
      values: new Float32Array([0.9]),
      timings: { modelMs: 1, totalMs: 2 },
    });
    expect(Array.from((await a).values)).toEqual([Math.fround(0.9)]);
    expect(Array.from((await b).values)).toEqual([Math.fround(0.2), Math.fround(0.3)]);
  });

  it('rejects a prediction with the worker error code', async () => {
    await client.start();
    const p = client.predict(new Float32Array(2), 1);
    await flush();
    worker.reply({
      type: 'error',
      requestId: worker.lastRequestId('predict'),
      code: 'predict-failed',
      message: 'bad row',
    });
    await expectAsync(p).toBeRejectedWith(new InferenceError('predict-failed', 'bad row'));
    expect(client.state().status).toBe('ready');
  });

  it('shows a model that cannot load as an error state and rejects predictions', async () => {
    worker.autoReady = false;
    const started = client.start();
    const prediction = client.predict(new Float32Array(2), 1);
    worker.reply({
      type: 'error',
      requestId: worker.lastRequestId('init'),
      code: 'model-hash-mismatch',
      message: 'sha differs',
    });
    await expectAsync(started).toBeRejectedWith(
      jasmine.objectContaining({ code: 'model-hash-mismatch' }),
    );
    await expectAsync(prediction).toBeRejectedWith(
      jasmine.objectContaining({ code: 'model-hash-mismatch' }),
    );
    expect(client.state()).toEqual({
      status: 'error',
      code: 'model-hash-mismatch',
      message: 'sha differs',
    });
    expect(worker.sent.some((m) => m['type'] === 'predict')).toBeFalse();
  });

  it('fails everything in flight when the worker reports an error or sends garbage', async () => {
    await client.start();
    const p = client.predict(new Float32Array(2), 1);
    await flush();
    worker.reply({ nonsense: true });
    await expectAsync(p).toBeRejectedWith(jasmine.objectContaining({ code: 'internal' }));
    expect(client.state().status).toBe('error');
  });

  it('fails everything in flight when the worker script errors', async () => {
    worker.autoReady = false;
    const started = client.start();
    worker.onerror?.(new ErrorEvent('error', { message: 'script failed' }));
    await expectAsync(started).toBeRejectedWith(jasmine.objectContaining({ code: 'internal' }));
    expect(client.state()).toEqual(
      jasmine.objectContaining({
        status: 'error',
        message: jasmine.stringContaining('script failed'),
      }),
    );
  });

  it('terminates the worker when the injector is destroyed', async () => {
    await client.start();
    TestBed.resetTestingModule();
    expect(worker.terminated).toBeTrue();
  });

  it('explain-init sends the artifact URLs after init, even when the model failed to load', async () => {
    worker.autoReady = false;
    const ready = client.explainInit();
    await flush();
    worker.reply({
      type: 'error',
      requestId: worker.lastRequestId('init'),
      code: 'model-fetch-failed',
      message: 'HTTP 404',
    });
    await flush();
    const init = worker.sent.find((m) => m['type'] === 'explain-init');
    expect(init?.['statsUrl']).toBe(
      new URL('artifacts/historical_stats.json', document.baseURI).href,
    );
    expect(init?.['goldenUrl']).toBe(
      new URL('artifacts/explain_golden.json', document.baseURI).href,
    );
    worker.reply({
      type: 'explain-ready',
      requestId: worker.lastRequestId('explain-init'),
      modelEnabled: false,
      reason: 'the model failed to load: HTTP 404',
      selfTest: { status: 'skipped', rows: 0, maxAbsDiff: null, detail: 'no model' },
      combos: 0,
      warnings: [],
    });
    await expectAsync(ready).toBeRejected(); // maxAbsDiff null is not a number: unreadable
    expect(client.state().status).toBe('error');
  });

  it('explain resolves level_signals by request id and checks them', async () => {
    await client.start();
    const a = client.explain([{ seq: 1 }]);
    const b = client.explain([{ seq: 2 }]);
    await flush();
    const explains = worker.sent.filter((m) => m['type'] === 'explain');
    expect(explains.map((m) => m['frames'])).toEqual([[{ seq: 1 }], [{ seq: 2 }]]);
    const reply = (requestId: unknown, rows: number) => ({
      type: 'level_signals',
      requestId,
      signals: [],
      method: 'model',
      reason: null,
      rejected: { count: 0, reasons: {} },
      rows,
      timings: { modelMs: 1, attributionMs: 2, totalMs: 3 },
      warnings: [],
    });
    worker.reply(reply(explains[1]['requestId'], 7));
    worker.reply(reply(explains[0]['requestId'], 5));
    expect((await a).rows).toBe(5);
    expect((await b).rows).toBe(7);
  });

  it('catch-up sends the ticks and resolves level_predictions; explain-reset resolves on its answer', async () => {
    await client.start();
    const caught = client.catchUp([[{ seq: 1 }], [{ seq: 2 }, { seq: 3 }]], true);
    const reset = client.explainReset();
    await flush();
    const catchUp = worker.sent.find((m) => m['type'] === 'catch-up');
    expect(catchUp?.['ticks']).toEqual([[{ seq: 1 }], [{ seq: 2 }, { seq: 3 }]]);
    expect(catchUp?.['predict']).toBeTrue();
    worker.reply({ type: 'explain-reset-done', requestId: worker.lastRequestId('explain-reset') });
    await expectAsync(reset).toBeResolved();
    worker.reply({
      type: 'level_predictions',
      requestId: catchUp?.['requestId'],
      predictions: [
        {
          kind: 'OR_LOW',
          timestamp: '2025-11-03T15:00:00.000Z',
          p_break: 0.4,
          time_bucket: 'T30_60',
        },
      ],
      method: 'model',
      reason: null,
      ticks: 2,
      rejected: { count: 0, reasons: {} },
      rows: 1,
      timings: { modelMs: 1, totalMs: 2 },
      warnings: [],
    });
    expect((await caught).predictions.map((p) => p.p_break)).toEqual([0.4]);
  });
});
