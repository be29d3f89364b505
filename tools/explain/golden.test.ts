import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareGolden, goldenRows, parseGolden } from '../../src/domain/explain/golden';
import { parseModelManifest } from '../../src/protocol/model-manifest';
import { onnxModel, readJson } from './explain-support';

const GOLDEN = 'public/artifacts/explain_golden.json';

test('the committed golden file belongs to the shipped model and onnxruntime-node reproduces it', async () => {
  const parsed = parseGolden(readJson(GOLDEN));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  const golden = parsed.golden;
  const manifest = parseModelManifest(
    readJson(`public/models/${golden.modelFile.replace(/\.onnx$/, '.manifest.json')}`),
  );
  assert.ok(manifest.ok);
  assert.equal(golden.modelSha256, manifest.value.sha256, 'regenerate with npm run explain:golden');
  const { rows, seqs } = goldenRows(golden.frames);
  assert.equal(seqs.length, golden.expected.length);
  const { model, release } = await onnxModel(`public/models/${golden.modelFile}`);
  const outputs = await model(rows, seqs.length);
  await release();
  const ok = compareGolden(golden, seqs, outputs);
  assert.ok(ok.passed, ok.detail);
  assert.ok(ok.maxAbsDiff < golden.tolerance);
  // a model that differs by more than the tolerance on one row fails, and says where
  const off = Float32Array.from(outputs);
  off[3] += 3 * golden.tolerance;
  const bad = compareGolden(golden, seqs, off);
  assert.equal(bad.passed, false);
  assert.match(bad.detail, new RegExp(`at frame ${seqs[3]}`));
  assert.equal(compareGolden(golden, seqs.slice(1), outputs.subarray(1)).passed, false);
});
