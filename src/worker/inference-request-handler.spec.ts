import type {
  BackendInfo,
  InferenceResponse,
  LoadedModelInfo,
  PredictionResponse,
} from '../protocol/inference-messages';
import { InferenceRequestHandler } from './inference-request-handler';
import { PredictorError, type Predictor, type PredictorConfig } from './predictor';

const N_FEATURES = 3;

const backend: BackendInfo = {
  ortVersion: 'test',
  executionProvider: 'wasm',
  threads: 1,
  crossOriginIsolated: false,
  simd: true,
  hardwareConcurrency: 2,
  fetchMs: 1,
  sessionMs: 2,
};
const model: LoadedModelInfo = {
  file: 'm.onnx',
  sha256: '0'.repeat(64),
  kind: 'placeholder',
  nFeatures: N_FEATURES,
  inputName: 'features',
  outputName: 'p_break',
};

/** Sums each row: easy to check, and it proves the rows reached the predictor unchanged. */
class SummingPredictor implements Predictor {
  readonly backend = backend;
  readonly model = model;
  disposed = false;
  calls = 0;
  predict(rows: Float32Array, nRows: number): Promise<Float32Array> {
    this.calls++;
    const out = new Float32Array(nRows);
    for (let i = 0; i < nRows; i++)
      for (let j = 0; j < N_FEATURES; j++) out[i] += rows[i * N_FEATURES + j];
    return Promise.resolve(out);
  }
  dispose(): Promise<void> {
    this.disposed = true;
    return Promise.resolve();
  }
}

const init = {
  type: 'init',
  requestId: 1,
  modelUrl: 'http://h/m.onnx',
  manifestUrl: 'http://h/m.json',
  ortBaseUrl: 'http://h/ort/',
  maxThreads: 2,
};

function predict(requestId: number, values: number[], nRows: number): unknown {
  return { type: 'predict', requestId, rows: new Float32Array(values), nRows };
}

function expectPrediction(response: InferenceResponse): PredictionResponse {
  if (response.type !== 'prediction')
    throw new Error(`expected a prediction, got ${JSON.stringify(response)}`);
  return response;
}

