/**
 * Loads an ONNX break predictor in Node (onnxruntime-node) with the same checks as the app's
 * worker (src/worker/ort-predictor.ts): the manifest beside the model (X.onnx → X.manifest.json)
 * must validate, name the feature layout the tools build and the model's sha256; the graph must
 * have one float32 input [N, 144] and a float32 probability output [N, 1] or [N, 2] (class 1 =
 * BREAK), no ZipMap. The tools' `--model FILE.onnx` options all go through here.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import {
  breakProbabilities,
  checkModelSignature,
  expectedFeatureManifestHash,
  featureLayoutError,
  parseModelManifest,
  type GraphValueInfo,
  type ModelManifest,
} from '../../src/protocol/model-manifest';
import { manifestPathFor, sha256Hex } from './model-files';

export interface OnnxModel {
  readonly manifest: ModelManifest;
  readonly manifestPath: string;
  /** The manifest as read (with the fields the type does not know). */
  readonly manifestJson: Readonly<Record<string, unknown>>;
  /** P(BREAK) per row for `nRows` row-major rows. */
  predict(rows: Float32Array, nRows: number): Promise<Float32Array>;
  release(): Promise<void>;
}

export interface LoadOnnxOptions {
  /** Default: the manifest beside the model. */
  readonly manifestPath?: string;
  /** Default: the hash of the layout src/domain/vector builds. */
  readonly featureManifestHash?: string;
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function valueInfo(meta: readonly ort.InferenceSession.ValueMetadata[]): GraphValueInfo[] {
  return meta.map((m) =>
    m.isTensor
      ? { name: m.name, isTensor: true, type: m.type, shape: m.shape }
      : { name: m.name, isTensor: false },
  );
}

/** Throws an Error with a message that says what is wrong with the model or its manifest. */
export async function loadOnnxModel(
  modelPath: string,
  opts: LoadOnnxOptions = {},
): Promise<OnnxModel> {
  const manifestPath = opts.manifestPath ?? manifestPathFor(modelPath);
  if (!existsSync(manifestPath)) {
    throw new Error(
      `${modelPath}: no manifest at ${manifestPath} (docs/bring-your-own-model.md says what it holds)`,
    );
  }
  const json: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const parsed = parseModelManifest(json);
  if (!parsed.ok) throw new Error(`${manifestPath}: ${parsed.error}`);
  const manifest = parsed.value;
  const layout = featureLayoutError(
    manifest,
    opts.featureManifestHash ?? expectedFeatureManifestHash(),
  );
  if (layout !== null) throw new Error(`${manifestPath}: ${layout}`);
  const bytes = new Uint8Array(readFileSync(modelPath));
  const sha = sha256Hex(bytes);
  if (sha !== manifest.sha256) {
    throw new Error(
      `${modelPath} has sha256 ${sha}, the manifest expects ${manifest.sha256}; refusing to load it`,
    );
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
  } catch (err: unknown) {
    throw new Error(
      `${modelPath}: onnxruntime cannot load it: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const signature = checkModelSignature(
    manifest,
    valueInfo(session.inputMetadata),
    valueInfo(session.outputMetadata),
  );
  if (signature !== null) {
    await session.release();
    throw new Error(`${modelPath}: ${signature}`);
  }
  const predict = async (rows: Float32Array, nRows: number): Promise<Float32Array> => {
    if (rows.length !== nRows * manifest.n_features)
      throw new Error(`${rows.length} values for ${nRows} rows of ${manifest.n_features}`);
    const input = new ort.Tensor('float32', rows, [nRows, manifest.n_features]);
    const out = await session.run({ [manifest.input.name]: input }, [manifest.output.name]);
    const tensor = out[manifest.output.name];
    if (tensor === undefined) throw new Error(`the model returned no ${manifest.output.name}`);
    return breakProbabilities(manifest, tensor.dims, tensor.data, nRows);
  };
  try {
    await predict(new Float32Array(manifest.n_features), 1);
  } catch (err: unknown) {
    await session.release();
    throw new Error(`${modelPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return {
    manifest,
    manifestPath,
    manifestJson: isRecord(json) ? json : {},
    predict,
    release: () => session.release(),
  };
}

/** Scores `n` rows in batches (keeps tensors small). */
export async function predictAll(
  model: OnnxModel,
  rows: Float32Array,
  n: number,
  batch = 4096,
): Promise<Float32Array> {
  const d = model.manifest.n_features;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += batch) {
    const m = Math.min(batch, n - i);
    out.set(await model.predict(rows.slice(i * d, (i + m) * d), m), i);
  }
  return out;
}
