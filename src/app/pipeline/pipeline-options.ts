import { clampReplaySpeed } from '../../domain/feed/replay-clock';

/** Replay speeds offered by the dashboard's speed selector. */
export const REPLAY_SPEED_CHOICES: readonly number[] = [1, 10, 60, 600];

/** The replay speed when neither the URL nor saved settings name one. */
export const DEFAULT_REPLAY_SPEED = 60;

export type PipelineSourceKind = 'replay' | 'live';

/** How the dashboard starts the pipeline (from its query parameters). */
export interface PipelineStartOptions {
  readonly source: PipelineSourceKind;
  /** Replay speed; null → saved settings, else DEFAULT_REPLAY_SPEED. */
  readonly speed: number | null;
  /** Tick to seek to after loading the recording; null → start before the first tick. */
  readonly seek: number | null;
  /** Start playing (replay) once loaded. */
  readonly autoplay: boolean;
  /** Live feed URL overriding the settings' feed URL; null → settings. */
  readonly feedUrl: string | null;
}

export const DEFAULT_START_OPTIONS: PipelineStartOptions = {
  source: 'replay',
  speed: null,
  seek: null,
  autoplay: true,
  feedUrl: null,
};

type QueryValue = string | null | undefined;

function finiteNumber(value: QueryValue): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * Reads `?source=replay|live&speed=N&seek=TICK&autoplay=0|1&feed=ws://…`. Unknown or malformed
 * values fall back to the defaults (the dashboard must open whatever the URL says).
 */
export function parsePipelineQuery(get: (name: string) => QueryValue): PipelineStartOptions {
  const speed = finiteNumber(get('speed'));
  const seek = finiteNumber(get('seek'));
  const autoplay = get('autoplay');
  const feed = get('feed');
  return {
    source: get('source') === 'live' ? 'live' : 'replay',
    speed: speed === null ? null : clampReplaySpeed(speed),
    seek: seek === null ? null : Math.max(-1, Math.trunc(seek)),
    autoplay:
      autoplay === null || autoplay === undefined ? true : !['0', 'false', 'no'].includes(autoplay),
    feedUrl: feed === null || feed === undefined || feed === '' ? null : feed,
  };
}
