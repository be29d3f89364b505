/**
 * The model manifest (schema `pentaview-model-manifest/1`) written beside every .onnx file by the
 * tools that make models (or by hand for a model brought from elsewhere, docs/bring-your-own-model.md)
 * and read by the inference worker and the Node tools before they load the model. Both refuse a
 * model whose sha256 differs from the manifest's, whose feature-manifest hash differs from the
 * vector layout they build, or whose graph does not have the signature below
 * ({@link checkModelSignature}).
 */
import { defaultManifestContent, manifestHash } from '../domain/vector/feature-manifest';
import {
  fail,
  isFiniteNumber,
  isNonNegativeInteger,
  isRecord,
  ok,
  type GuardResult,
} from './guard-result';

export const MODEL_MANIFEST_SCHEMA = 'pentaview-model-manifest/1';

/** `placeholder`: a synthetic stand-in; `trained`: fit on labelled frames. */
export type ModelKind = 'placeholder' | 'trained';

export interface TensorSpec {
  readonly name: string;
  /** Dimensions; a string names a free dimension (the batch, `N`). */
  readonly shape: readonly (number | string)[];
}

export interface ModelManifest {
  readonly schema: typeof MODEL_MANIFEST_SCHEMA;
  /** The .onnx file name, relative to the manifest. */
  readonly file: string;
  /** Lower-case hex sha256 of the .onnx bytes. */
  readonly sha256: string;
  readonly bytes: number;
  readonly input: TensorSpec;
  readonly output: TensorSpec;
  readonly n_features: number;
  readonly kind: ModelKind;
  /** The script that wrote the model, relative to the repository root. */
  readonly created_by: string;
  /** sha256 of public/artifacts/feature_manifest.json at export time, or null when none existed. */
  readonly feature_manifest_sha256: string | null;
  /** The TreeEnsemble JSON beside the .onnx (for parity checks), or null. */
  readonly ensemble_file: string | null;
  /**
   * The `hash` of the feature manifest (pentaview-feature-manifest/1) whose feature order the
   * model's input follows; null (or absent) when unknown. Loaders refuse null or a different hash.
   */
  readonly feature_manifest_hash?: string | null;
  /** `metrics.independent.reliability` when the manifest has one, else null (or absent). */
  readonly independent_reliability?: ManifestReliability | null;
}

/** One bin of a reliability table: predictions with lo ≤ p < hi (the last bin includes 1). */
export interface ManifestReliabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  /** Mean predicted P(BREAK) in the bin; null when the bin is empty. */
  readonly mean_p: number | null;
  /** Observed BREAK share in the bin; null when the bin is empty. */
  readonly observed: number | null;
}

/**
 * `metrics.independent.reliability`, written by `report:model --write-manifest`: the model's
 * reliability on labelled days it never saw (docs/predictor.md). Optional: older manifests and
 * models brought from elsewhere do not have it.
 */
export interface ManifestReliability {
  readonly method: string;
  /** Resolved frames scored (the sum of the bins' n). */
  readonly n: number;
  /** Ascending, contiguous bins covering [0, 1]. */
  readonly bins: readonly ManifestReliabilityBin[];
}

/**
 * Output columns: 1 = P(BREAK) per row ([N, 1]); 2 = [P(REJECT), P(BREAK)] per row ([N, 2],
 * class 1 = BREAK, as a two-class classifier writes its probabilities).
 */
export type OutputColumns = 1 | 2;

/** The number of output columns the manifest declares (its output shape is [N, 1] or [N, 2]). */
export function outputColumns(manifest: ModelManifest): OutputColumns {
  return manifest.output.shape[1] === 2 ? 2 : 1;
}

