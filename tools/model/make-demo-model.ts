/**
 * Writes a small placeholder model for exercising the exporter and the worker without training:
 * a few gradient-boosted depth-3 trees fit on seeded synthetic 144-D data (NOT market data).
 * The app ships the trained break predictor instead (npm run model:rebuild).
 *
 *   npm run model:demo [-- --seed 7 --out data/placeholder-model]
 *
 * Output (deterministic bytes per seed): demo-placeholder.onnx, demo-placeholder.ensemble.json
 * (the same TreeEnsemble as JSON, for parity checks) and demo-placeholder.manifest.json
 * (schema pentaview-model-manifest/1).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { DecisionTree, TreeEnsemble } from '../../src/domain/model/tree-ensemble';
import { MODEL_MANIFEST_SCHEMA, type ModelManifest } from '../../src/protocol/model-manifest';
import { exportTreeEnsembleToOnnx } from './onnx-export';
import { SeededRandom } from './seeded-random';

export const DEMO_N_FEATURES = 144;
export const DEMO_MODEL_BASENAME = 'demo-placeholder';
const FEATURE_MANIFEST_PATH = 'public/artifacts/feature_manifest.json';

export interface DemoModelOptions {
  readonly seed: number;
  readonly nRows?: number;
  readonly nTrees?: number;
  readonly depth?: number;
  readonly learningRate?: number;
}

/** Synthetic rows with a known logit that uses a handful of features (and one interaction). */
export function syntheticData(seed: number, nRows: number): { x: Float32Array; y: Uint8Array } {
  const rng = new SeededRandom(seed);
  const d = DEMO_N_FEATURES;
  const x = new Float32Array(nRows * d);
  const y = new Uint8Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const row = x.subarray(i * d, (i + 1) * d);
    for (let j = 0; j < d; j++) row[j] = rng.normal();
    // distance (61), approach velocity (59), flow alignment (107), tape imbalance trend (111) × barrier (102)
    const logit =
      -1.2 * Math.abs(row[61]) +
      0.8 * row[59] +
      0.9 * row[107] +
      0.7 * row[111] * (row[102] > 0 ? 1 : -1);
    y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x, y };
}

/** Up to 15 quantile cut points per feature, as float32 values. */
function quantileCuts(x: Float32Array, nRows: number, d: number): Float32Array[] {
  const cuts: Float32Array[] = [];
  const col = new Float32Array(nRows);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < nRows; i++) col[i] = x[i * d + j];
    const sorted = col.slice().sort();
    const c: number[] = [];
    for (let q = 1; q < 16; q++) {
      const v = sorted[Math.floor((q * nRows) / 16)];
      if (c.length === 0 || v > c[c.length - 1]) c.push(v);
    }
    cuts.push(Float32Array.from(c));
  }
  return cuts;
}

interface MutableTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** One Newton-boosting tree of the given depth on gradients g and hessians h. */
function fitTree(
  x: Float32Array,
  d: number,
  rows: readonly number[],
  g: Float64Array,
  h: Float64Array,
  cuts: readonly Float32Array[],
  depth: number,
  learningRate: number,
): DecisionTree {
  const lambda = 1;
  const tree: MutableTree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const grow = (idx: readonly number[], level: number): number => {
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    let G = 0;
    let H = 0;
    for (const i of idx) {
      G += g[i];
      H += h[i];
    }
    tree.value.push((-G / (H + lambda)) * learningRate);
    if (level === depth || idx.length < 20) return id;
    let best = { gain: 1e-9, feature: -1, cut: 0 };
    for (let j = 0; j < d; j++) {
      const c = cuts[j];
      const gl = new Float64Array(c.length + 1);
      const hl = new Float64Array(c.length + 1);
      for (const i of idx) {
        const v = x[i * d + j];
        let b = 0;
        while (b < c.length && v > c[b]) b++;
        gl[b] += g[i];
        hl[b] += h[i];
      }
      let gAcc = 0;
      let hAcc = 0;
      for (let b = 0; b < c.length; b++) {
        gAcc += gl[b];
        hAcc += hl[b];
        const gR = G - gAcc;
        const hR = H - hAcc;
        if (hAcc < 1 || hR < 1) continue;
        const gain =
          (gAcc * gAcc) / (hAcc + lambda) + (gR * gR) / (hR + lambda) - (G * G) / (H + lambda);
        if (gain > best.gain) best = { gain, feature: j, cut: c[b] };
      }
    }
    if (best.feature < 0) return id;
    const leftRows = idx.filter((i) => x[i * d + best.feature] <= best.cut);
    const rightRows = idx.filter((i) => !(x[i * d + best.feature] <= best.cut));
    tree.feature[id] = best.feature;
    tree.threshold[id] = best.cut;
    tree.value[id] = 0;
    tree.left[id] = grow(leftRows, level + 1);
    tree.right[id] = grow(rightRows, level + 1);
    return id;
  };
  grow(rows, 0);
  return tree;
}

