import { EpisodeTracker, detectEpisodes } from './episode-tracker';

describe('detectEpisodes', () => {
  it('starts an episode after at least two frames out of the zone', () => {
    const z = [
      false,
      false,
      true,
      true,
      false,
      true,
      false,
      false,
      true,
      false,
      false,
      false,
      true,
    ];
    const steps = detectEpisodes(z);
    expect(steps.map((s) => s.episode)).toEqual([
      null,
      null,
      0,
      0,
      null,
      0,
      null,
      null,
      1,
      null,
      null,
      null,
      2,
    ]);
    expect(steps.map((s) => s.start)).toEqual([
      false,
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('lets the first in-zone frame of a session start an episode', () => {
    const steps = detectEpisodes([true, true, false, true]);
    expect(steps[0]).toEqual({ episode: 0, start: true });
    expect(steps[3]).toEqual({ episode: 0, start: false });
  });

  it('counts episodes while streaming', () => {
    const t = new EpisodeTracker();
    for (const z of [true, false, false, true, false, false, true]) t.push(z);
    expect(t.count).toBe(3);
  });
});
