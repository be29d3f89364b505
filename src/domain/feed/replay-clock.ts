import { FrameTick } from './frame-tick';

export const MIN_REPLAY_SPEED = 1;
export const MAX_REPLAY_SPEED = 600;

/** Clamps a requested replay speed to 1×…600× (NaN → 1×). */
export function clampReplaySpeed(speed: number): number {
  if (!Number.isFinite(speed)) return speed === Infinity ? MAX_REPLAY_SPEED : MIN_REPLAY_SPEED;
  return Math.min(MAX_REPLAY_SPEED, Math.max(MIN_REPLAY_SPEED, speed));
}

/**
 * Maps wall-clock time to feed time. While playing, feed time runs `speed` times faster than the
 * wall clock from an anchor; while paused it stands still. Every change re-anchors at the current
 * instant, so pausing, resuming and changing speed never jump the feed time.
 */
export interface ReplayClock {
  readonly playing: boolean;
  readonly speed: number;
  readonly anchorWallMs: number;
  readonly anchorFeedMs: number;
}

export function pausedClockAt(feedMs: number, speed: number, wallMs: number): ReplayClock {
  return {
    playing: false,
    speed: clampReplaySpeed(speed),
    anchorWallMs: wallMs,
    anchorFeedMs: feedMs,
  };
}

export function feedTimeAt(clock: ReplayClock, wallMs: number): number {
  if (!clock.playing) return clock.anchorFeedMs;
  return clock.anchorFeedMs + (wallMs - clock.anchorWallMs) * clock.speed;
}

/** Wall time at which the clock reaches `feedMs`; null when paused (it never will). */
export function wallTimeOfFeed(clock: ReplayClock, feedMs: number): number | null {
  if (!clock.playing) return null;
  return clock.anchorWallMs + Math.max(0, feedMs - clock.anchorFeedMs) / clock.speed;
}

export function playClock(clock: ReplayClock, wallMs: number): ReplayClock {
  return { ...clock, playing: true, anchorWallMs: wallMs, anchorFeedMs: feedTimeAt(clock, wallMs) };
}

export function pauseClock(clock: ReplayClock, wallMs: number): ReplayClock {
  return {
    ...clock,
    playing: false,
    anchorWallMs: wallMs,
    anchorFeedMs: feedTimeAt(clock, wallMs),
  };
}

export function setClockSpeed(clock: ReplayClock, speed: number, wallMs: number): ReplayClock {
  return {
    ...clock,
    speed: clampReplaySpeed(speed),
    anchorWallMs: wallMs,
    anchorFeedMs: feedTimeAt(clock, wallMs),
  };
}

/** Moves the clock to `feedMs` keeping its play state and speed. */
export function setClockFeedTime(clock: ReplayClock, feedMs: number, wallMs: number): ReplayClock {
  return { ...clock, anchorWallMs: wallMs, anchorFeedMs: feedMs };
}

/** Index of the last tick at or before `feedMs`, −1 when `feedMs` precedes every tick. */
export function lastTickAtOrBefore(ticks: readonly FrameTick[], feedMs: number): number {
  let lo = 0;
  let hi = ticks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ticks[mid].feedTimeMs <= feedMs) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Wall duration of playing every tick from the first to the last at `speed`, in ms. */
export function replayWallDurationMs(ticks: readonly FrameTick[], speed: number): number {
  if (ticks.length < 2) return 0;
  return (ticks[ticks.length - 1].feedTimeMs - ticks[0].feedTimeMs) / clampReplaySpeed(speed);
}