/** Fits the placeholder ensemble (SUM of boosted trees + LOGISTIC) on synthetic data. */
export function fitDemoEnsemble(opts: DemoModelOptions): TreeEnsemble {
  const nRows = opts.nRows ?? 3000;
  const nTrees = opts.nTrees ?? 12;
  const depth = opts.depth ?? 3;
  const learningRate = opts.learningRate ?? 0.3;
  const d = DEMO_N_FEATURES;
  const { x, y } = syntheticData(opts.seed, nRows);
  const cuts = quantileCuts(x, nRows, d);
  const positives = y.reduce((a, b) => a + b, 0);
  const prior = Math.min(Math.max(positives / nRows, 1e-3), 1 - 1e-3);
  const baseScore = Math.fround(Math.log(prior / (1 - prior)));
  const score = new Float64Array(nRows).fill(baseScore);
  const rows = Array.from({ length: nRows }, (_, i) => i);
  const trees: DecisionTree[] = [];
  const g = new Float64Array(nRows);
  const h = new Float64Array(nRows);
  for (let t = 0; t < nTrees; t++) {
    for (let i = 0; i < nRows; i++) {
      const p = 1 / (1 + Math.exp(-score[i]));
      g[i] = p - y[i];
      h[i] = Math.max(p * (1 - p), 1e-6);
    }
    const tree = fitTree(x, d, rows, g, h, cuts, depth, learningRate);
    // Leaf values are stored as float32 in ONNX; keep the JSON model identical.
    const value = tree.value.map((v) => Math.fround(v));
    const fitted: DecisionTree = { ...tree, value };
    trees.push(fitted);
    for (let i = 0; i < nRows; i++) {
      let node = 0;
      while (fitted.feature[node] >= 0) {
        node =
          x[i * d + fitted.feature[node]] <= fitted.threshold[node]
            ? fitted.left[node]
            : fitted.right[node];
      }
      score[i] += fitted.value[node];
    }
  }
  return { nFeatures: d, aggregate: 'SUM', postTransform: 'LOGISTIC', baseScore, trees };
}

export interface DemoModelFiles {
  readonly onnx: Uint8Array;
  readonly ensembleJson: string;
  readonly manifest: ModelManifest;
  readonly manifestJson: string;
}

const sha256Hex = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

/** Builds the three files in memory (no I/O besides reading the feature manifest hash). */
export function buildDemoModelFiles(
  seed: number,
  featureManifestSha256: string | null,
): DemoModelFiles {
  const model = fitDemoEnsemble({ seed });
  const onnx = exportTreeEnsembleToOnnx(model, {
    docString: `Placeholder tree ensemble fit on synthetic data (seed ${seed}); not a market model.`,
    metadata: { kind: 'placeholder', seed: String(seed) },
  });
  const manifest: ModelManifest = {
    schema: MODEL_MANIFEST_SCHEMA,
    file: `${DEMO_MODEL_BASENAME}.onnx`,
    sha256: sha256Hex(onnx),
    bytes: onnx.length,
    input: { name: 'features', shape: ['N', DEMO_N_FEATURES] },
    output: { name: 'p_break', shape: ['N', 1] },
    n_features: DEMO_N_FEATURES,
    kind: 'placeholder',
    created_by: 'tools/model/make-demo-model.ts',
    feature_manifest_sha256: featureManifestSha256,
    ensemble_file: `${DEMO_MODEL_BASENAME}.ensemble.json`,
  };
  return {
    onnx,
    ensembleJson: JSON.stringify(model) + '\n',
    manifest,
    manifestJson: JSON.stringify({ ...manifest, seed, trees: model.trees.length }, null, 2) + '\n',
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '7' },
      out: { type: 'string', default: 'data/placeholder-model' },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const featureManifestSha256 = existsSync(FEATURE_MANIFEST_PATH)
    ? sha256Hex(readFileSync(FEATURE_MANIFEST_PATH))
    : null;
  const files = buildDemoModelFiles(seed, featureManifestSha256);
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, files.manifest.file), files.onnx);
  writeFileSync(join(values.out, `${DEMO_MODEL_BASENAME}.ensemble.json`), files.ensembleJson);
  writeFileSync(join(values.out, `${DEMO_MODEL_BASENAME}.manifest.json`), files.manifestJson);
  console.log(
    `wrote ${values.out}/${files.manifest.file} (${files.onnx.length} bytes, sha256 ${files.manifest.sha256})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
