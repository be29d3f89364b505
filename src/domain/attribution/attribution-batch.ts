import { AttributionOptions, AttributionPlan, planAttribution } from './attribution-plan';
import { AttributionResult, finishAttribution } from './finish-attribution';
import type { RowArena } from './perturbed-row-builder';

const UNSET = -0x80000000;

/** A model evaluated on `n` rows stored row-major in `rows`; returns one output per row. */
export type BatchModel = (rows: Float32Array, n: number) => Float32Array | Float64Array;

export interface AttributionBatchOptions {
  /**
   * Model outputs already known for a background sample (one per background row, in its order),
   * e.g. from an earlier batch with the same model: those rows are left out of `rows`. Return
   * undefined when they are not known. Keyed by the background array passed to `planAttribution`.
   */
  readonly knownBackgroundOutputs?: (background: Float32Array) => ArrayLike<number> | undefined;
  /**
   * Memory for `rows`, reused from batch to batch (then `rows` is valid until the arena's next
   * reset). Without it every batch allocates its own: in Chromium, filling megabytes of fresh
   * memory costs page faults (≈ 1.3 ms for four levels' 2.7 MB, against 0.1 ms into reused memory).
   */
  readonly rowArena?: RowArena;
}

/**
 * Several plans (levels, drivers and sections) stacked into one model batch: run `rows` once, then
 * `finish(outputs)` returns one result per plan, in order.
 *
 * Rows that are the same by construction are stacked once: x of plans that explain the same `x`
 * array (a level's driver and section plans) and the background rows of plans that share a
 * `background` array (every level of a stratum); background rows whose outputs are known
 * (`knownBackgroundOutputs`) are not stacked at all. Each plan still sees its own rows' outputs, so
 * the results are those of running every plan alone.
 */
export class AttributionBatch {
  readonly rows: Float32Array;
  readonly nRows: number;
  /** Per plan: the batch row of each plan row (≥ 0), or −1 − b for background row b of a known output vector. */
  private readonly rowMaps: Int32Array[];
  private readonly known: (ArrayLike<number> | undefined)[];
  /** Background arrays whose rows were stacked, with their batch rows (to read their outputs back). */
  private readonly stackedBackgrounds = new Map<Float32Array, Int32Array>();

  constructor(
    readonly plans: readonly AttributionPlan[],
    options: AttributionBatchOptions = {},
  ) {
    const d = plans[0]?.nFeatures ?? 0;
    for (const plan of plans) {
      if (plan.nFeatures !== d) throw new Error(`plans mix ${d} and ${plan.nFeatures} features`);
    }
    const xRows = new Map<Float32Array, number>();
    const knownOf = new Map<Float32Array, ArrayLike<number> | undefined>();
    this.rowMaps = [];
    this.known = [];
    // First pass: assign batch rows; second pass: copy (one allocation of the exact size).
    let nRows = 0;
    const copies: { plan: AttributionPlan; from: number; to: number; n: number }[] = [];
    for (const plan of plans) {
      const map = new Int32Array(plan.nRows).fill(UNSET);
      let known: ArrayLike<number> | undefined;
      if (knownOf.has(plan.background)) known = knownOf.get(plan.background);
      else {
        known = options.knownBackgroundOutputs?.(plan.background);
        if (known !== undefined && known.length !== plan.nBackground) known = undefined;
        knownOf.set(plan.background, known);
      }
      this.known.push(known);
      const sharedX = xRows.get(plan.x);
      if (sharedX !== undefined) map[plan.xRow] = sharedX;
      if (known !== undefined) {
        plan.backgroundRows.forEach((row, b) => (map[row] = -1 - b));
      } else {
        const stacked = this.stackedBackgrounds.get(plan.background);
        if (stacked !== undefined) plan.backgroundRows.forEach((row, b) => (map[row] = stacked[b]));
      }
      for (let r = 0; r < plan.nRows; r++) {
        if (map[r] !== UNSET) continue;
        // a run of plan rows that are new to the batch
        let end = r + 1;
        while (end < plan.nRows && map[end] === UNSET) end++;
        copies.push({ plan, from: r, to: nRows, n: end - r });
        for (let k = r; k < end; k++) map[k] = nRows++;
        r = end - 1;
      }
      if (sharedX === undefined) xRows.set(plan.x, map[plan.xRow]);
      if (known === undefined && !this.stackedBackgrounds.has(plan.background)) {
        this.stackedBackgrounds.set(plan.background, Int32Array.from(plan.backgroundRows, (row) => map[row]));
      }
      this.rowMaps.push(map);
    }
    this.nRows = nRows;
    this.rows = options.rowArena !== undefined ? options.rowArena.take(nRows * d) : new Float32Array(nRows * d);
    for (const c of copies) this.rows.set(c.plan.rows.subarray(c.from * d, (c.from + c.n) * d), c.to * d);
  }

  finish(outputs: Float32Array | Float64Array): AttributionResult[] {
    if (outputs.length !== this.nRows) throw new Error(`expected ${this.nRows} model outputs, got ${outputs.length}`);
    return this.plans.map((plan, k) => {
      const map = this.rowMaps[k];
      const known = this.known[k];
      const own = new Float64Array(plan.nRows);
      for (let r = 0; r < plan.nRows; r++) {
        const g = map[r];
        own[r] = g >= 0 ? outputs[g] : (known as ArrayLike<number>)[-1 - g];
      }
      return finishAttribution(plan, own);
    });
  }

  /**
   * The model outputs of every background sample whose rows this batch stacked (one per background
   * row, in its order): keep them to pass as `knownBackgroundOutputs` to later batches of the same model.
   */
  backgroundOutputs(outputs: Float32Array | Float64Array): Map<Float32Array, Float64Array> {
    const out = new Map<Float32Array, Float64Array>();
    for (const [background, rows] of this.stackedBackgrounds) {
      out.set(background, Float64Array.from(rows, (g) => outputs[g]));
    }
    return out;
  }
}

/** Plans, evaluates and finishes in one synchronous call (tests and Node tools). */
export function explainWith(
  f: BatchModel,
  x: Float32Array,
  background: Float32Array,
  groups: readonly (readonly number[])[],
  options: AttributionOptions,
): AttributionResult {
  const plan = planAttribution(x, background, groups, options);
  return finishAttribution(plan, f(plan.rows, plan.nRows));
}
