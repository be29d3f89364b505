/**
 * The engine's memory of the feed: validates frames, keeps them in `seq` order and feeds each
 * accepted one to the per-level vector history (lagged and per-attempt features) and to the
 * session context (touches, clusters, level sequence). Shared by `prepare` and `observe`, so
 * history taken in without the model is the same as history that was explained.
 */
import type { LevelFrame } from '../frame/level-frame';
import { validateLevelFrame } from '../frame/validate-level-frame';
import { EpisodeVectorBuilder } from '../vector/episode-vector-builder';
import { VECTOR_DIMENSION } from '../vector/feature-table';
import type { RejectedFrames } from './prepared-tick';
import { SessionContextTracker } from './session-context';

export class FrameIntake {
  readonly context = new SessionContextTracker();
  private readonly builder = new EpisodeVectorBuilder();
  private readonly scratch = new Float32Array(VECTOR_DIMENSION);
  private lastSeq = -1;

  /** Forgets every level's history and today's touches (a new feed). */
  reset(): void {
    this.builder.reset();
    this.context.reset();
    this.lastSeq = -1;
  }

  /**
   * Validates `frames` (a rejected frame is counted under each of its reasons), sorts the valid
   * ones by `seq`, rejects those not newer than the last accepted one ("seq: not increasing") and
   * feeds the rest to the vector builder and the session context; `each` gets every accepted frame
   * with its vector (a scratch buffer: copy it to keep it).
   */
  take(
    frames: readonly unknown[],
    each: (frame: LevelFrame, x: Float32Array<ArrayBuffer>) => void,
  ): RejectedFrames {
    const reasons: Record<string, number> = {};
    let count = 0;
    const reject = (keys: readonly string[]): void => {
      count++;
      for (const k of new Set(keys)) reasons[k] = (reasons[k] ?? 0) + 1;
    };
    const valid: LevelFrame[] = [];
    for (const input of frames) {
      const v = validateLevelFrame(input);
      if (!v.ok) reject(v.errors.map((e) => `${e.field || 'frame'}: ${e.reason}`));
      else valid.push(v.frame);
    }
    valid.sort((a, b) => a.seq - b.seq);
    for (const frame of valid) {
      if (frame.seq <= this.lastSeq) {
        reject(['seq: not increasing']);
        continue;
      }
      this.lastSeq = frame.seq;
      const x = this.builder.push(frame, this.scratch);
      this.context.observe(frame);
      each(frame, x);
    }
    return { count, reasons };
  }
}
