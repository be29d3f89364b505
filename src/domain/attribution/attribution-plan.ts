import { IntMap } from './int-map';
import { PerturbedRowBuilder, RowArena, playerDifferences } from './perturbed-row-builder';
import { SeededRandom } from './seeded-random';

export type AttributionMode = 'auto' | 'exact' | 'permutation';
export type AttributionMethod = 'exact' | 'permutation';

export interface AttributionOptions {
  /** `auto`: exact when the active players are at most `maxExactPlayers`, else permutation. */
  readonly mode: AttributionMode;
  /** Largest number of active players `auto` enumerates exactly (2^m coalitions). Default 8. */
  readonly maxExactPlayers?: number;
  /** Permutation mode: permutations sampled, as antithetic pairs (rounded up to even, at least 4). Default 16. */
  readonly permutations?: number;
  /**
   * Permutation mode: background rows each antithetic pair averages over (default: all). Fewer rows
   * make each pair cheaper; consecutive pairs take consecutive blocks of a seeded shuffle of the
   * background, so all rows are still used and the result still adds up to f(x) − base rate.
   */
  readonly backgroundRowsPerPair?: number;
  /**
   * Permutation mode, instead of `backgroundRowsPerPair`: split the background into this many
   * blocks (rows per pair = ⌈B / blocks⌉), so the cost does not grow with the background size.
   */
  readonly backgroundBlocks?: number;
  /**
   * Permutation mode, instead of `permutations`: antithetic pairs per background block (the
   * permutations are then 2 × pairsPerBlock × blocks). With at least 2 per block the standard error
   * is the stratified one (within-block spread).
   */
  readonly pairsPerBlock?: number;
  /** Seed of the permutations and of the background shuffle. */
  readonly seed: number;
}

export const DEFAULT_MAX_EXACT_PLAYERS = 8;
export const DEFAULT_PERMUTATIONS = 16;
/** Exact enumeration is refused above this many active players (2^m coalitions). */
export const EXACT_PLAYER_LIMIT = 20;

interface PlanBase {
  /** The explained row as passed (not copied): plans explaining the same array share its row in a batch. */
  readonly x: Float32Array;
  /** The background as passed (not copied): plans sharing it share its rows in a batch. */
  readonly background: Float32Array;
  readonly nFeatures: number;
  /** Players as given (inactive ones included; they get exactly 0). */
  readonly nPlayers: number;
  readonly nBackground: number;
  /** Model inputs, `nRows × nFeatures`, row-major: run these through the model. */
  readonly rows: Float32Array;
  readonly nRows: number;
  /** Plan row of x itself. */
  readonly xRow: number;
  /** Plan row of each background row. */
  readonly backgroundRows: Int32Array;
  /** Players whose features differ from x on at least one background row, in input order. */
  readonly activePlayers: Int32Array;
  /** Evaluation c (a coalition's value v(S)) averages plan rows `evalRows[evalStart[c] … evalStart[c+1])`. */
  readonly evalStart: Int32Array;
  readonly evalRows: Int32Array;
}

/** All 2^m coalitions of the active players; evaluation index = coalition bit mask. */
export interface ExactAttributionPlan extends PlanBase {
  readonly method: 'exact';
}

/** Antithetic permutation pairs over the active players. */
export interface PermutationAttributionPlan extends PlanBase {
  readonly method: 'permutation';
  readonly nPairs: number;
  /** Background rows per pair. */
  readonly pairBackgroundRows: number;
  /** Background block of each pair (pairs with the same block average over the same rows). */
  readonly pairBlock: Int32Array;
  /** Pair p's permutation (indices into `activePlayers`): `orders[p·m … p·m + m)`; its partner is the reverse. */
  readonly orders: Int32Array;
  /** Evaluation of prefix k of pair p's order o (0 forward, 1 reverse): `prefixEval[(2p + o)(m + 1) + k]`. */
  readonly prefixEval: Int32Array;
}

export type AttributionPlan = ExactAttributionPlan | PermutationAttributionPlan;

