/**
 * The shipped model gives the same P(BREAK) in the three runtimes the project uses: the JS
 * predictor on the ensemble JSON (src/domain/model/tree-ensemble.ts), onnxruntime-node (the
 * tools) and onnxruntime-web's wasm backend (the browser worker; its Node build here), on 1,000
 * real episode vectors of a simulated session (seed 99, never used for training).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { predictBatch } from '../../src/domain/model/tree-ensemble';
import { parseModelManifest } from '../../src/protocol/model-manifest';
import { readEnsemble, sha256Hex } from './model-files';
import { sessionVectors } from './testing/real-vectors';

const DIR = 'public/models';
const N_ROWS = 1000;

test('JS predictor, onnxruntime-node and onnxruntime-web agree to 1e-5 on 1,000 real vectors', async () => {
  const parsed = parseModelManifest(
    JSON.parse(readFileSync(`${DIR}/break-predictor.manifest.json`, 'utf8')),
  );
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  const manifest = parsed.value;
  assert.equal(manifest.kind, 'trained');
  const bytes = new Uint8Array(readFileSync(`${DIR}/${manifest.file}`));
  assert.equal(
    sha256Hex(bytes),
    manifest.sha256,
    'the committed .onnx is the one the manifest names',
  );
  const ensemble = readEnsemble(`${DIR}/${manifest.ensemble_file ?? ''}`);

  const rows = sessionVectors('2026-03-10', 99, N_ROWS);
  const n = rows.length / 144;
  assert.equal(n, N_ROWS);

  const js = predictBatch(ensemble, rows);

  const nodeSession = await ortNode.InferenceSession.create(bytes);
  const nodeOut = await nodeSession.run({
    [manifest.input.name]: new ortNode.Tensor('float32', rows, [n, 144]),
  });
  const fromNode = nodeOut[manifest.output.name].data;
  await nodeSession.release();

  ortWeb.env.wasm.numThreads = 1;
  const webSession = await ortWeb.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const webOut = await webSession.run({
    [manifest.input.name]: new ortWeb.Tensor('float32', rows, [n, 144]),
  });
  const fromWeb = webOut[manifest.output.name].data;
  await webSession.release();

  assert.ok(fromNode instanceof Float32Array && fromWeb instanceof Float32Array);
  assert.equal(fromNode.length, n);
  assert.equal(fromWeb.length, n);
  let maxNode = 0;
  let maxWeb = 0;
  for (let i = 0; i < n; i++) {
    maxNode = Math.max(maxNode, Math.abs(fromNode[i] - js[i]));
    maxWeb = Math.max(maxWeb, Math.abs(fromWeb[i] - js[i]));
  }
  assert.ok(maxNode <= 1e-5, `onnxruntime-node differs by ${maxNode}`);
  assert.ok(maxWeb <= 1e-5, `onnxruntime-web differs by ${maxWeb}`);
  // The rows must exercise the model: many distinct probabilities over a wide range.
  assert.ok(new Set(js).size > 200, `only ${new Set(js).size} distinct outputs`);
  assert.ok(Math.max(...js) - Math.min(...js) > 0.5);
});
