import { parseFeedClientMessage, parseFeedServerMessage } from './feed-protocol';

describe('feed protocol', () => {
  it('reads frames messages, bare arrays and bare frames as frames', () => {
    const frame = { schema: 'level-frame/1', seq: 1 };
    expect(parseFeedServerMessage({ type: 'frames', frames: [frame] })).toEqual({
      ok: true,
      message: { type: 'frames', frames: [frame] },
    });
    expect(parseFeedServerMessage([frame])).toEqual({
      ok: true,
      message: { type: 'frames', frames: [frame] },
    });
    expect(parseFeedServerMessage(frame)).toEqual({
      ok: true,
      message: { type: 'frames', frames: [frame] },
    });
  });

  it('refuses unknown types and malformed fields', () => {
    expect(parseFeedServerMessage({ type: 'frames', frames: 3 }).ok).toBeFalse();
    expect(parseFeedServerMessage({ type: 'hello', lastSeq: 1.5 }).ok).toBeFalse();
    expect(parseFeedServerMessage({ type: 'ping' }).ok).toBeFalse();
    expect(parseFeedServerMessage('frames').ok).toBeFalse();
  });

  it('reads a resume with or without a token', () => {
    expect(parseFeedClientMessage({ type: 'resume', afterSeq: 9, token: 't' })).toEqual({
      ok: true,
      message: { type: 'resume', afterSeq: 9, token: 't' },
    });
    expect(parseFeedClientMessage({ type: 'resume' })).toEqual({
      ok: true,
      message: { type: 'resume', afterSeq: null },
    });
    expect(parseFeedClientMessage({ type: 'resume', afterSeq: '9' }).ok).toBeFalse();
    expect(parseFeedClientMessage({ type: 'resume', afterSeq: 1, token: 5 }).ok).toBeFalse();
  });
});
