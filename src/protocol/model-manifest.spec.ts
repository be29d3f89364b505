import {
  breakProbabilities,
  checkModelSignature,
  featureLayoutError,
  outputColumns,
  parseModelManifest,
  type ModelManifest,
} from './model-manifest';

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

  it('accepts [N, 1] and [N, 2] outputs and nothing else', () => {
    const two = parseModelManifest({
      ...valid,
      output: { name: 'probabilities', shape: ['N', 2] },
    });
    expect(two.ok).toBeTrue();
    if (two.ok) expect(outputColumns(two.value)).toBe(2);
    expect(parseModelManifest({ ...valid, output: { name: 'p', shape: ['N', 3] } }).ok).toBeFalse();
    expect(parseModelManifest({ ...valid, output: { name: 'p', shape: ['N'] } }).ok).toBeFalse();
    expect(parseModelManifest({ ...valid, feature_manifest_hash: 'xyz' }).ok).toBeFalse();
  });
});

describe('metrics.independent.reliability', () => {
  const bins = Array.from({ length: 10 }, (_, i) => ({
    lo: i / 10,
    hi: (i + 1) / 10,
    n: i === 9 ? 0 : 100,
    mean_p: i === 9 ? null : i / 10 + 0.05,
    observed: i === 9 ? null : i / 10 + 0.04,
  }));
  const reliability = { method: '10 bins', n: 900, bins };
  const withBins = (r: unknown) => ({
    ...valid,
    metrics: { cv: { auc: 0.8 }, independent: { n: 900, data_seed: 2, reliability: r } },
  });

  it('reads the bins when present, null when absent (older manifests still load)', () => {
    const parsed = parseModelManifest(withBins(reliability));
    expect(parsed.ok).toBeTrue();
    if (parsed.ok) {
      expect(parsed.value.independent_reliability?.n).toBe(900);
      expect(parsed.value.independent_reliability?.bins.length).toBe(10);
      expect(parsed.value.independent_reliability?.bins[9].mean_p).toBeNull();
    }
    for (const old of [
      valid,
      { ...valid, metrics: { independent: { n: 5, auc: 0.8 } } },
      { ...valid, metrics: 'free text' },
    ]) {
      const p = parseModelManifest(old);
      expect(p.ok).toBeTrue();
      if (p.ok) expect(p.value.independent_reliability).toBeNull();
    }
  });

  it('refuses malformed bins, naming the field', () => {
    const bad = (change: (b: (typeof bins)[number][]) => unknown, n = 900) => {
      const copy = bins.map((b) => ({ ...b }));
      const r = parseModelManifest(withBins({ method: 'm', n, bins: change(copy) ?? copy }));
      return r.ok ? 'accepted' : r.error;
    };
    expect(bad((b) => b, 901)).toMatch(/bins hold 900/);
    expect(bad((b) => b.slice(1))).toMatch(/bins\[0\]\.lo must be 0/);
    expect(bad((b) => b.slice(0, 9))).toMatch(/last bin must end at 1/);
    expect(
      bad((b) => {
        b[2].observed = 1.2;
      }),
    ).toMatch(/bins\[2\]\.observed/);
    expect(
      bad((b) => {
        b[3].mean_p = null;
      }),
    ).toMatch(/bins\[3\]\.mean_p/);
    expect(bad(() => [])).toMatch(/non-empty/);
    expect(parseModelManifest(withBins('bins')).ok).toBeFalse();
  });
});

describe('model signature and output checks', () => {
  const parsed = parseModelManifest({
    ...valid,
    output: { name: 'probabilities', shape: ['N', 2] },
    feature_manifest_hash: 'ab'.repeat(32),
  });
  if (!parsed.ok) throw new Error(parsed.error);
  const m: ModelManifest = parsed.value;
  const input = { name: 'features', isTensor: true, type: 'float32', shape: ['N', 144] };
  const probs = { name: 'probabilities', isTensor: true, type: 'float32', shape: ['N', 2] };

  it('accepts a classifier with a label and a [N, 2] probability tensor', () => {
    const label = { name: 'label', isTensor: true, type: 'int64', shape: ['N'] };
    expect(checkModelSignature(m, [input], [label, probs])).toBeNull();
  });

  it('names what is wrong', () => {
    expect(checkModelSignature(m, [{ ...input, type: 'float64' }], [probs])).toMatch(/float64/);
    expect(checkModelSignature(m, [{ ...input, shape: ['N', 10] }], [probs])).toMatch(/10 wide/);
    expect(checkModelSignature(m, [input, input], [probs])).toMatch(/exactly one/);
    expect(checkModelSignature(m, [input], [{ name: 'probabilities', isTensor: false }])).toMatch(
      /ZipMap/,
    );
    expect(checkModelSignature(m, [input], [{ ...probs, shape: ['N', 3] }])).toMatch(/\[N, 2\]/);
    expect(checkModelSignature(m, [input], [{ ...probs, name: 'other' }])).toMatch(/no output/);
  });

  it('reads P(BREAK) from column 1 of [N, 2] and refuses other dims', () => {
    const p = breakProbabilities(m, [2, 2], Float32Array.from([0.8, 0.2, 0.3, 0.7]), 2);
    expect(Array.from(p)).toEqual([Math.fround(0.2), Math.fround(0.7)]);
    expect(() => breakProbabilities(m, [2, 3], new Float32Array(6), 2)).toThrowError(
      /expected \[2, 2\]/,
    );
    expect(() => breakProbabilities(m, [2, 2], [0.1, 0.9, 0.2, 0.8], 2)).toThrowError(
      /not a float32/,
    );
  });

  it('refuses another feature layout or none', () => {
    expect(featureLayoutError(m, 'ab'.repeat(32))).toBeNull();
    expect(featureLayoutError(m, 'cd'.repeat(32))).toMatch(/refusing/);
    expect(featureLayoutError({ ...m, feature_manifest_hash: null }, 'ab'.repeat(32))).toMatch(
      /no feature_manifest_hash/,
    );
  });
});
