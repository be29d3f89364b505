import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as ort from 'onnxruntime-node';
import { predictBatch, type TreeEnsemble } from '../../src/domain/model/tree-ensemble';
import { parseModelManifest } from '../../src/protocol/model-manifest';
import { buildDemoModelFiles, DEMO_N_FEATURES, syntheticData } from './make-demo-model';

function auc(scores: Float32Array, labels: Uint8Array): number {
  let pos = 0;
  let wins = 0;
  const neg: number[] = [];
  labels.forEach((y, i) => (y === 0 ? neg.push(scores[i]) : undefined));
  labels.forEach((y, i) => {
    if (y !== 1) return;
    pos++;
    for (const s of neg) wins += scores[i] > s ? 1 : scores[i] === s ? 0.5 : 0;
  });
  return wins / (pos * neg.length);
}

const seed7 = buildDemoModelFiles(7, null);

test('same seed gives the same bytes, another seed another model', () => {
  const a = seed7;
  const b = buildDemoModelFiles(7, null);
  assert.deepEqual(a.onnx, b.onnx);
  assert.equal(a.manifestJson, b.manifestJson);
  assert.notDeepEqual(buildDemoModelFiles(8, null).onnx, a.onnx);
});

test('the manifest validates and names the model bytes', () => {
  const files = buildDemoModelFiles(7, 'a'.repeat(64));
  const parsed = parseModelManifest(JSON.parse(files.manifestJson));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  assert.equal(parsed.value.sha256, createHash('sha256').update(files.onnx).digest('hex'));
  assert.equal(parsed.value.bytes, files.onnx.length);
  assert.equal(parsed.value.n_features, DEMO_N_FEATURES);
  assert.equal(parsed.value.kind, 'placeholder');
  assert.equal(parsed.value.feature_manifest_sha256, 'a'.repeat(64));
});

test('the placeholder learns the synthetic signal (held-out AUC > 0.65)', () => {
  const parsed: unknown = JSON.parse(seed7.ensembleJson);
  // Our own output, built above; the model's quality is what is under test.
  const model = parsed as TreeEnsemble;
  const { x, y } = syntheticData(999, 2000);
  assert.ok(auc(predictBatch(model, x), y) > 0.65);
});

test('onnxruntime-node on the exported bytes equals the JS predictor on the JSON ensemble', async () => {
  const files = seed7;
  const parsed: unknown = JSON.parse(files.ensembleJson);
  // The JSON is our own output a line above; the parity check is what is under test.
  const model = parsed as TreeEnsemble;
  const { x } = syntheticData(4242, 1000);
  const session = await ort.InferenceSession.create(files.onnx);
  const out = await session.run({
    features: new ort.Tensor('float32', x, [1000, DEMO_N_FEATURES]),
  });
  await session.release();
  const expected = predictBatch(model, x);
  const got = out['p_break']?.data;
  assert.ok(got instanceof Float32Array);
  for (let i = 0; i < 1000; i++) assert.ok(Math.abs(got[i] - expected[i]) <= 1e-5, `row ${i}`);
});
