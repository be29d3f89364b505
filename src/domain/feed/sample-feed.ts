import { LevelFrame } from '../frame/level-frame';
import { sampleLevelFrame } from '../frame/sample-level-frame';

const LEVELS = ['PM_HIGH', 'PM_LOW', 'OR_HIGH', 'OR_LOW'] as const;

export interface SampleFeedOptions {
  /** Session date; the first tick is 09:30 ET of it (14:30 UTC, fixed offset for samples). */
  readonly date?: string;
  readonly seqStart?: number;
  /** Levels per tick, 1…4. */
  readonly levels?: number;
}

/**
 * Valid `level-frame/1` frames for tests: `ticks` ticks 30 s apart from 09:30, one frame per level,
 * seq consecutive from `seqStart`. At most 361 ticks (one session).
 */
export function sampleFeedFrames(ticks: number, options: SampleFeedOptions = {}): LevelFrame[] {
  const date = options.date ?? '2025-11-03';
  const levels = LEVELS.slice(0, options.levels ?? 4);
  const start = Date.parse(`${date}T14:30:00.000Z`);
  const frames: LevelFrame[] = [];
  let seq = options.seqStart ?? 0;
  for (let t = 0; t < ticks; t++) {
    const ts = new Date(start + t * 30_000).toISOString();
    for (const kind of levels) {
      frames.push(
        sampleLevelFrame({
          seq: seq++,
          ts,
          session_date: date,
          minutes_since_open: t / 2,
          level_kind: kind,
        }),
      );
    }
  }
  return frames;
}

/** Frames as NDJSON text, one per line. */
export function toNdjson(frames: readonly unknown[]): string {
  return frames.map((f) => JSON.stringify(f)).join('\n') + '\n';
}
