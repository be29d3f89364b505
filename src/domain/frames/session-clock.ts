/**
 * Session times derived from the day's 09:30 ET open (epoch ms). Every offset is a fixed number of
 * minutes from the open on the same calendar day, so no timezone library is needed.
 */
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
/** Length of a price bar slot. */
export const SLOT_MS = 10_000;
/** Spacing of the frames. */
export const FRAME_STEP_MS = 30_000;
/** Frames per level and session: 09:30:00 … 12:30:00 inclusive. */
export const FRAMES_PER_LEVEL = 361;
/** 04:00 ET (premarket start) is 5.5 h before the open. */
export const PREMARKET_START_OFFSET_MS = 330 * MINUTE_MS;
/** The opening range is 09:30–09:45. */
export const OPENING_RANGE_MS = 15 * MINUTE_MS;
/** 16:00 ET (same-day option expiry) is 6.5 h after the open. */
export const EXPIRY_OFFSET_MS = 390 * MINUTE_MS;

export interface SessionClock {
  /** 09:30 ET. */
  readonly openMs: number;
  /** 04:00 ET: start of the premarket and of the 10-s slot grid. */
  readonly premarketStartMs: number;
  /** 09:45 ET: end of the opening range; OR levels are active from this instant. */
  readonly openingRangeEndMs: number;
  /** 16:00 ET: expiry of the same-day options. */
  readonly expiryMs: number;
}

export function sessionClock(openMs: number): SessionClock {
  return {
    openMs,
    premarketStartMs: openMs - PREMARKET_START_OFFSET_MS,
    openingRangeEndMs: openMs + OPENING_RANGE_MS,
    expiryMs: openMs + EXPIRY_OFFSET_MS,
  };
}

/** Epoch ms of frame k (0 … 360). */
export function frameTimeMs(openMs: number, k: number): number {
  return openMs + k * FRAME_STEP_MS;
}
