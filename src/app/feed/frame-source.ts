import { Signal } from '@angular/core';
import { Observable } from 'rxjs';
import { FeedEvent } from '../../domain/feed/frame-tick';
import { NO_REJECTIONS, RejectionCounts } from '../../domain/feed/rejection-counts';

export type FrameSourceKind = 'replay' | 'live';

/**
 * replay: closed (nothing loaded, or played to the end) → connecting (loading) → paused ⇄ playing;
 * live: connecting → open → reconnecting → open … → closed (disconnected or end of data);
 * error: a load failure, a refused token or a malformed-protocol close (no automatic retry).
 */
export type FrameSourceState =
  'playing' | 'paused' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'error';

export interface FrameSourceStatus {
  readonly kind: FrameSourceKind;
  readonly state: FrameSourceState;
  /** `ts` of the newest frame emitted, null before any. */
  readonly lastFrameTs: string | null;
  /** Current feed time in epoch ms (the replay clock, or the newest live frame), null before any. */
  readonly feedTimeMs: number | null;
  /** Frames emitted per wall-clock second over the last 5 s (seek catch-up batches excluded). */
  readonly framesPerSecond: number;
  /** Frames refused by validation, with a count per reason. */
  readonly rejected: RejectionCounts;
  /** Live only: frames dropped as already seen (seq ≤ last) and seq jumps observed. */
  readonly duplicates: number;
  readonly gaps: number;
  /** Human detail for `error`/`reconnecting` (e.g. the close reason), else null. */
  readonly detail: string | null;
}

export function initialSourceStatus(kind: FrameSourceKind): FrameSourceStatus {
  return {
    kind,
    state: 'closed',
    lastFrameTs: null,
    feedTimeMs: null,
    framesPerSecond: 0,
    rejected: NO_REJECTIONS,
    duplicates: 0,
    gaps: 0,
    detail: null,
  };
}

/**
 * A source of level frames. `events$` emits `reset` and tick batches (FeedEvent) synchronously as
 * they happen; `status` is a signal updated at most once per animation frame.
 */
export interface FrameSource {
  readonly status: Signal<FrameSourceStatus>;
  readonly events$: Observable<FeedEvent>;
}