function parseTensorSpec(v: unknown, what: string): GuardResult<TensorSpec> {
  if (!isRecord(v)) return fail(`${what} must be an object`);
  const { name, shape } = v;
  if (typeof name !== 'string' || name === '')
    return fail(`${what}.name must be a non-empty string`);
  if (!Array.isArray(shape)) return fail(`${what}.shape must be an array`);
  const dims: (number | string)[] = [];
  for (const d of shape) {
    if (typeof d === 'string' || isNonNegativeInteger(d)) dims.push(d);
    else return fail(`${what}.shape holds ${JSON.stringify(d)}`);
  }
  return ok({ name, shape: dims });
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function isUnit(v: unknown): v is number {
  return isFiniteNumber(v) && v >= 0 && v <= 1;
}

/** Checks a reliability table (see {@link ManifestReliability}); `what` names it in errors. */
export function parseManifestReliability(
  v: unknown,
  what: string,
): GuardResult<ManifestReliability> {
  if (!isRecord(v)) return fail(`${what} must be an object`);
  const { method, n, bins } = v;
  if (typeof method !== 'string') return fail(`${what}.method must be a string`);
  if (!isNonNegativeInteger(n)) return fail(`${what}.n must be an integer ≥ 0`);
  if (!Array.isArray(bins) || bins.length === 0)
    return fail(`${what}.bins must be a non-empty array`);
  const out: ManifestReliabilityBin[] = [];
  let total = 0;
  for (let i = 0; i < bins.length; i++) {
    const b: unknown = bins[i];
    const at = `${what}.bins[${i}]`;
    if (!isRecord(b)) return fail(`${at} must be an object`);
    const { lo, hi, mean_p, observed } = b;
    const count = b['n'];
    if (!isUnit(lo) || !isUnit(hi) || hi <= lo) return fail(`${at}: need 0 ≤ lo < hi ≤ 1`);
    const prevHi = i === 0 ? 0 : out[i - 1].hi;
    if (Math.abs(lo - prevHi) > 1e-9)
      return fail(`${at}.lo must be ${prevHi} (contiguous bins from 0)`);
    if (!isNonNegativeInteger(count)) return fail(`${at}.n must be an integer ≥ 0`);
    const empty = count === 0;
    for (const [key, x] of [
      ['mean_p', mean_p],
      ['observed', observed],
    ] as const) {
      if (empty ? x !== null && !isUnit(x) : !isUnit(x)) {
        return fail(`${at}.${key} must be a number in [0, 1]${empty ? ' or null' : ''}`);
      }
    }
    total += count;
    out.push({
      lo,
      hi,
      n: count,
      mean_p: isUnit(mean_p) && !empty ? mean_p : null,
      observed: isUnit(observed) && !empty ? observed : null,
    });
  }
  if (Math.abs(out[out.length - 1].hi - 1) > 1e-9)
    return fail(`${what}: the last bin must end at 1`);
  if (total !== n) return fail(`${what}.n is ${n} but the bins hold ${total}`);
  return ok({ method, n, bins: out });
}

/** `metrics.independent.reliability` when present (null when absent); an error when malformed. */
function independentReliability(metrics: unknown): GuardResult<ManifestReliability | null> {
  if (!isRecord(metrics)) return ok(null);
  const independent = metrics['independent'];
  if (!isRecord(independent) || independent['reliability'] === undefined) return ok(null);
  return parseManifestReliability(
    independent['reliability'],
    'manifest.metrics.independent.reliability',
  );
}

export function parseModelManifest(v: unknown): GuardResult<ModelManifest> {
  if (!isRecord(v)) return fail('manifest is not an object');
  const {
    schema,
    file,
    sha256,
    bytes,
    n_features,
    kind,
    created_by,
    feature_manifest_sha256,
    ensemble_file,
  } = v;
  if (schema !== MODEL_MANIFEST_SCHEMA)
    return fail(`manifest schema must be ${MODEL_MANIFEST_SCHEMA}, got ${JSON.stringify(schema)}`);
  if (typeof file !== 'string' || file === '')
    return fail('manifest.file must be a non-empty string');
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256))
    return fail('manifest.sha256 must be 64 lower-case hex digits');
  if (!isNonNegativeInteger(bytes)) return fail('manifest.bytes must be an integer');
  if (!isNonNegativeInteger(n_features) || n_features < 1)
    return fail('manifest.n_features must be an integer ≥ 1');
  if (kind !== 'placeholder' && kind !== 'trained')
    return fail('manifest.kind must be "placeholder" or "trained"');
  if (typeof created_by !== 'string') return fail('manifest.created_by must be a string');
  if (
    feature_manifest_sha256 !== null &&
    (typeof feature_manifest_sha256 !== 'string' || !SHA256_HEX.test(feature_manifest_sha256))
  ) {
    return fail('manifest.feature_manifest_sha256 must be a sha256 hex string or null');
  }
  if (ensemble_file !== null && ensemble_file !== undefined && typeof ensemble_file !== 'string') {
    return fail('manifest.ensemble_file must be a string or null');
  }
  const input = parseTensorSpec(v['input'], 'manifest.input');
  if (!input.ok) return input;
  const output = parseTensorSpec(v['output'], 'manifest.output');
  if (!output.ok) return output;
  if (input.value.shape.length !== 2 || input.value.shape[1] !== n_features) {
    return fail(`manifest.input.shape must be [N, ${n_features}]`);
  }
  const outCols = output.value.shape[1];
  if (output.value.shape.length !== 2 || (outCols !== 1 && outCols !== 2)) {
    return fail(
      `manifest.output.shape must be [N, 1] (P(BREAK)) or [N, 2] (class probabilities, class 1 = BREAK), got ${JSON.stringify(output.value.shape)}`,
    );
  }
  const rawFeatureHash = v['feature_manifest_hash'];
  let featureHash: string | null = null;
  if (typeof rawFeatureHash === 'string' && SHA256_HEX.test(rawFeatureHash)) {
    featureHash = rawFeatureHash;
  } else if (rawFeatureHash !== undefined && rawFeatureHash !== null) {
    return fail('manifest.feature_manifest_hash must be a sha256 hex string or null');
  }
  const reliability = independentReliability(v['metrics']);
  if (!reliability.ok) return reliability;
  return ok({
    schema,
    file,
    sha256,
    bytes,
    input: input.value,
    output: output.value,
    n_features,
    kind,
    created_by,
    feature_manifest_sha256,
    ensemble_file: ensemble_file ?? null,
    feature_manifest_hash: featureHash,
    independent_reliability: reliability.value,
  });
}

