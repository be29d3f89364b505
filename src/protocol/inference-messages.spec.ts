import {
  appThreads,
  describeMessage,
  MAX_APP_THREADS,
  parseInferenceRequest,
  parseInferenceResponse,
  type InferenceResponse,
} from './inference-messages';

const init = {
  type: 'init',
  requestId: 1,
  modelUrl: 'http://x/m.onnx',
  manifestUrl: 'http://x/m.json',
  ortBaseUrl: 'http://x/ort/',
  maxThreads: 2,
};
const backend = {
  ortVersion: '1.30.0',
  executionProvider: 'wasm',
  threads: 2,
  crossOriginIsolated: true,
  simd: true,
  hardwareConcurrency: 2,
  fetchMs: 3,
  sessionMs: 40,
};
const model = {
  file: 'm.onnx',
  sha256: 'ab'.repeat(32),
  kind: 'placeholder',
  nFeatures: 3,
  inputName: 'features',
  outputName: 'p_break',
};

describe('parseInferenceRequest', () => {
  it('accepts a well-formed init and predict', () => {
    expect(parseInferenceRequest(init)).toEqual({
      ok: true,
      value: jasmine.objectContaining({ type: 'init', requestId: 1, maxThreads: 2 }),
    });
    const rows = new Float32Array(6);
    const parsed = parseInferenceRequest({ type: 'predict', requestId: 2, rows, nRows: 2 });
    expect(parsed.ok).toBeTrue();
    if (parsed.ok && parsed.value.type === 'predict') expect(parsed.value.rows).toBe(rows);
  });

  it('rejects what is not a request', () => {
    for (const bad of [
      null,
      42,
      'init',
      [],
      {},
      { type: 'init' },
      { type: 'nope', requestId: 1 },
    ]) {
      expect(parseInferenceRequest(bad).ok).withContext(JSON.stringify(bad)).toBeFalse();
    }
  });

  it('rejects wrong field types', () => {
    expect(parseInferenceRequest({ ...init, requestId: -1 }).ok).toBeFalse();
    expect(parseInferenceRequest({ ...init, requestId: 1.5 }).ok).toBeFalse();
    expect(parseInferenceRequest({ ...init, modelUrl: 3 }).ok).toBeFalse();
    expect(parseInferenceRequest({ ...init, maxThreads: 0 }).ok).toBeFalse();
    expect(
      parseInferenceRequest({ type: 'predict', requestId: 1, rows: [1, 2, 3], nRows: 1 }).ok,
    ).toBeFalse();
    expect(
      parseInferenceRequest({ type: 'predict', requestId: 1, rows: new Float64Array(3), nRows: 1 })
        .ok,
    ).toBeFalse();
    expect(
      parseInferenceRequest({ type: 'predict', requestId: 1, rows: new Float32Array(5), nRows: 2 })
        .ok,
    ).toBeFalse();
    expect(
      parseInferenceRequest({ type: 'predict', requestId: 1, rows: new Float32Array(0), nRows: 0 })
        .ok,
    ).toBeFalse();
  });
});

describe('parseInferenceResponse', () => {
  it('accepts ready, prediction and error responses', () => {
    expect(parseInferenceResponse({ type: 'ready', requestId: 1, backend, model }).ok).toBeTrue();
    const values = new Float32Array([0.25]);
    const prediction = parseInferenceResponse({
      type: 'prediction',
      requestId: 2,
      values,
      timings: { modelMs: 0.1, totalMs: 0.3 },
    });
    expect(prediction).toEqual({
      ok: true,
      value: { type: 'prediction', requestId: 2, values, timings: { modelMs: 0.1, totalMs: 0.3 } },
    });
    expect(
      parseInferenceResponse({ type: 'error', requestId: null, code: 'internal', message: 'x' }).ok,
    ).toBeTrue();
    expect(
      parseInferenceResponse({
        type: 'error',
        requestId: 4,
        code: 'model-hash-mismatch',
        message: 'x',
      }).ok,
    ).toBeTrue();
  });

  it('rejects malformed responses', () => {
    expect(
      parseInferenceResponse({
        type: 'ready',
        requestId: 1,
        backend: { ...backend, executionProvider: 'webgpu' },
        model,
      }).ok,
    ).toBeFalse();
    expect(
      parseInferenceResponse({
        type: 'ready',
        requestId: 1,
        backend,
        model: { ...model, nFeatures: '3' },
      }).ok,
    ).toBeFalse();
    expect(
      parseInferenceResponse({ type: 'ready', requestId: null, backend, model }).ok,
    ).toBeFalse();
    expect(
      parseInferenceResponse({
        type: 'prediction',
        requestId: 2,
        values: [0.5],
        timings: { modelMs: 0, totalMs: 0 },
      }).ok,
    ).toBeFalse();
    expect(
      parseInferenceResponse({
        type: 'prediction',
        requestId: 2,
        values: new Float32Array(1),
        timings: { modelMs: 0 },
      }).ok,
    ).toBeFalse();
    expect(
      parseInferenceResponse({ type: 'error', requestId: 1, code: 'oops', message: 'x' }).ok,
    ).toBeFalse();
    expect(
      parseInferenceResponse({ type: 'error', requestId: 1, code: 'internal' }).ok,
    ).toBeFalse();
    expect(parseInferenceResponse({ type: 'init', requestId: 1 }).ok).toBeFalse();
  });

  it('describes every message kind', () => {
    const messages: InferenceResponse[] = [
      { type: 'error', requestId: null, code: 'internal', message: 'boom' },
      {
        type: 'prediction',
        requestId: 3,
        values: new Float32Array(2),
        timings: { modelMs: 0, totalMs: 0 },
      },
    ];
    expect(messages.map(describeMessage)).toEqual([
      'error #? internal: boom',
      'prediction #3 2 values',
    ]);
  });
});

describe('appThreads', () => {
  it('leaves one core to the page and asks for at most two threads', () => {
    expect(appThreads(1)).toBe(1);
    expect(appThreads(2)).toBe(1);
    expect(appThreads(3)).toBe(2);
    expect(appThreads(16)).toBe(MAX_APP_THREADS);
  });

  it('falls back to one thread when the core count is unknown or nonsense', () => {
    expect(appThreads(0)).toBe(1);
    expect(appThreads(Number.NaN)).toBe(1);
    expect(appThreads(-4)).toBe(1);
    expect(appThreads(2.9)).toBe(1);
  });
});
