import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildLevelFrames } from '../../src/domain/frames/build-level-frames';
import { simulateMarketDay } from '../../src/domain/sim/session-generator';
import { easternToUtcMs, parseIsoDate } from '../../src/domain/sim/eastern-time';

/** Frames per session: 361 times × the four core levels. */
export const FRAMES_PER_SESSION = 361 * 4;

export interface SessionJob {
  readonly date: string;
  readonly dayIndex: number;
  readonly seed: number;
  readonly outDir: string;
  readonly gzip: boolean;
}

export interface WrittenFile {
  readonly path: string;
  readonly kind: 'frames' | 'bars' | 'truth';
  readonly date: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly records: number;
}

/** Simulates one session and writes its frames, bars (09:00–12:45 ET) and truth files. */
export function writeSession(job: SessionJob): WrittenFile[] {
  const session = simulateMarketDay(job.date, job.seed);
  const frames = buildLevelFrames(session.day, {
    seqStart: job.dayIndex * FRAMES_PER_SESSION,
    movingAverageContext: true,
  });
  const barsFrom = easternToUtcMs(parseIsoDate(job.date), 9, 0, 0);
  const bars = session.day.bars.filter((b) => b.t >= barsFrom);
  const suffix = job.gzip ? '.gz' : '';
  return [
    writeNdjson(job, `sessions/${job.date}.frames.ndjson${suffix}`, 'frames', frames),
    writeNdjson(job, `sessions/${job.date}.bars.ndjson${suffix}`, 'bars', bars),
    writeNdjson(job, `truth/${job.date}.truth.ndjson${suffix}`, 'truth', session.truth),
  ];
}

function writeNdjson(
  job: SessionJob,
  relPath: string,
  kind: WrittenFile['kind'],
  records: readonly unknown[],
): WrittenFile {
  const text = records.map((r) => JSON.stringify(r)).join('\n') + (records.length > 0 ? '\n' : '');
  const raw = Buffer.from(text, 'utf8');
  const body = job.gzip ? gzipSync(raw, { level: 6 }) : raw;
  const full = join(job.outDir, relPath);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, body);
  return {
    path: relPath,
    kind,
    date: job.date,
    sha256: createHash('sha256').update(body).digest('hex'),
    bytes: body.length,
    records: records.length,
  };
}
