/**
 * The model manifest (schema `pentaview-model-manifest/1`) written beside every .onnx file by the
 * tools that make models and read by the inference worker before it loads the model. The worker
 * refuses a model whose sha256 differs from the manifest's.
 */
import { fail, isNonNegativeInteger, isRecord, ok, type GuardResult } from './guard-result';

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
  });
}