/** What a runtime says about one graph input or output (onnxruntime's ValueMetadata). */
export interface GraphValueInfo {
  readonly name: string;
  readonly isTensor: boolean;
  /** Element type, e.g. `float32`, `float64`, `int64` (tensors only). */
  readonly type?: string;
  /** Dimensions; a string is a symbolic dimension; empty when the graph does not say. */
  readonly shape?: readonly (number | string)[];
}

const ZIPMAP_HINT =
  'export the classifier without ZipMap (skl2onnx: options={"zipmap": False}; onnxmltools: zipmap=False) so that the probabilities are a float tensor';

/**
 * Checks a loaded graph's inputs and outputs against the manifest: one float32 input named as in
 * the manifest with 2 dimensions, the second (when the graph fixes it) equal to n_features; the
 * manifest's output present, a float32 tensor with 2 dimensions whose second (when fixed) equals
 * the manifest's 1 or 2; no non-tensor output anywhere (onnxruntime-web returns tensors only).
 * Returns the error message, or null when the signature is acceptable.
 */
export function checkModelSignature(
  manifest: ModelManifest,
  inputs: readonly GraphValueInfo[],
  outputs: readonly GraphValueInfo[],
): string | null {
  if (inputs.length !== 1) {
    return `the model has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}); it must have exactly one, float[N, ${manifest.n_features}]`;
  }
  const input = inputs[0];
  if (input.name !== manifest.input.name)
    return `the model's input is "${input.name}", the manifest says "${manifest.input.name}"`;
  if (!input.isTensor) return `input "${input.name}" is not a tensor`;
  if (input.type !== undefined && input.type !== 'float32') {
    return `input "${input.name}" is ${input.type}; it must be float (float32) [N, ${manifest.n_features}]`;
  }
  const inShape = input.shape ?? [];
  if (inShape.length !== 0) {
    if (inShape.length !== 2)
      return `input "${input.name}" has shape ${JSON.stringify(inShape)}; it must be [N, ${manifest.n_features}]`;
    const width = inShape[1];
    if (typeof width === 'number' && width !== manifest.n_features) {
      return `input "${input.name}" is ${width} wide; the feature vector has ${manifest.n_features} features`;
    }
  }
  const nonTensor = outputs.filter((o) => !o.isTensor);
  if (nonTensor.length > 0) {
    return `output ${nonTensor.map((o) => `"${o.name}"`).join(', ')} is not a tensor (a ZipMap or sequence output); ${ZIPMAP_HINT}`;
  }
  const output = outputs.find((o) => o.name === manifest.output.name);
  if (output === undefined) {
    return `the model has no output "${manifest.output.name}" (it has ${outputs.map((o) => `"${o.name}"`).join(', ')})`;
  }
  if (output.type !== undefined && output.type !== 'float32') {
    return `output "${output.name}" is ${output.type}; the probability output must be float (float32)`;
  }
  const outShape = output.shape ?? [];
  if (outShape.length !== 0) {
    const cols = outShape[1];
    if (outShape.length !== 2 || (typeof cols === 'number' && cols !== 1 && cols !== 2)) {
      return `output "${output.name}" has shape ${JSON.stringify(outShape)}; it must be [N, 1] (P(BREAK)) or [N, 2] (class probabilities, class 1 = BREAK)`;
    }
    if (typeof cols === 'number' && cols !== outputColumns(manifest)) {
      return `output "${output.name}" has ${cols} columns, the manifest declares ${outputColumns(manifest)}`;
    }
  }
  return null;
}

