/**
 * Grows one regression tree on gradient/hessian statistics of binned rows.
 *
 * Growth is leaf-wise (best-first): among the current leaves, the one whose best split has the
 * largest gain is split next, until `maxLeaves` leaves exist or no leaf has a split with gain above
 * `minSplitGain`; `maxDepth` caps every path. With maxLeaves >= 2^maxDepth this grows the same
 * tree as depth-wise growth (every leaf that can improve is split, level by level).
 *
 * Per split, only the smaller child's histogram is built from rows; the larger child's is the
 * parent's minus the smaller one (computed in place in the parent's buffer).
 */
import type { DecisionTree } from '../../src/domain/model/tree-ensemble';
import type { BinMapper, BinnedMatrix } from './binning';
import {
  accumulateHistogram,
  findBestSplit,
  newHistogram,
  subtractHistogram,
  type HistogramLayout,
  type NodeTotals,
  type SplitCandidate,
  type SplitConstraints,
} from './histogram';

export interface TreeParams extends SplitConstraints {
  readonly maxDepth: number;
  readonly maxLeaves: number;
  /** A split is made only when its gain is strictly above this. */
  readonly minSplitGain: number;
  readonly learningRate: number;
}

/** A tree whose internal nodes test bins: left when `bin <= binThreshold`. */
export interface BinnedTree {
  readonly feature: number[];
  readonly binThreshold: number[];
  readonly left: number[];
  readonly right: number[];
  /** Leaf values (already scaled by the learning rate and rounded to float32). */
  readonly value: number[];
}

export interface GrowInput {
  readonly binned: BinnedMatrix;
  readonly layout: HistogramLayout;
  /** Features the tree may split on (ascending). */
  readonly features: Uint32Array;
  /** Row ids the tree is fitted on. */
  readonly rows: Uint32Array;
  /** Gradient and hessian per row id. */
  readonly grad: Float64Array;
  readonly hess: Float64Array;
}

interface OpenLeaf {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  readonly totals: NodeTotals;
  hist: Float64Array | null;
  split: SplitCandidate | null;
}

/** Reuses histogram buffers between nodes and trees. */
export class HistogramPool {
  private readonly free: Float64Array[] = [];
  constructor(private readonly layout: HistogramLayout) {}
  take(): Float64Array {
    const h = this.free.pop();
    if (h === undefined) return newHistogram(this.layout);
    h.fill(0);
    return h;
  }
  give(h: Float64Array): void {
    this.free.push(h);
  }
}

/** Leaf value −G/(H+λ)·lr, rounded to float32 (the precision of ONNX tree weights). */
export function leafValue(totals: NodeTotals, lambda: number, learningRate: number): number {
  const denom = totals.hess + lambda;
  return denom > 0 ? Math.fround((-totals.grad / denom) * learningRate) : 0;
}

/**
 * Stable partition of positions [start, end): rows whose bin is <= the split bin first, their
 * gradient/hessian pairs moved along. Returns the first position of the right part.
 */
function partitionRows(
  binned: BinnedMatrix,
  split: SplitCandidate,
  rowIdx: Uint32Array,
  gh: Float64Array,
  start: number,
  end: number,
  scratch: { readonly rows: Uint32Array; readonly gradHess: Float64Array },
): number {
  const col = binned.bins.subarray(
    split.feature * binned.nRows,
    (split.feature + 1) * binned.nRows,
  );
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const row = rowIdx[k];
    if (col[row] <= split.bin) {
      rowIdx[l] = row;
      gh[2 * l] = gh[2 * k];
      gh[2 * l + 1] = gh[2 * k + 1];
      l++;
    } else {
      scratch.rows[r] = row;
      scratch.gradHess[2 * r] = gh[2 * k];
      scratch.gradHess[2 * r + 1] = gh[2 * k + 1];
      r++;
    }
  }
  rowIdx.set(scratch.rows.subarray(0, r), l);
  gh.set(scratch.gradHess.subarray(0, 2 * r), 2 * l);
  return l;
}

