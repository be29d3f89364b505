/**
 * Exports a {@link TreeEnsemble} as an ONNX graph that onnxruntime (node and web) evaluates exactly
 * like the JS predictor in src/domain/model/tree-ensemble.ts.
 *
 * Graph: `features` float[N, nFeatures] → ai.onnx.ml `TreeEnsembleRegressor` (one target,
 * aggregate SUM or AVERAGE, base value = baseScore, post_transform NONE) → a standard `Sigmoid`
 * node when the model's post transform is LOGISTIC → `p_break` float[N, 1]. No ZipMap, no
 * sequence outputs: onnxruntime-web returns plain tensors only.
 *
 * Thresholds: ONNX stores them as float32 and compares the float32 input against them. A double
 * threshold t is written as the largest float32 ≤ t (rounded toward −∞), which makes
 * `x <= t` and `x <= f32down(t)` agree for every float32 x, so a model trained or held in doubles
 * routes float32 rows identically in JS and in onnxruntime. Round-to-nearest would not: for a t
 * just below a float32 value v, `fround(t) = v` would send x = v left in ONNX and right in JS.
 */
import onnxProto from 'onnx-proto';
import type { DecisionTree, TreeEnsemble } from '../../src/domain/model/tree-ensemble';

const { onnx } = onnxProto;
type AttributeProto = onnxProto.onnx.IAttributeProto;

export interface OnnxExportOptions {
  /** Graph input name; default `features`. */
  readonly inputName?: string;
  /** Graph output name; default `p_break`. */
  readonly outputName?: string;
  /** Written to ModelProto.producer_name; default `pentaview`. */
  readonly producerName?: string;
  /** Written to ModelProto.doc_string; default none. */
  readonly docString?: string;
  /** Extra ModelProto.metadata_props (sorted by key so the bytes are deterministic). */
  readonly metadata?: Readonly<Record<string, string>>;
}

export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 17;
export const ONNX_ML_OPSET = 3;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * The largest float32 value ≤ t (toward −∞). NaN is rejected by the caller; ±Infinity and values
 * beyond the float32 range map to ±Infinity or ±FLT_MAX as the ordering requires.
 */
export function float32RoundDown(t: number): number {
  const r = Math.fround(t);
  if (r <= t) return r;
  // fround rounded up: step one ulp toward −∞.
  f32[0] = r;
  if (r === 0) {
    // r is +0 or −0 and t < 0: the next float32 below zero is the smallest negative subnormal.
    u32[0] = 0x80000001;
  } else if (r > 0) {
    u32[0] = u32[0] - 1;
  } else {
    u32[0] = u32[0] + 1;
  }
  return f32[0];
}

function checkTree(tree: DecisionTree, index: number, nFeatures: number): void {
  const n = tree.feature.length;
  if (n === 0) throw new Error(`tree ${index} has no nodes`);
  for (const [name, arr] of [
    ['threshold', tree.threshold],
    ['left', tree.left],
    ['right', tree.right],
    ['value', tree.value],
  ] as const) {
    if (arr.length !== n)
      throw new Error(`tree ${index}: ${name} has ${arr.length} entries, feature has ${n}`);
  }
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i];
    if (!Number.isInteger(f) || f >= nFeatures)
      throw new Error(`tree ${index} node ${i}: feature ${f} out of range`);
    if (f < 0) {
      if (!Number.isFinite(tree.value[i]))
        throw new Error(`tree ${index} node ${i}: leaf value is not finite`);
      continue;
    }
    if (Number.isNaN(tree.threshold[i]))
      throw new Error(`tree ${index} node ${i}: threshold is NaN`);
    for (const child of [tree.left[i], tree.right[i]]) {
      if (!Number.isInteger(child) || child < 0 || child >= n) {
        throw new Error(`tree ${index} node ${i}: child ${child} out of range`);
      }
    }
  }
  // Every node reachable from the root is reached once: no cycles, no shared subtrees.
  const seen = new Uint8Array(n);
  const stack = [0];
  while (stack.length > 0) {
    const node = stack.pop() ?? 0;
    if (seen[node]) throw new Error(`tree ${index}: node ${node} is reached twice (not a tree)`);
    seen[node] = 1;
    if (tree.feature[node] >= 0) stack.push(tree.left[node], tree.right[node]);
  }
}

const attr = {
  ints: (name: string, ints: readonly number[]): AttributeProto => ({
    name,
    type: onnx.AttributeProto.AttributeType.INTS,
    ints: [...ints],
  }),
  floats: (name: string, floats: readonly number[]): AttributeProto => ({
    name,
    type: onnx.AttributeProto.AttributeType.FLOATS,
    floats: [...floats],
  }),
  int: (name: string, i: number): AttributeProto => ({
    name,
    type: onnx.AttributeProto.AttributeType.INT,
    i,
  }),
  string: (name: string, s: string): AttributeProto => ({
    name,
    type: onnx.AttributeProto.AttributeType.STRING,
    s: new TextEncoder().encode(s),
  }),
  strings: (name: string, strings: readonly string[]): AttributeProto => ({
    name,
    type: onnx.AttributeProto.AttributeType.STRINGS,
    strings: strings.map((s) => new TextEncoder().encode(s)),
  }),
};