/**
 * Plans an interventional group Shapley attribution of f(x) against a background sample: the
 * coalitions to evaluate and the model rows they need. Run `plan.rows` through the model (alone or
 * stacked with other plans) and pass the outputs to `finishAttribution`.
 *
 * @param x the explained row (d features)
 * @param background `B × d` background rows, row-major
 * @param groups feature indices per player; every feature belongs to exactly one player
 * @param arena scratch memory for the rows (then `plan.rows` is valid until the arena's next reset)
 */
export function planAttribution(
  x: Float32Array,
  background: Float32Array,
  groups: readonly (readonly number[])[],
  options: AttributionOptions,
  arena?: RowArena,
): AttributionPlan {
  const d = x.length;
  const nBackground = checkInputs(x, background, groups);
  checkOptions(options);
  const diff = playerDifferences(x, background, nBackground, groups);
  const m = groups.length;
  const active: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let b = 0; b < nBackground; b++) {
      if (diff[b * m + i] === 1) {
        active.push(i);
        break;
      }
    }
  }
  const ma = active.length;
  const words = Math.max(1, Math.ceil(ma / 32));
  const differs = new Uint32Array(nBackground * words);
  for (let b = 0; b < nBackground; b++) {
    for (let k = 0; k < ma; k++) {
      if (diff[b * m + active[k]] === 1) differs[b * words + (k >>> 5)] |= 1 << (k & 31);
    }
  }
  const activeGroups = active.map((i) => groups[i]);
  const method = chooseMethod(ma, options);
  const common = { x, background, nFeatures: d, nPlayers: m, nBackground, activePlayers: Int32Array.from(active) };

  if (method === 'exact') {
    const nCoalitions = 2 ** ma;
    const builder = new PerturbedRowBuilder(x, background, nBackground, activeGroups, differs, words, nCoalitions * nBackground, arena);
    const evalStart = new Int32Array(nCoalitions + 1);
    const evalRows = new Int32Array(nCoalitions * nBackground);
    const coalition = new Uint32Array(words);
    for (let mask = 0; mask < nCoalitions; mask++) {
      coalition[0] = mask;
      evalStart[mask] = mask * nBackground;
      for (let b = 0; b < nBackground; b++) evalRows[mask * nBackground + b] = builder.rowFor(b, coalition);
    }
    evalStart[nCoalitions] = nCoalitions * nBackground;
    return { method, ...common, ...builderRows(builder), evalStart, evalRows };
  }

  const rng = new SeededRandom(options.seed);
  const perPair = Math.min(
    nBackground,
    Math.max(
      1,
      options.backgroundBlocks !== undefined
        ? Math.ceil(nBackground / Math.floor(options.backgroundBlocks))
        : Math.floor(options.backgroundRowsPerPair ?? nBackground),
    ),
  );
  const nBlocks = Math.ceil(nBackground / perPair);
  const nPairs =
    options.pairsPerBlock !== undefined
      ? Math.max(2, Math.floor(options.pairsPerBlock) * nBlocks)
      : Math.max(2, Math.ceil((options.permutations ?? DEFAULT_PERMUTATIONS) / 2));
  const shuffled = Int32Array.from({ length: nBackground }, (_, b) => b);
  if (perPair < nBackground) rng.shuffle(shuffled);
  const builder = new PerturbedRowBuilder(x, background, nBackground, activeGroups, differs, words, 2 * nPairs * Math.max(ma - 1, 0) * perPair, arena);
  const orders = new Int32Array(nPairs * ma);
  const pairBlock = new Int32Array(nPairs);
  const prefixEval = new Int32Array(2 * nPairs * (ma + 1));
  // evaluation of a coalition on a block: integer keys (one word) in an IntMap, else strings
  const maxEvals = 2 * nPairs * (ma + 1);
  const evaluationsInt = new IntMap(maxEvals);
  const evaluations = new Map<string, number>();
  const evalStart = new Int32Array(maxEvals + 1);
  const evalRows = new Int32Array(maxEvals * perPair);
  let nEvals = 0;
  const coalition = new Uint32Array(words);
  const order = Int32Array.from({ length: ma }, (_, k) => k);
  for (let p = 0; p < nPairs; p++) {
    rng.shuffle(order);
    orders.set(order, p * ma);
    // consecutive pairs take consecutive blocks (the last one wraps to the first rows when R ∤ B)
    const blockStart = perPair < nBackground ? (p % nBlocks) * perPair : 0;
    pairBlock[p] = blockStart;
    for (let o = 0; o < 2; o++) {
      coalition.fill(0);
      const slot = (2 * p + o) * (ma + 1);
      for (let k = 0; k <= ma; k++) {
        if (k > 0) {
          const player = o === 0 ? order[k - 1] : order[ma - k];
          coalition[player >>> 5] |= 1 << (player & 31);
        }
        let c: number;
        if (words === 1) {
          const key = coalition[0] * nBackground + blockStart;
          c = evaluationsInt.get(key);
          if (c < 0) evaluationsInt.set(key, (c = nEvals));
        } else {
          const key = `${blockStart}|${coalition.join(',')}`;
          c = evaluations.get(key) ?? -1;
          if (c < 0) evaluations.set(key, (c = nEvals));
        }
        if (c === nEvals) {
          nEvals++;
          let at = evalStart[c];
          for (let r = 0; r < perPair; r++) evalRows[at++] = builder.rowFor(shuffled[(blockStart + r) % nBackground], coalition);
          evalStart[c + 1] = at;
        }
        prefixEval[slot + k] = c;
      }
    }
  }
  return {
    method,
    ...common,
    ...builderRows(builder),
    evalStart: evalStart.slice(0, nEvals + 1),
    evalRows: evalRows.slice(0, evalStart[nEvals]),
    nPairs,
    pairBackgroundRows: perPair,
    pairBlock,
    orders,
    prefixEval,
  };
}