export function growTree(
  input: GrowInput,
  p: TreeParams,
  pool = new HistogramPool(input.layout),
): BinnedTree {
  const { binned, layout, features } = input;
  const m = input.rows.length;
  const rowIdx = input.rows.slice();
  const gh = new Float64Array(2 * m);
  let gSum = 0;
  let hSum = 0;
  for (let k = 0; k < m; k++) {
    gh[2 * k] = input.grad[rowIdx[k]];
    gh[2 * k + 1] = input.hess[rowIdx[k]];
    gSum += gh[2 * k];
    hSum += gh[2 * k + 1];
  }
  const tree: BinnedTree = {
    feature: [-1],
    binThreshold: [0],
    left: [-1],
    right: [-1],
    value: [0],
  };
  const canSplit = (leaf: OpenLeaf): boolean =>
    leaf.depth < p.maxDepth && leaf.end - leaf.start >= 2 * Math.max(1, p.minSamplesLeaf);
  const evaluate = (leaf: OpenLeaf): void => {
    leaf.split =
      leaf.hist !== null && canSplit(leaf)
        ? findBestSplit(leaf.hist, layout, features, leaf.totals, p)
        : null;
  };

  const rootHist = pool.take();
  accumulateHistogram(rootHist, layout, binned, features, rowIdx, 0, m, gh);
  const root: OpenLeaf = {
    node: 0,
    start: 0,
    end: m,
    depth: 0,
    totals: { grad: gSum, hess: hSum, count: m },
    hist: rootHist,
    split: null,
  };
  evaluate(root);
  const leaves: OpenLeaf[] = [root];
  const scratch = { rows: new Uint32Array(m), gradHess: new Float64Array(2 * m) };

  while (leaves.length < p.maxLeaves) {
    let pick = -1;
    for (let i = 0; i < leaves.length; i++) {
      const s = leaves[i].split;
      if (s === null || !(s.gain > p.minSplitGain)) continue;
      const bestSplit = pick >= 0 ? leaves[pick].split : null;
      if (bestSplit === null || s.gain > bestSplit.gain) pick = i;
    }
    if (pick < 0) break;
    const parent = leaves[pick];
    const split = parent.split;
    const parentHist = parent.hist;
    if (split === null || parentHist === null) break;

    const l = partitionRows(binned, split, rowIdx, gh, parent.start, parent.end, scratch);

    const leftId = tree.feature.length;
    const rightId = leftId + 1;
    for (let i = 0; i < 2; i++) {
      tree.feature.push(-1);
      tree.binThreshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
    }
    tree.feature[parent.node] = split.feature;
    tree.binThreshold[parent.node] = split.bin;
    tree.left[parent.node] = leftId;
    tree.right[parent.node] = rightId;

    const depth = parent.depth + 1;
    const leftLeaf: OpenLeaf = {
      node: leftId,
      start: parent.start,
      end: l,
      depth,
      totals: split.left,
      hist: null,
      split: null,
    };
    const rightLeaf: OpenLeaf = {
      node: rightId,
      start: l,
      end: parent.end,
      depth,
      totals: split.right,
      hist: null,
      split: null,
    };
    const children = [leftLeaf, rightLeaf];
    if (children.some(canSplit)) {
      const [small, large] =
        leftLeaf.end - leftLeaf.start <= rightLeaf.end - rightLeaf.start
          ? [leftLeaf, rightLeaf]
          : [rightLeaf, leftLeaf];
      const smallHist = pool.take();
      accumulateHistogram(smallHist, layout, binned, features, rowIdx, small.start, small.end, gh);
      subtractHistogram(parentHist, parentHist, smallHist, layout, features);
      small.hist = smallHist;
      large.hist = parentHist;
      evaluate(leftLeaf);
      evaluate(rightLeaf);
    } else {
      pool.give(parentHist);
    }
    parent.hist = null;
    leaves.splice(pick, 1, leftLeaf, rightLeaf);
  }

  for (const leaf of leaves) {
    tree.value[leaf.node] = leafValue(leaf.totals, p.lambda, p.learningRate);
    if (leaf.hist !== null) pool.give(leaf.hist);
  }
  return tree;
}

/** Node id of the leaf that row i of a binned matrix reaches. */
export function binnedLeaf(tree: BinnedTree, binned: BinnedMatrix, i: number): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node];
    if (f < 0) return node;
    node =
      binned.bins[f * binned.nRows + i] <= tree.binThreshold[node]
        ? tree.left[node]
        : tree.right[node];
  }
}

/** Adds the tree's output to `scores` for every row of `binned`. */
export function addTreeOutput(tree: BinnedTree, binned: BinnedMatrix, scores: Float64Array): void {
  for (let i = 0; i < binned.nRows; i++) scores[i] += tree.value[binnedLeaf(tree, binned, i)];
}

/** The same tree over raw features: threshold = the upper edge of the split bin (a float32). */
export function toDecisionTree(tree: BinnedTree, mapper: BinMapper): DecisionTree {
  return {
    feature: tree.feature.slice(),
    threshold: tree.feature.map((f, node) =>
      f < 0 ? 0 : mapper.upper[f][tree.binThreshold[node]],
    ),
    left: tree.left.slice(),
    right: tree.right.slice(),
    value: tree.value.slice(),
  };
}