function floatTensorType(
  name: string,
  dims: readonly (number | string)[],
): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  };
}

/** The `TreeEnsembleRegressor` attributes of a checked ensemble. */
function treeEnsembleAttributes(model: TreeEnsemble): AttributeProto[] {
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const modes: string[] = [];
  const values: number[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const missingTracksTrue: number[] = [];
  const targetTreeIds: number[] = [];
  const targetNodeIds: number[] = [];
  const targetIds: number[] = [];
  const targetWeights: number[] = [];

  model.trees.forEach((tree, t) => {
    for (let i = 0; i < tree.feature.length; i++) {
      const f = tree.feature[i];
      const leaf = f < 0;
      treeIds.push(t);
      nodeIds.push(i);
      featureIds.push(leaf ? 0 : f);
      modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      values.push(leaf ? 0 : float32RoundDown(tree.threshold[i]));
      trueIds.push(leaf ? 0 : tree.left[i]);
      falseIds.push(leaf ? 0 : tree.right[i]);
      // NaN goes to the false (right) branch, as in the JS predictor.
      missingTracksTrue.push(0);
      if (leaf) {
        targetTreeIds.push(t);
        targetNodeIds.push(i);
        targetIds.push(0);
        targetWeights.push(tree.value[i]);
      }
    }
  });

  return [
    attr.string('aggregate_function', model.aggregate),
    attr.floats('base_values', [model.baseScore]),
    attr.int('n_targets', 1),
    attr.ints('nodes_falsenodeids', falseIds),
    attr.ints('nodes_featureids', featureIds),
    attr.ints('nodes_missing_value_tracks_true', missingTracksTrue),
    attr.strings('nodes_modes', modes),
    attr.ints('nodes_nodeids', nodeIds),
    attr.ints('nodes_treeids', treeIds),
    attr.ints('nodes_truenodeids', trueIds),
    attr.floats('nodes_values', values),
    attr.string('post_transform', 'NONE'),
    attr.ints('target_ids', targetIds),
    attr.ints('target_nodeids', targetNodeIds),
    attr.ints('target_treeids', targetTreeIds),
    attr.floats('target_weights', targetWeights),
  ];
}

/** Serialises the ensemble as an ONNX ModelProto. Same model and options → same bytes. */
export function exportTreeEnsembleToOnnx(
  model: TreeEnsemble,
  opts: OnnxExportOptions = {},
): Uint8Array {
  if (!Number.isInteger(model.nFeatures) || model.nFeatures <= 0) {
    throw new Error(`nFeatures must be a positive integer, got ${model.nFeatures}`);
  }
  if (model.trees.length === 0) throw new Error('the ensemble has no trees');
  if (!Number.isFinite(model.baseScore)) throw new Error('baseScore is not finite');
  model.trees.forEach((tree, i) => checkTree(tree, i, model.nFeatures));

  const inputName = opts.inputName ?? 'features';
  const outputName = opts.outputName ?? 'p_break';
  const logistic = model.postTransform === 'LOGISTIC';
  const scoreName = logistic ? 'score' : outputName;

  const nodes: onnxProto.onnx.INodeProto[] = [
    {
      name: 'trees',
      opType: 'TreeEnsembleRegressor',
      domain: 'ai.onnx.ml',
      input: [inputName],
      output: [scoreName],
      attribute: treeEnsembleAttributes(model),
    },
  ];
  if (logistic) {
    nodes.push({
      name: 'sigmoid',
      opType: 'Sigmoid',
      domain: '',
      input: [scoreName],
      output: [outputName],
    });
  }

  const metadata = Object.entries(opts.metadata ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({ key, value }));

  const message = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    producerName: opts.producerName ?? 'pentaview',
    producerVersion: '1',
    docString: opts.docString ?? '',
    opsetImport: [
      { domain: '', version: ONNX_OPSET },
      { domain: 'ai.onnx.ml', version: ONNX_ML_OPSET },
    ],
    metadataProps: metadata,
    graph: {
      name: 'tree_ensemble',
      node: nodes,
      input: [floatTensorType(inputName, ['N', model.nFeatures])],
      output: [floatTensorType(outputName, ['N', 1])],
    },
  });
  // protobufjs hands back a Node Buffer under Node; return a plain Uint8Array everywhere.
  return new Uint8Array(onnx.ModelProto.encode(message).finish());
}
