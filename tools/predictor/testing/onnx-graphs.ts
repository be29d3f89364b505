/**
 * Small ONNX graphs, built with onnx-proto, of the shapes other toolkits export: a two-class
 * TreeEnsembleClassifier (label + probabilities [N, 2]), the same with a ZipMap, a three-class
 * classifier, a regressor with the wrong input width or a double input. One split on feature 0:
 * x0 ≤ 0 → P(class 1) = 0.2, else 0.7 (the three-class graph: 0.1/0.2/0.7 and 0.5/0.3/0.2).
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type Attr = onnxProto.onnx.IAttributeProto;
const T = onnx.TensorProto.DataType;
const A = onnx.AttributeProto.AttributeType;

const ints = (name: string, v: number[]): Attr => ({ name, type: A.INTS, ints: v });
const floats = (name: string, v: number[]): Attr => ({ name, type: A.FLOATS, floats: v });
const strs = (name: string, v: string[]): Attr => ({
  name,
  type: A.STRINGS,
  strings: v.map((s) => new TextEncoder().encode(s)),
});
const str = (name: string, s: string): Attr => ({
  name,
  type: A.STRING,
  s: new TextEncoder().encode(s),
});

function tensorInfo(
  name: string,
  elemType: number,
  dims: (number | string)[],
): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  };
}

function encode(
  nodes: onnxProto.onnx.INodeProto[],
  inputs: onnxProto.onnx.IValueInfoProto[],
  outputs: onnxProto.onnx.IValueInfoProto[],
): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'test',
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    graph: { name: 'g', node: nodes, input: inputs, output: outputs },
  });
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

/** One tree, root split on feature 0 at 0, two leaves with per-class weights. */
function classifierNode(
  classes: number,
  leafWeights: [number[], number[]],
  outputs: string[],
): onnxProto.onnx.INodeProto {
  const classIds: number[] = [];
  const classNodeIds: number[] = [];
  const classWeights: number[] = [];
  leafWeights.forEach((w, leaf) => {
    for (let c = 0; c < classes; c++) {
      classIds.push(c);
      classNodeIds.push(leaf + 1);
      classWeights.push(w[c]);
    }
  });
  return {
    name: 'clf',
    opType: 'TreeEnsembleClassifier',
    domain: 'ai.onnx.ml',
    input: ['features'],
    output: outputs,
    attribute: [
      ints(
        'classlabels_int64s',
        Array.from({ length: classes }, (_, c) => c),
      ),
      ints('nodes_treeids', [0, 0, 0]),
      ints('nodes_nodeids', [0, 1, 2]),
      ints('nodes_featureids', [0, 0, 0]),
      floats('nodes_values', [0, 0, 0]),
      strs('nodes_modes', ['BRANCH_LEQ', 'LEAF', 'LEAF']),
      ints('nodes_truenodeids', [1, 0, 0]),
      ints('nodes_falsenodeids', [2, 0, 0]),
      ints(
        'class_treeids',
        classIds.map(() => 0),
      ),
      ints('class_nodeids', classNodeIds),
      ints('class_ids', classIds),
      floats('class_weights', classWeights),
      str('post_transform', 'NONE'),
    ],
  };
}

/** label int64 [N] + probabilities float [N, 2] (class 1 = BREAK). */
export function twoClassClassifier(nFeatures = 144): Uint8Array {
  return encode(
    [
      classifierNode(
        2,
        [
          [0.8, 0.2],
          [0.3, 0.7],
        ],
        ['label', 'probabilities'],
      ),
    ],
    [tensorInfo('features', T.FLOAT, ['N', nFeatures])],
    [tensorInfo('label', T.INT64, ['N']), tensorInfo('probabilities', T.FLOAT, ['N', 2])],
  );
}

/** The two-class classifier followed by a ZipMap: output_probability is seq(map(int64, float)). */
export function zipMapClassifier(): Uint8Array {
  const zipmap: onnxProto.onnx.INodeProto = {
    name: 'zipmap',
    opType: 'ZipMap',
    domain: 'ai.onnx.ml',
    input: ['probabilities'],
    output: ['output_probability'],
    attribute: [ints('classlabels_int64s', [0, 1])],
  };
  const seqOfMaps: onnxProto.onnx.IValueInfoProto = {
    name: 'output_probability',
    type: {
      sequenceType: {
        elemType: {
          mapType: { keyType: T.INT64, valueType: { tensorType: { elemType: T.FLOAT } } },
        },
      },
    },
  };
  return encode(
    [
      classifierNode(
        2,
        [
          [0.8, 0.2],
          [0.3, 0.7],
        ],
        ['label', 'probabilities'],
      ),
      zipmap,
    ],
    [tensorInfo('features', T.FLOAT, ['N', 144])],
    [tensorInfo('label', T.INT64, ['N']), seqOfMaps],
  );
}

/** label + probabilities float [N, 3]. */
export function threeClassClassifier(): Uint8Array {
  return encode(
    [
      classifierNode(
        3,
        [
          [0.1, 0.2, 0.7],
          [0.5, 0.3, 0.2],
        ],
        ['label', 'probabilities'],
      ),
    ],
    [tensorInfo('features', T.FLOAT, ['N', 144])],
    [tensorInfo('label', T.INT64, ['N']), tensorInfo('probabilities', T.FLOAT, ['N', 3])],
  );
}

/** A one-split regressor + Sigmoid, p_break float [N, 1], over `nFeatures` inputs of `inputType`. */
export function regressor(nFeatures: number, inputType: 'float' | 'double' = 'float'): Uint8Array {
  const node: onnxProto.onnx.INodeProto = {
    name: 'reg',
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    input: ['features'],
    output: ['score'],
    attribute: [
      { name: 'n_targets', type: A.INT, i: 1 },
      ints('nodes_treeids', [0, 0, 0]),
      ints('nodes_nodeids', [0, 1, 2]),
      ints('nodes_featureids', [0, 0, 0]),
      floats('nodes_values', [0, 0, 0]),
      strs('nodes_modes', ['BRANCH_LEQ', 'LEAF', 'LEAF']),
      ints('nodes_truenodeids', [1, 0, 0]),
      ints('nodes_falsenodeids', [2, 0, 0]),
      ints('target_treeids', [0, 0]),
      ints('target_nodeids', [1, 2]),
      ints('target_ids', [0, 0]),
      floats('target_weights', [-1, 1]),
      str('post_transform', 'NONE'),
    ],
  };
  const sigmoid: onnxProto.onnx.INodeProto = {
    name: 's',
    opType: 'Sigmoid',
    input: ['score'],
    output: ['p_break'],
  };
  return encode(
    [node, sigmoid],
    [tensorInfo('features', inputType === 'float' ? T.FLOAT : T.DOUBLE, ['N', nFeatures])],
    [tensorInfo('p_break', T.FLOAT, ['N', 1])],
  );
}
