/** What the status strip shows about the frame source and the inference pipeline. */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'fixture';

export type ModelAvailability = 'loading' | 'ready' | 'unavailable';

export interface RejectReasonCount {
  readonly reason: string;
  readonly count: number;
}

export interface SourceStatus {
  /** Human name of the source, e.g. "replay 2025-11-03" or "ws://…". */
  readonly source: string;
  readonly connection: ConnectionState;
  readonly model: ModelAvailability;
  /** Why the model is unavailable (or a note about it), null when there is nothing to say. */
  readonly modelDetail: string | null;
  /** Frames per second over the source's recent window; null before the first frames. */
  readonly framesPerSecond: number | null;
  /** Frames that failed validation, with a count per reason. */
  readonly rejectedFrames: number;
  readonly rejectReasons: readonly RejectReasonCount[];
}

export const INITIAL_SOURCE_STATUS: SourceStatus = {
  source: 'none',
  connection: 'idle',
  model: 'loading',
  modelDetail: null,
  framesPerSecond: null,
  rejectedFrames: 0,
  rejectReasons: [],
};