/**
 * Checks the output of a probe run on `nRows` rows (dims and values) and returns P(BREAK) per row:
 * column 0 of [N, 1], column 1 of [N, 2]. Throws with a clear message otherwise.
 */
export function breakProbabilities(
  manifest: ModelManifest,
  dims: readonly number[],
  data: unknown,
  nRows: number,
): Float32Array {
  const name = manifest.output.name;
  if (!(data instanceof Float32Array)) {
    throw new Error(`output "${name}" is not a float32 tensor; ${ZIPMAP_HINT}`);
  }
  const cols = outputColumns(manifest);
  if (dims.length !== 2 || dims[0] !== nRows || dims[1] !== cols || data.length !== nRows * cols) {
    throw new Error(
      `output "${name}" has dims ${JSON.stringify(dims)} for ${nRows} rows; expected [${nRows}, ${cols}]`,
    );
  }
  if (cols === 1) return data;
  const out = new Float32Array(nRows);
  for (let i = 0; i < nRows; i++) out[i] = data[i * 2 + 1];
  return out;
}

let layoutHash: string | null = null;

/** The feature-manifest hash of the vector layout this build produces (computed once). */
export function expectedFeatureManifestHash(): string {
  layoutHash ??= manifestHash(defaultManifestContent());
  return layoutHash;
}

/**
 * Refuses a manifest made for another feature layout (or that does not say which), so a model is
 * never fed vectors in an order it was not trained on. Returns the error message or null.
 */
export function featureLayoutError(manifest: ModelManifest, expected: string): string | null {
  const got = manifest.feature_manifest_hash ?? null;
  if (got === null) {
    return `the model manifest has no feature_manifest_hash; it must name the feature manifest (hash ${expected}) whose order the model's input follows`;
  }
  if (got !== expected) {
    return `the model was made for feature manifest ${got}, this app builds vectors of feature manifest ${expected}; refusing to load it`;
  }
  return null;
}
