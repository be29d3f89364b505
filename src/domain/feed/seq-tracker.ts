/** What a tracker decided about one incoming sequence number. */
export type SeqVerdict = 'new' | 'duplicate';

export interface SeqState {
  /** Highest seq accepted, null before the first frame. */
  readonly lastSeq: number | null;
  /** Frames dropped because their seq was ≤ lastSeq. */
  readonly duplicates: number;
  /** Sequence numbers skipped over (a jump from 10 to 14 adds 3). */
  readonly missing: number;
  /** Number of jumps (each forward jump by more than one counts once). */
  readonly gaps: number;
}

export const INITIAL_SEQ_STATE: SeqState = { lastSeq: null, duplicates: 0, missing: 0, gaps: 0 };

/**
 * Applies one seq: a seq above `lastSeq` is new (a jump of more than one is recorded as a gap);
 * anything at or below it is a duplicate to drop. Pure: returns the verdict and the next state.
 */
export function trackSeq(state: SeqState, seq: number): { verdict: SeqVerdict; state: SeqState } {
  if (state.lastSeq !== null && seq <= state.lastSeq) {
    return { verdict: 'duplicate', state: { ...state, duplicates: state.duplicates + 1 } };
  }
  const skipped = state.lastSeq === null ? 0 : seq - state.lastSeq - 1;
  return {
    verdict: 'new',
    state: {
      lastSeq: seq,
      duplicates: state.duplicates,
      missing: state.missing + skipped,
      gaps: state.gaps + (skipped > 0 ? 1 : 0),
    },
  };
}
