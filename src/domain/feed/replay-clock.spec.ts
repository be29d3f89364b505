import { groupFramesIntoTicks } from './frame-tick';
import {
  clampReplaySpeed,
  feedTimeAt,
  lastTickAtOrBefore,
  pauseClock,
  pausedClockAt,
  playClock,
  replayWallDurationMs,
  setClockSpeed,
  wallTimeOfFeed,
} from './replay-clock';
import { sampleFeedFrames } from './sample-feed';

describe('replay clock', () => {
  const session = groupFramesIntoTicks(sampleFeedFrames(361, { levels: 1 }));

  it('plays the 3-hour session in 3 h at 1× and 18 s at 600×', () => {
    expect(replayWallDurationMs(session, 1)).toBe(3 * 3600_000);
    expect(replayWallDurationMs(session, 600)).toBe(18_000);
  });

  it('advances feed time at speed while playing and stands still while paused', () => {
    let clock = playClock(pausedClockAt(1_000_000, 60, 0), 0);
    expect(feedTimeAt(clock, 500)).toBe(1_030_000);
    clock = pauseClock(clock, 500);
    expect(feedTimeAt(clock, 10_000)).toBe(1_030_000);
    expect(wallTimeOfFeed(clock, 1_060_000)).toBeNull();
    clock = setClockSpeed(playClock(clock, 10_000), 600, 10_000);
    expect(wallTimeOfFeed(clock, 1_060_000)).toBe(10_050);
  });

  it('clamps speeds to 1…600', () => {
    expect([0, 0.5, 1, 37, 600, 601, Number.NaN, Infinity].map(clampReplaySpeed)).toEqual([
      1, 1, 1, 37, 600, 600, 1, 600,
    ]);
  });

  it('finds the last tick at or before a feed time', () => {
    const t0 = session[0].feedTimeMs;
    expect(lastTickAtOrBefore(session, t0 - 1)).toBe(-1);
    expect(lastTickAtOrBefore(session, t0)).toBe(0);
    expect(lastTickAtOrBefore(session, t0 + 45_000)).toBe(1);
    expect(lastTickAtOrBefore(session, t0 + 10 * 3600_000)).toBe(360);
  });
});
