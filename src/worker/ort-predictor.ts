/**
 * The onnxruntime-web (wasm, CPU) implementation of {@link Predictor}.
 *
 * Loading: fetch the manifest, refuse it unless its feature-manifest hash is the hash of the
 * vector layout this build produces, fetch the model, check its sha256 against the manifest
 * (refuse on mismatch), create the session, check the graph's signature
 * (`checkModelSignature`: one float32 input [N, 144], a float32 probability output [N, 1] or
 * [N, 2], no ZipMap/sequence output) and run one probe row. A [N, 2] output is read as class
 * probabilities with class 1 = BREAK (docs/bring-your-own-model.md). The wasm runtime files come
 * from the app's own `ort/` folder (`ortBaseUrl`); threads: min(maxThreads, hardwareConcurrency) when the worker is
 * cross-origin isolated (SharedArrayBuffer available), else 1.
 */
import * as ort from 'onnxruntime-web/wasm';
import {
  breakProbabilities,
  checkModelSignature,
  expectedFeatureManifestHash,
  featureLayoutError,
  parseModelManifest,
  type GraphValueInfo,
  type ModelManifest,
} from '../protocol/model-manifest';
import type { BackendInfo, LoadedModelInfo } from '../protocol/inference-messages';
import { PredictorError, type Predictor, type PredictorConfig } from './predictor';
import { sha256Hex } from './sha256';
import { threadsFor, wasmSimdSupported } from './wasm-runtime';

async function fetchOk(url: string, what: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err: unknown) {
    // Catches network failures (offline, CORP/COEP refusal) and names the file.
    throw new PredictorError(
      'model-fetch-failed',
      `cannot fetch ${what} ${url}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (!res.ok)
    throw new PredictorError(
      'model-fetch-failed',
      `cannot fetch ${what} ${url}: HTTP ${res.status}`,
    );
  return res;
}

async function fetchManifest(url: string): Promise<ModelManifest> {
  const res = await fetchOk(url, 'model manifest');
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    // Catches a body that is not JSON (e.g. an SPA fallback page served for a missing file).
    throw new PredictorError('model-fetch-failed', `model manifest ${url} is not JSON`);
  }
  const parsed = parseModelManifest(json);
  if (!parsed.ok)
    throw new PredictorError('model-load-failed', `model manifest ${url}: ${parsed.error}`);
  return parsed.value;
}

function valueInfo(meta: readonly ort.InferenceSession.ValueMetadata[]): GraphValueInfo[] {
  return meta.map((m) =>
    m.isTensor
      ? { name: m.name, isTensor: true, type: m.type, shape: m.shape }
      : { name: m.name, isTensor: false },
  );
}

class OrtPredictor implements Predictor {
  constructor(
    private readonly session: ort.InferenceSession,
    private readonly manifest: ModelManifest,
    readonly backend: BackendInfo,
    readonly model: LoadedModelInfo,
  ) {}

  async predict(rows: Float32Array, nRows: number): Promise<Float32Array> {
    const input = new ort.Tensor('float32', rows, [nRows, this.model.nFeatures]);
    const out = await this.session.run({ [this.model.inputName]: input }, [this.model.outputName]);
    const tensor = out[this.model.outputName];
    if (!tensor) throw new Error(`the model has no output ${this.model.outputName}`);
    return breakProbabilities(this.manifest, tensor.dims, tensor.data, nRows);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

export async function loadOrtPredictor(config: PredictorConfig): Promise<Predictor> {
  const t0 = performance.now();
  const manifest = await fetchManifest(config.manifestUrl);
  const layoutError = featureLayoutError(manifest, expectedFeatureManifestHash());
  if (layoutError !== null) throw new PredictorError('model-load-failed', layoutError);
  const modelRes = await fetchOk(config.modelUrl, 'model');
  const bytes = new Uint8Array(await modelRes.arrayBuffer());
  if (typeof crypto === 'undefined' || !crypto.subtle) {
    throw new PredictorError(
      'model-load-failed',
      'crypto.subtle is unavailable (the page is not a secure context): cannot verify the model',
    );
  }
  const sha256 = await sha256Hex(bytes);
  if (sha256 !== manifest.sha256) {
    throw new PredictorError(
      'model-hash-mismatch',
      `model ${config.modelUrl} has sha256 ${sha256}, the manifest expects ${manifest.sha256}; refusing to load it`,
    );
  }
  const fetchMs = performance.now() - t0;

  const isolated = self.crossOriginIsolated === true;
  const hardwareConcurrency = navigator.hardwareConcurrency || 1;
  ort.env.wasm.wasmPaths = config.ortBaseUrl;
  ort.env.wasm.numThreads = threadsFor(config.maxThreads, isolated, hardwareConcurrency);
  ort.env.wasm.proxy = false;

  const t1 = performance.now();
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    });
  } catch (err: unknown) {
    // Catches a missing/mis-served wasm runtime or a model the runtime rejects.
    throw new PredictorError(
      'model-load-failed',
      `cannot create the onnxruntime-web session: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const sessionMs = performance.now() - t1;

  const signatureError = checkModelSignature(
    manifest,
    valueInfo(session.inputMetadata),
    valueInfo(session.outputMetadata),
  );
  if (signatureError !== null) {
    await session.release();
    throw new PredictorError('model-load-failed', `model ${manifest.file}: ${signatureError}`);
  }

  const backend: BackendInfo = {
    ortVersion: ort.env.versions.web ?? ort.env.versions.common ?? 'unknown',
    executionProvider: 'wasm',
    threads: ort.env.wasm.numThreads ?? 1,
    crossOriginIsolated: isolated,
    simd: wasmSimdSupported(),
    hardwareConcurrency,
    fetchMs,
    sessionMs,
  };
  const model: LoadedModelInfo = {
    file: manifest.file,
    sha256,
    kind: manifest.kind,
    nFeatures: manifest.n_features,
    inputName: manifest.input.name,
    outputName: manifest.output.name,
  };
  const predictor = new OrtPredictor(session, manifest, backend, model);
  try {
    // One probe row checks what the graph really returns (dims, type, column count).
    await predictor.predict(new Float32Array(manifest.n_features), 1);
  } catch (err: unknown) {
    await session.release();
    throw new PredictorError(
      'model-load-failed',
      `model ${manifest.file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return predictor;
}
