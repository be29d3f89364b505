import { parseFrameRecording } from './frame-recording';
import { sampleFeedFrames, toNdjson } from './sample-feed';

describe('parseFrameRecording', () => {
  const frames = sampleFeedFrames(2, { levels: 2 });
  const lines = toNdjson(frames).trimEnd().split('\n');

  it('keeps the good frames around a malformed line and counts it with its reason', () => {
    const text = [
      lines[0],
      '{"schema": "level-frame/1", "seq":',
      lines[1],
      '',
      lines[2],
      lines[3],
    ].join('\n');
    const parsed = parseFrameRecording(text);
    expect(parsed.frames.map((f) => f.seq)).toEqual([0, 1, 2, 3]);
    expect(parsed.rejected).toEqual({ count: 1, byReason: { 'malformed JSON': 1 } });
    expect(parsed.rejectedLines.map((r) => r.line)).toEqual([2]);
  });

  it('counts an invalid frame under its first bad field and a non-object as such', () => {
    const bad = JSON.stringify({ ...frames[1], atr: -1, spot: 'x' });
    const parsed = parseFrameRecording([lines[0], bad, '[1,2]', '"text"', lines[2]].join('\n'));
    expect(parsed.frames.map((f) => f.seq)).toEqual([0, 2]);
    expect(parsed.rejected.count).toBe(3);
    expect(parsed.rejected.byReason).toEqual({ 'invalid spot': 1, 'not a JSON object': 2 });
    expect(parsed.rejectedLines[0].detail).toContain('spot');
  });

  it('accepts CRLF line ends and a missing final newline', () => {
    expect(parseFrameRecording(lines.join('\r\n')).frames.length).toBe(4);
  });
});