function builderRows(builder: PerturbedRowBuilder): { rows: Float32Array; nRows: number; xRow: number; backgroundRows: Int32Array } {
  return { rows: builder.rows(), nRows: builder.rowCount, xRow: builder.xRow, backgroundRows: builder.backgroundRows };
}

function chooseMethod(activePlayers: number, options: AttributionOptions): AttributionMethod {
  switch (options.mode) {
    case 'exact':
      if (activePlayers > EXACT_PLAYER_LIMIT) {
        throw new Error(`exact attribution over ${activePlayers} players (2^${activePlayers} coalitions) exceeds the limit of ${EXACT_PLAYER_LIMIT}`);
      }
      return 'exact';
    case 'permutation':
      return 'permutation';
    case 'auto':
      return activePlayers <= Math.min(options.maxExactPlayers ?? DEFAULT_MAX_EXACT_PLAYERS, EXACT_PLAYER_LIMIT) ? 'exact' : 'permutation';
  }
}

function checkOptions(options: AttributionOptions): void {
  const positive: [string, number | undefined][] = [
    ['maxExactPlayers', options.maxExactPlayers],
    ['permutations', options.permutations],
    ['backgroundRowsPerPair', options.backgroundRowsPerPair],
    ['backgroundBlocks', options.backgroundBlocks],
    ['pairsPerBlock', options.pairsPerBlock],
  ];
  for (const [name, value] of positive) {
    if (value !== undefined && !(Number.isFinite(value) && value >= (name === 'maxExactPlayers' ? 0 : 1))) {
      throw new Error(`${name} must be a finite number ≥ ${name === 'maxExactPlayers' ? 0 : 1}, got ${value}`);
    }
  }
  if (!Number.isFinite(options.seed)) throw new Error(`seed must be a finite number, got ${options.seed}`);
}

/** Validates shapes and that the groups partition the features; returns the background row count. */
function checkInputs(x: Float32Array, background: Float32Array, groups: readonly (readonly number[])[]): number {
  const d = x.length;
  if (d === 0) throw new Error('x has no features');
  if (background.length === 0 || background.length % d !== 0) {
    throw new Error(`background length ${background.length} is not a positive multiple of ${d} features`);
  }
  const owner = new Int32Array(d).fill(-1);
  groups.forEach((group, i) => {
    for (const j of group) {
      if (!Number.isInteger(j) || j < 0 || j >= d) throw new Error(`group ${i} names feature ${j}, outside 0…${d - 1}`);
      if (owner[j] !== -1) throw new Error(`feature ${j} belongs to groups ${owner[j]} and ${i}`);
      owner[j] = i;
    }
  });
  const orphan = owner.indexOf(-1);
  if (orphan !== -1) throw new Error(`feature ${orphan} belongs to no group`);
  return background.length / d;
}
