/** What the explanation engine's steps hand each other and the caller: prepared ticks and results. */
import type { AttributionBatch } from '../attribution/attribution-batch';
import type { LevelFrame } from '../frame/level-frame';
import type { LevelSignal } from '../signal/level-signal';
import type { TimeBucket } from '../time/time-bucket';
import type { StratumStats } from './historical-stats';

export interface RejectedFrames {
  readonly count: number;
  /** "field: reason" → frames rejected for it (a frame with several errors counts under each). */
  readonly reasons: Readonly<Record<string, number>>;
}

/** What `observe` took in. */
export interface ObservedFrames {
  readonly framesSeen: number;
  /** Valid frames taken into the history (in-zone or not). */
  readonly accepted: number;
  /** Accepted frames in the approach zone (those `prepare` would have explained). */
  readonly inZone: number;
  readonly rejected: RejectedFrames;
}

export interface PreparedLevel {
  readonly frame: LevelFrame;
  readonly x: Float32Array<ArrayBuffer>;
  readonly bucket: TimeBucket;
  /** The frame's own stratum (quantiles, base rate, accuracy). */
  readonly stratum: StratumStats | null;
  /** The stratum whose background the attribution uses (own or pooled), null when none. */
  readonly backgroundStratum: StratumStats | null;
  /** Index of the driver plan in the batch (the section plan follows it); −1 when not attributed. */
  readonly planIndex: number;
}

export interface PreparedTick {
  /**
   * Model rows of every level (row-major, nRows × 144): run them in one call. A view of memory
   * the engine reuses: valid until its next `prepare` (copy it to keep it longer).
   */
  readonly rows: Float32Array;
  readonly nRows: number;
  /** In-zone levels of the tick, in frame order. */
  readonly levels: readonly PreparedLevel[];
  readonly rejected: RejectedFrames;
  readonly framesSeen: number;
  /** Why levels will get `base_rate` signals when the batch was planned without the model. */
  readonly withoutModel: boolean;
  readonly batch: AttributionBatch | null;
  readonly prepareMs: number;
  /** The engine's model generation when planned (outputs of an older model are not kept). */
  readonly modelGeneration: number;
}

export type CompleteInput =
  | { readonly outputs: Float32Array | Float64Array; readonly modelMs?: number }
  | { readonly outputs?: undefined; readonly reason: string };

export interface ExplainResult {
  readonly signals: LevelSignal[];
  /**
   * Per signal (same order): every driver's unfolded edge and standard error in the manifest's
   * driver order (`driverNames`), or null for a base_rate signal. For analysis tools.
   */
  readonly attributions: readonly ({
    readonly values: readonly number[];
    readonly standardErrors: readonly number[];
  } | null)[];
  readonly rejected: RejectedFrames;
  readonly timings: { readonly model_ms: number; readonly attribution_ms: number };
}
