/**
 * Episodes (domain §4): an episode of a level starts at the first in-zone frame after at least
 * two consecutive frames out of the zone; its label is the label of that first frame. The start of
 * a session counts as "long enough out of the zone", so the first in-zone frame of a session
 * starts an episode. An in-zone frame after a single out-of-zone frame continues the episode.
 * Inactive-level frames count as out of the zone.
 */
export const EPISODE_GAP_FRAMES = 2;

export interface EpisodeStep {
  /** 0-based episode number within the level's session; null for an out-of-zone frame. */
  readonly episode: number | null;
  /** True for the first frame of an episode. */
  readonly start: boolean;
}

/** Streaming episode detector for one level within one session. */
export class EpisodeTracker {
  private outRun = EPISODE_GAP_FRAMES;
  private episodes = 0;

  /** Feeds the next frame's in-zone flag. */
  push(inZone: boolean): EpisodeStep {
    if (!inZone) {
      this.outRun++;
      return { episode: null, start: false };
    }
    const start = this.outRun >= EPISODE_GAP_FRAMES;
    this.outRun = 0;
    if (start) this.episodes++;
    return { episode: this.episodes - 1, start };
  }

  /** Episodes started so far. */
  get count(): number {
    return this.episodes;
  }
}

/** Episode steps for one level's frames of one session, in time order. */
export function detectEpisodes(inZoneFlags: readonly boolean[]): EpisodeStep[] {
  const tracker = new EpisodeTracker();
  return inZoneFlags.map((z) => tracker.push(z));
}
