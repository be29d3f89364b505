import { LevelFrame } from '../frame/level-frame';
import { validateLevelFrame } from '../frame/validate-level-frame';
import { NO_REJECTIONS, RejectionCounts, addRejection, rejectionReason } from './rejection-counts';
import { INITIAL_SEQ_STATE, SeqState, trackSeq } from './seq-tracker';

/** What a live receiver has seen: sequence tracking and rejected frames. */
export interface IntakeState {
  readonly seq: SeqState;
  readonly rejected: RejectionCounts;
}

export const INITIAL_INTAKE: IntakeState = { seq: INITIAL_SEQ_STATE, rejected: NO_REJECTIONS };

/**
 * Takes untrusted frames in arrival order: each is validated (invalid ones are counted with their
 * reason and skipped), then deduplicated by seq (seq ≤ the last accepted is dropped and counted as
 * a duplicate, a forward jump is counted as a gap). Returns the accepted frames and the new state.
 */
export function intakeFrames(
  state: IntakeState,
  raw: readonly unknown[],
): { readonly state: IntakeState; readonly frames: readonly LevelFrame[] } {
  let seq = state.seq;
  let rejected = state.rejected;
  const frames: LevelFrame[] = [];
  for (const value of raw) {
    const result = validateLevelFrame(value);
    if (!result.ok) {
      rejected = addRejection(rejected, rejectionReason(result.errors));
      continue;
    }
    const tracked = trackSeq(seq, result.frame.seq);
    seq = tracked.state;
    if (tracked.verdict === 'new') frames.push(result.frame);
  }
  return { state: { seq, rejected }, frames };
}
