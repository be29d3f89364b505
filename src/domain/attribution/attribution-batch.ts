import { AttributionOptions, AttributionPlan, planAttribution } from './attribution-plan';
import { AttributionResult, finishAttribution } from './finish-attribution';

/** A model evaluated on `n` rows stored row-major in `rows`; returns one output per row. */
export type BatchModel = (rows: Float32Array, n: number) => Float32Array | Float64Array;

/**
 * Several plans (levels, drivers and sections) stacked into one model batch: run `rows` once, then
 * `finish(outputs)` returns one result per plan, in order.
 */
export class AttributionBatch {
  readonly rows: Float32Array;
  readonly nRows: number;
  private readonly offsets: number[];

  constructor(readonly plans: readonly AttributionPlan[]) {
    const d = plans[0]?.nFeatures ?? 0;
    this.offsets = [0];
    for (const plan of plans) {
      if (plan.nFeatures !== d) throw new Error(`plans mix ${d} and ${plan.nFeatures} features`);
      this.offsets.push(this.offsets[this.offsets.length - 1] + plan.nRows);
    }
    this.nRows = this.offsets[plans.length];
    this.rows = new Float32Array(this.nRows * d);
    plans.forEach((plan, k) => this.rows.set(plan.rows, this.offsets[k] * d));
  }

  finish(outputs: Float32Array | Float64Array): AttributionResult[] {
    if (outputs.length !== this.nRows) throw new Error(`expected ${this.nRows} model outputs, got ${outputs.length}`);
    return this.plans.map((plan, k) => finishAttribution(plan, outputs.subarray(this.offsets[k], this.offsets[k + 1])));
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
