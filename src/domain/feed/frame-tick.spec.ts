import { groupFramesIntoTicks, splitArrivalIntoTicks } from './frame-tick';
import { sampleFeedFrames } from './sample-feed';

describe('frame ticks', () => {
  it('groups frames by ts in time order with consecutive indices', () => {
    const frames = sampleFeedFrames(3);
    const shuffled = [...frames.slice(8), ...frames.slice(0, 8)];
    const ticks = groupFramesIntoTicks(shuffled);
    expect(ticks.map((t) => t.index)).toEqual([0, 1, 2]);
    expect(ticks.map((t) => t.frames.map((f) => f.seq))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ]);
    expect(ticks[1].feedTimeMs - ticks[0].feedTimeMs).toBe(30_000);
  });

  it('splits an arrival where ts changes, numbering from the given index', () => {
    const frames = sampleFeedFrames(2, { levels: 2 });
    const ticks = splitArrivalIntoTicks(frames.slice(1), 7);
    expect(ticks.map((t) => [t.index, t.frames.length])).toEqual([
      [7, 1],
      [8, 2],
    ]);
  });
});
