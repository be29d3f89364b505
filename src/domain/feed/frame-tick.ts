import { LevelFrame } from '../frame/level-frame';

/** The frames of one 30-s feed time (one frame per level), the unit sources emit. */
export interface FrameTick {
  /** Position of the tick in its recording (replay) or arrival order (live). */
  readonly index: number;
  /** The frames' common `ts` (ISO-8601 UTC). */
  readonly ts: string;
  /** `ts` in epoch milliseconds. */
  readonly feedTimeMs: number;
  readonly frames: readonly LevelFrame[];
}

/**
 * What a frame source emits. `reset` tells consumers to forget every level and rolling buffer (a
 * seek, a new recording, a feed that went back in time); `ticks` carries one tick in normal
 * playback, or every tick up to a seek target at once (`catchUp`), oldest first.
 */
export type FeedEvent =
  | { readonly type: 'reset' }
  | { readonly type: 'ticks'; readonly ticks: readonly FrameTick[]; readonly catchUp: boolean };

/**
 * Groups frames into ticks by `ts`, ordered by feed time; within a tick frames keep their input
 * order. Indices are 0-based in time order.
 */
export function groupFramesIntoTicks(frames: readonly LevelFrame[]): FrameTick[] {
  const byTs = new Map<string, LevelFrame[]>();
  for (const frame of frames) {
    const group = byTs.get(frame.ts);
    if (group === undefined) byTs.set(frame.ts, [frame]);
    else group.push(frame);
  }
  return [...byTs.entries()]
    .map(([ts, group]) => ({ ts, feedTimeMs: Date.parse(ts), frames: group }))
    .sort((a, b) => a.feedTimeMs - b.feedTimeMs)
    .map((t, index) => ({ index, ...t }));
}

/**
 * Splits frames that arrived together (one live message) into ticks in arrival order: a new tick
 * starts whenever `ts` changes. `firstIndex` numbers the first tick.
 */
export function splitArrivalIntoTicks(
  frames: readonly LevelFrame[],
  firstIndex: number,
): FrameTick[] {
  const ticks: FrameTick[] = [];
  let current: LevelFrame[] = [];
  const flush = (): void => {
    if (current.length === 0) return;
    const ts = current[0].ts;
    ticks.push({
      index: firstIndex + ticks.length,
      ts,
      feedTimeMs: Date.parse(ts),
      frames: current,
    });
    current = [];
  };
  for (const frame of frames) {
    if (current.length > 0 && current[0].ts !== frame.ts) flush();
    current.push(frame);
  }
  flush();
  return ticks;
}
