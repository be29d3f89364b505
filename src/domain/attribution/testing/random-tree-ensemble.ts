import { DecisionTree, EnsemblePostTransform, TreeEnsemble } from '../../model/tree-ensemble';
import { SeededRandom } from '../seeded-random';

export interface RandomEnsembleShape {
  readonly nFeatures: number;
  readonly nTrees: number;
  /** Every root-to-leaf path has this many splits. */
  readonly depth: number;
  /** Features the trees may split on (default: all). */
  readonly features?: readonly number[];
  readonly postTransform?: EnsemblePostTransform;
  /** Leaf values are uniform in (−leafScale/2, leafScale/2). Default 1. */
  readonly leafScale?: number;
  readonly seed: number;
}

/**
 * A seeded random tree ensemble over features uniform in [0, 1): full binary trees, thresholds
 * uniform in (0.1, 0.9), leaf values uniform in ±leafScale/2. A fixture for attribution specs and benchmarks.
 */
export function randomTreeEnsemble(shape: RandomEnsembleShape): TreeEnsemble {
  const rng = new SeededRandom(shape.seed);
  const features = shape.features ?? Array.from({ length: shape.nFeatures }, (_, j) => j);
  const trees: DecisionTree[] = [];
  for (let t = 0; t < shape.nTrees; t++) {
    const feature: number[] = [];
    const threshold: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const value: number[] = [];
    const grow = (level: number): number => {
      const node = feature.length;
      feature.push(-1);
      threshold.push(0);
      left.push(-1);
      right.push(-1);
      value.push(0);
      if (level === shape.depth) {
        value[node] = rng.uniform(-0.5, 0.5) * (shape.leafScale ?? 1);
        return node;
      }
      feature[node] = features[rng.int(features.length)];
      threshold[node] = Math.fround(rng.uniform(0.1, 0.9));
      left[node] = grow(level + 1);
      right[node] = grow(level + 1);
      return node;
    };
    grow(0);
    trees.push({ feature, threshold, left, right, value });
  }
  return { nFeatures: shape.nFeatures, aggregate: 'SUM', postTransform: shape.postTransform ?? 'NONE', baseScore: 0, trees };
}

/** `n` rows of `d` features uniform in [0, 1), row-major. */
export function uniformRows(rng: SeededRandom, n: number, d: number): Float32Array {
  return Float32Array.from({ length: n * d }, () => rng.next());
}
