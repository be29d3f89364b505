import { INITIAL_SEQ_STATE, SeqState, trackSeq } from './seq-tracker';

function run(seqs: readonly number[]): { kept: number[]; state: SeqState } {
  let state = INITIAL_SEQ_STATE;
  const kept: number[] = [];
  for (const seq of seqs) {
    const r = trackSeq(state, seq);
    state = r.state;
    if (r.verdict === 'new') kept.push(seq);
  }
  return { kept, state };
}

describe('trackSeq', () => {
  it('drops every seq at or below the last accepted one', () => {
    const { kept, state } = run([5, 6, 6, 4, 7, 7, 8]);
    expect(kept).toEqual([5, 6, 7, 8]);
    expect(state.duplicates).toBe(3);
    expect(state.lastSeq).toBe(8);
  });

  it('counts forward jumps as gaps with the number of missing seqs', () => {
    const { state } = run([0, 1, 4, 5, 10]);
    expect(state.gaps).toBe(2);
    expect(state.missing).toBe(6);
  });

  it('accepts any first seq without a gap', () => {
    expect(run([1000]).state).toEqual({ lastSeq: 1000, duplicates: 0, missing: 0, gaps: 0 });
  });
});
