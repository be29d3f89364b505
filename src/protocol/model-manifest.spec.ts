import { parseModelManifest } from './model-manifest';

const valid = {
  schema: 'pentaview-model-manifest/1',
  file: 'm.onnx',
  sha256: '0d'.repeat(32),
  bytes: 100,
  input: { name: 'features', shape: ['N', 144] },
  output: { name: 'p_break', shape: ['N', 1] },
  n_features: 144,
  kind: 'placeholder',
  created_by: 'tools/model/make-demo-model.ts',
  feature_manifest_sha256: null,
  ensemble_file: 'm.ensemble.json',
  seed: 7,
};

describe('parseModelManifest', () => {
  it('accepts a manifest and keeps its fields', () => {
    const parsed = parseModelManifest(valid);
    expect(parsed.ok).toBeTrue();
    if (parsed.ok) expect(parsed.value.input.shape).toEqual(['N', 144]);
  });

  it('rejects a wrong schema, hash, kind or input shape', () => {
    expect(parseModelManifest({ ...valid, schema: 'other/1' }).ok).toBeFalse();
    expect(parseModelManifest({ ...valid, sha256: 'XYZ' }).ok).toBeFalse();
    expect(parseModelManifest({ ...valid, sha256: '0D'.repeat(32) }).ok).toBeFalse();
    expect(parseModelManifest({ ...valid, kind: 'magic' }).ok).toBeFalse();
    expect(
      parseModelManifest({ ...valid, input: { name: 'features', shape: ['N', 12] } }).ok,
    ).toBeFalse();
    expect(parseModelManifest({ ...valid, output: { name: '', shape: ['N', 1] } }).ok).toBeFalse();
    expect(parseModelManifest({ ...valid, feature_manifest_sha256: 'abc' }).ok).toBeFalse();
    expect(parseModelManifest([valid]).ok).toBeFalse();
  });
});
