/**
 * Bring-your-own-model loading (docs/bring-your-own-model.md) through the Node loader, which runs
 * the same checks as the worker adapter (src/protocol/model-manifest.ts): probability outputs
 * [N, 1] and [N, 2] (class 1 = BREAK) load; a ZipMap output, [N, 3], a wrong input width, a double
 * input, a wrong sha256 or feature-manifest hash are refused with a message that says why.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import * as ortWeb from 'onnxruntime-web';
import {
  MODEL_MANIFEST_SCHEMA,
  breakProbabilities,
  checkModelSignature,
  expectedFeatureManifestHash,
  parseModelManifest,
} from '../../src/protocol/model-manifest';
import { sha256Hex } from './model-files';
import { loadOnnxModel } from './onnx-model';
import {
  regressor,
  threeClassClassifier,
  twoClassClassifier,
  zipMapClassifier,
} from './testing/onnx-graphs';

const dir = mkdtempSync(join(tmpdir(), 'byom-'));
let counter = 0;

/** Writes NAME.onnx and NAME.manifest.json; `patch` overrides manifest fields. */
function writeModel(
  bytes: Uint8Array,
  output: { name: string; shape: (string | number)[] },
  patch: Record<string, unknown> = {},
): string {
  const name = `m${counter++}`;
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, bytes);
  const manifest = {
    schema: MODEL_MANIFEST_SCHEMA,
    file: `${name}.onnx`,
    sha256: sha256Hex(bytes),
    bytes: bytes.length,
    input: { name: 'features', shape: ['N', 144] },
    output,
    n_features: 144,
    kind: 'trained',
    created_by: 'scikit-learn + skl2onnx',
    feature_manifest_sha256: null,
    feature_manifest_hash: expectedFeatureManifestHash(),
    ensemble_file: null,
    ...patch,
  };
  writeFileSync(join(dir, `${name}.manifest.json`), JSON.stringify(manifest));
  return path;
}

/** Rows whose feature 0 is −1 (left leaf) or +1 (right leaf). */
function rows(x0: number[]): Float32Array {
  const r = new Float32Array(x0.length * 144);
  x0.forEach((v, i) => (r[i * 144] = v));
  return r;
}

const PROBS = { name: 'probabilities', shape: ['N', 2] };

test('a two-class classifier (label + probabilities [N, 2]) loads; P(BREAK) is column 1', async () => {
  const model = await loadOnnxModel(writeModel(twoClassClassifier(), PROBS));
  const p = await model.predict(rows([-1, 1, -1]), 3);
  assert.deepEqual(
    Array.from(p, (x) => Math.round(x * 1e6) / 1e6),
    [0.2, 0.7, 0.2],
  );
  await model.release();
});

test('a [N, 1] probability output loads', async () => {
  const model = await loadOnnxModel(
    writeModel(regressor(144), { name: 'p_break', shape: ['N', 1] }),
  );
  const p = await model.predict(rows([-1, 1]), 2);
  assert.ok(Math.abs(p[0] - 1 / (1 + Math.E)) < 1e-6);
  assert.ok(Math.abs(p[1] - 1 / (1 + Math.exp(-1))) < 1e-6);
  await model.release();
});

test('a ZipMap output is refused and the message says to disable ZipMap', async () => {
  const path = writeModel(zipMapClassifier(), { name: 'output_probability', shape: ['N', 2] });
  await assert.rejects(
    loadOnnxModel(path),
    /not a tensor \(a ZipMap or sequence output\).*zipmap/i,
  );
});

test('three class probabilities are refused', async () => {
  const asTwo = writeModel(threeClassClassifier(), PROBS);
  await assert.rejects(loadOnnxModel(asTwo), /shape \["N",3\].*\[N, 1\].*\[N, 2\]/);
  // A manifest that declares [N, 3] is refused before the model is even opened.
  const asThree = writeModel(threeClassClassifier(), { name: 'probabilities', shape: ['N', 3] });
  await assert.rejects(loadOnnxModel(asThree), /output\.shape must be \[N, 1\].*or \[N, 2\]/);
});

test('a wrong input width or a double input is refused', async () => {
  await assert.rejects(
    loadOnnxModel(writeModel(regressor(10), { name: 'p_break', shape: ['N', 1] })),
    /10 wide; the feature vector has 144 features/,
  );
  await assert.rejects(
    loadOnnxModel(writeModel(regressor(144, 'double'), { name: 'p_break', shape: ['N', 1] })),
    /input "features" is float64; it must be float \(float32\)/,
  );
});

test('a model whose bytes differ from the manifest sha256 is refused', async () => {
  const path = writeModel(twoClassClassifier(), PROBS, { sha256: 'ab'.repeat(32) });
  await assert.rejects(
    loadOnnxModel(path),
    /has sha256 [0-9a-f]{64}, the manifest expects abab.*refusing/,
  );
});

test('a manifest for another feature layout, or none, is refused', async () => {
  const other = writeModel(twoClassClassifier(), PROBS, { feature_manifest_hash: 'cd'.repeat(32) });
  await assert.rejects(loadOnnxModel(other), /made for feature manifest cdcd.*refusing/);
  const none = writeModel(twoClassClassifier(), PROBS, { feature_manifest_hash: null });
  await assert.rejects(loadOnnxModel(none), /no feature_manifest_hash/);
});

test('the input name must match the manifest', async () => {
  const path = writeModel(twoClassClassifier(), PROBS, { input: { name: 'X', shape: ['N', 144] } });
  await assert.rejects(loadOnnxModel(path), /input is "features", the manifest says "X"/);
});

test('onnxruntime-web (the worker runtime) reports the same signature and the same [N, 2] reading', async () => {
  ortWeb.env.wasm.numThreads = 1;
  const path = writeModel(twoClassClassifier(), PROBS);
  const node = await loadOnnxModel(path);
  const session = await ortWeb.InferenceSession.create(twoClassClassifier(), {
    executionProviders: ['wasm'],
  });
  const info = (m: readonly ortWeb.InferenceSession.ValueMetadata[]) =>
    m.map((v) =>
      v.isTensor
        ? { name: v.name, isTensor: true, type: v.type, shape: v.shape }
        : { name: v.name, isTensor: false },
    );
  assert.equal(
    checkModelSignature(node.manifest, info(session.inputMetadata), info(session.outputMetadata)),
    null,
  );
  const x = rows([1, -1]);
  const out = await session.run({ features: new ortWeb.Tensor('float32', x, [2, 144]) }, [
    'probabilities',
  ]);
  const web = breakProbabilities(
    node.manifest,
    out['probabilities'].dims,
    out['probabilities'].data,
    2,
  );
  assert.deepEqual(Array.from(web), Array.from(await node.predict(x, 2)));
  await session.release();
  await node.release();

  // With a ZipMap the web runtime either refuses the graph or reports a non-tensor output.
  let zipmapInfo: string | null = 'created';
  try {
    const z = await ortWeb.InferenceSession.create(zipMapClassifier(), {
      executionProviders: ['wasm'],
    });
    const zm = parseModelManifest({
      ...node.manifestJson,
      output: { name: 'output_probability', shape: ['N', 2] },
    });
    assert.ok(zm.ok);
    zipmapInfo = checkModelSignature(zm.value, info(z.inputMetadata), info(z.outputMetadata));
    await z.release();
  } catch {
    zipmapInfo = null;
  }
  assert.ok(zipmapInfo === null || /ZipMap/.test(zipmapInfo), String(zipmapInfo));
});
