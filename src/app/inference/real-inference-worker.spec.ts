/**
 * The whole inference path for real: the bundled worker, the onnxruntime-web wasm files from the
 * build's `ort/` assets, the shipped break predictor from public/models. Its output must equal the
 * JS predictor's on the same float32 rows (the ensemble JSON beside the .onnx), and the worker
 * must refuse a model whose sha256 or feature-manifest hash differs from what it expects.
 */
import { TestBed } from '@angular/core/testing';
import { isFiniteNumber, isRecord } from '../../protocol/guard-result';
import {
  predictBatch,
  type DecisionTree,
  type TreeEnsemble,
} from '../../domain/model/tree-ensemble';
import { InferenceClient } from './inference-client';
import { DEFAULT_INFERENCE_CONFIG, INFERENCE_CONFIG } from './inference-worker';
import { demoFeatureRow } from './demo-row';

function numberArray(v: unknown, what: string): number[] {
  if (!Array.isArray(v) || !v.every(isFiniteNumber))
    throw new Error(`${what} must be an array of numbers`);
  return v;
}

/** Reads the ensemble JSON written beside the model by tools/predictor/train.ts. */
function parseEnsemble(v: unknown): TreeEnsemble {
  if (!isRecord(v) || !Array.isArray(v['trees'])) throw new Error('not a tree ensemble');
  const { nFeatures, aggregate, postTransform, baseScore } = v;
  if (!isFiniteNumber(nFeatures) || !isFiniteNumber(baseScore))
    throw new Error('nFeatures/baseScore must be numbers');
  if (aggregate !== 'SUM' && aggregate !== 'AVERAGE') throw new Error('bad aggregate');
  if (postTransform !== 'NONE' && postTransform !== 'LOGISTIC')
    throw new Error('bad postTransform');
  const trees = v['trees'].map((t: unknown, i): DecisionTree => {
    if (!isRecord(t)) throw new Error(`tree ${i} is not an object`);
    return {
      feature: numberArray(t['feature'], 'feature'),
      threshold: numberArray(t['threshold'], 'threshold'),
      left: numberArray(t['left'], 'left'),
      right: numberArray(t['right'], 'right'),
      value: numberArray(t['value'], 'value'),
    };
  });
  return { nFeatures, aggregate, postTransform, baseScore, trees };
}

async function fetchJson(path: string): Promise<unknown> {
  const res = await fetch(new URL(path, document.baseURI));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

describe('the real inference worker (onnxruntime-web wasm)', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('loads the shipped model and matches the JS predictor on the demo row and 256 random rows', async () => {
    const client = TestBed.inject(InferenceClient);
    const ready = await client.start();
    expect(ready.backend.executionProvider).toBe('wasm');
    expect(ready.backend.threads).toBeGreaterThanOrEqual(1);
    expect(ready.model.nFeatures).toBe(144);

    expect(ready.model.kind).toBe('trained');
    const manifest = await fetchJson(DEFAULT_INFERENCE_CONFIG.manifestUrl);
    if (!isRecord(manifest) || typeof manifest['ensemble_file'] !== 'string')
      throw new Error('the manifest names no ensemble file');
    const ensemble = parseEnsemble(await fetchJson(`models/${manifest['ensemble_file']}`));
    const d = ensemble.nFeatures;

    const demo = await client.predict(demoFeatureRow(d), 1);
    const expectedDemo = predictBatch(ensemble, demoFeatureRow(d))[0];
    expect(Math.abs(demo.values[0] - expectedDemo)).toBeLessThanOrEqual(1e-5);

    const nRows = 256;
    const rows = new Float32Array(nRows * d);
    for (let r = 0; r < nRows; r++) rows.set(demoFeatureRow(d, 1000 + r), r * d);
    const expected = predictBatch(ensemble, rows);
    const got = await client.predict(rows.slice(), nRows);
    expect(got.values.length).toBe(nRows);
    let maxDiff = 0;
    for (let i = 0; i < nRows; i++)
      maxDiff = Math.max(maxDiff, Math.abs(got.values[i] - expected[i]));
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
    // A constant model would pass trivially; the model must spread its outputs.
    expect(new Set(expected).size).toBeGreaterThan(20);
    expect(got.timings.modelMs).toBeGreaterThanOrEqual(0);
  });

  async function startWithTamperedManifest(
    patch: Record<string, unknown>,
  ): Promise<{ client: InferenceClient; started: Promise<unknown> }> {
    const manifest = await fetchJson(DEFAULT_INFERENCE_CONFIG.manifestUrl);
    if (!isRecord(manifest)) throw new Error('manifest is not an object');
    const tampered = new Blob([JSON.stringify({ ...manifest, ...patch })], {
      type: 'application/json',
    });
    const manifestUrl = URL.createObjectURL(tampered);
    TestBed.configureTestingModule({
      providers: [
        { provide: INFERENCE_CONFIG, useValue: { ...DEFAULT_INFERENCE_CONFIG, manifestUrl } },
      ],
    });
    const client = TestBed.inject(InferenceClient);
    const started = client.start().finally(() => URL.revokeObjectURL(manifestUrl));
    return { client, started };
  }

  it('refuses a model whose sha256 differs from the manifest', async () => {
    const { client, started } = await startWithTamperedManifest({ sha256: '0'.repeat(64) });
    await expectAsync(started).toBeRejectedWith(
      jasmine.objectContaining({ code: 'model-hash-mismatch' }),
    );
    expect(client.state()).toEqual(
      jasmine.objectContaining({ status: 'error', code: 'model-hash-mismatch' }),
    );
  });

  it('refuses a model made for another feature manifest, or one that does not say', async () => {
    for (const hash of ['ab'.repeat(32), null]) {
      TestBed.resetTestingModule();
      const { client, started } = await startWithTamperedManifest({ feature_manifest_hash: hash });
      await expectAsync(started).toBeRejectedWith(
        jasmine.objectContaining({
          code: 'model-load-failed',
          message: jasmine.stringMatching(/feature_manifest_hash|feature manifest/),
        }),
      );
      expect(client.state()).toEqual(
        jasmine.objectContaining({ status: 'error', code: 'model-load-failed' }),
      );
    }
  });
});