describe('InferenceRequestHandler', () => {
  let predictor: SummingPredictor;
  let configs: PredictorConfig[];
  let handler: InferenceRequestHandler;

  beforeEach(() => {
    predictor = new SummingPredictor();
    configs = [];
    handler = new InferenceRequestHandler((config) => {
      configs.push(config);
      return Promise.resolve(predictor);
    });
  });

  it('answers init with ready, echoing the request id and passing the config to the loader', async () => {
    const { response } = await handler.handle({ ...init, requestId: 41 });
    expect(response).toEqual({ type: 'ready', requestId: 41, backend, model });
    expect(configs).toEqual([
      {
        modelUrl: init.modelUrl,
        manifestUrl: init.manifestUrl,
        ortBaseUrl: init.ortBaseUrl,
        maxThreads: 2,
      },
    ]);
  });

  it('predicts after init and transfers the result buffer', async () => {
    await handler.handle(init);
    const { response, transfer } = await handler.handle(predict(7, [1, 2, 3, 10, 20, 30], 2));
    const prediction = expectPrediction(response);
    expect(prediction.requestId).toBe(7);
    expect(Array.from(prediction.values)).toEqual([6, 60]);
    expect(transfer.length).toBe(1);
    expect(transfer[0] === prediction.values.buffer)
      .withContext('the values buffer is transferred')
      .toBeTrue();
  });

  it('refuses to predict before init', async () => {
    const { response } = await handler.handle(predict(3, [1, 2, 3], 1));
    expect(response).toEqual(
      jasmine.objectContaining({ type: 'error', requestId: 3, code: 'not-ready' }),
    );
    expect(predictor.calls).toBe(0);
  });

  it('reports a malformed message as bad-request, with the id when it can read one', async () => {
    expect(
      (await handler.handle({ type: 'predict', requestId: 9, rows: [1, 2, 3], nRows: 1 })).response,
    ).toEqual(jasmine.objectContaining({ type: 'error', requestId: 9, code: 'bad-request' }));
    expect((await handler.handle('hello')).response).toEqual(
      jasmine.objectContaining({ type: 'error', requestId: null, code: 'bad-request' }),
    );
  });

  it('rejects rows whose length does not match the model width', async () => {
    await handler.handle(init);
    const { response } = await handler.handle(predict(5, [1, 2, 3, 4], 2));
    expect(response).toEqual(
      jasmine.objectContaining({ type: 'error', requestId: 5, code: 'bad-request' }),
    );
    expect(predictor.calls).toBe(0);
  });

  it('passes a loader error code through and stays not-ready; no fallback predictor is used', async () => {
    const failing = new InferenceRequestHandler(() =>
      Promise.reject(new PredictorError('model-hash-mismatch', 'hash differs')),
    );
    expect((await failing.handle(init)).response).toEqual({
      type: 'error',
      requestId: 1,
      code: 'model-hash-mismatch',
      message: 'hash differs',
    });
    const { response } = await failing.handle(predict(2, [1, 2, 3], 1));
    expect(response).toEqual(
      jasmine.objectContaining({ type: 'error', requestId: 2, code: 'not-ready' }),
    );
    if (response.type === 'error') expect(response.message).toContain('hash differs');
  });

  it('maps an unexpected loader error to model-load-failed', async () => {
    const failing = new InferenceRequestHandler(() => Promise.reject(new TypeError('no wasm')));
    expect((await failing.handle(init)).response).toEqual({
      type: 'error',
      requestId: 1,
      code: 'model-load-failed',
      message: 'no wasm',
    });
  });

  it('reports a failing model run for that request only', async () => {
    await handler.handle(init);
    spyOn(predictor, 'predict').and.returnValues(
      Promise.reject(new Error('run failed')),
      Promise.resolve(new Float32Array([1])),
    );
    expect((await handler.handle(predict(1, [1, 2, 3], 1))).response).toEqual({
      type: 'error',
      requestId: 1,
      code: 'predict-failed',
      message: 'run failed',
    });
    expect(
      expectPrediction((await handler.handle(predict(2, [1, 2, 3], 1))).response).values[0],
    ).toBe(1);
  });

  it('flags a predictor that returns the wrong number of values', async () => {
    await handler.handle(init);
    spyOn(predictor, 'predict').and.resolveTo(new Float32Array(3));
    expect((await handler.handle(predict(1, [1, 2, 3], 1))).response).toEqual(
      jasmine.objectContaining({ code: 'predict-failed' }),
    );
  });

  it('copies a result that is a view into a larger buffer before transferring it', async () => {
    await handler.handle(init);
    const heap = new Float32Array([9, 8, 7, 6]);
    spyOn(predictor, 'predict').and.resolveTo(heap.subarray(1, 2));
    const { response, transfer } = await handler.handle(predict(1, [1, 2, 3], 1));
    const prediction = expectPrediction(response);
    expect(Array.from(prediction.values)).toEqual([8]);
    expect(prediction.values.buffer).not.toBe(heap.buffer);
    expect(transfer.length).toBe(1);
    expect(transfer[0] === prediction.values.buffer)
      .withContext('the values buffer is transferred')
      .toBeTrue();
  });

  it('runs one prediction at a time, in arrival order', async () => {
    await handler.handle(init);
    const log: string[] = [];
    let releaseFirst: () => void = () => undefined;
    spyOn(predictor, 'predict').and.callFake((_rows: Float32Array, nRows: number) => {
      log.push(`start ${nRows}`);
      return new Promise<Float32Array>((resolve) => {
        const done = (): void => {
          log.push(`end ${nRows}`);
          resolve(new Float32Array(nRows));
        };
        if (nRows === 1) releaseFirst = done;
        else done();
      });
    });
    const first = handler.handle(predict(1, [1, 2, 3], 1));
    const second = handler.handle(predict(2, [1, 2, 3, 4, 5, 6], 2));
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['start 1']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('measures model and total time with the injected clock', async () => {
    let t = 0;
    const timed = new InferenceRequestHandler(
      () => Promise.resolve(predictor),
      () => (t += 5),
    );
    await timed.handle(init);
    const prediction = expectPrediction((await timed.handle(predict(1, [1, 2, 3], 1))).response);
    // Clock reads: arrival 5 (per handle call: init 5, predict arrival 10), run start 15, run end 20, reply 25.
    expect(prediction.timings).toEqual({ modelMs: 5, totalMs: 15 });
  });

  it('disposes the previous predictor when init comes again', async () => {
    await handler.handle(init);
    const first = predictor;
    predictor = new SummingPredictor();
    await handler.handle({ ...init, requestId: 2 });
    await Promise.resolve();
    expect(first.disposed).toBeTrue();
    expect(predictor.disposed).toBeFalse();
  });
});
