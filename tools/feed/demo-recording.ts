import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { buildLevelFrames } from '../../src/domain/frames/build-level-frames';
import { simulateMarketDay } from '../../src/domain/sim/session-generator';
import { GENERATOR_VERSION } from '../../src/domain/sim/sim-params';

/** The demo session: a fixed date and seed (change both together with docs/frame-sources.md). */
export const DEMO_DATE = '2025-11-03';
export const DEMO_SEED = 7;
export const DEMO_FILE = 'demo-session.ndjson.gz';

/** public/demo/index.json, schema `pentaview-demo-index/1`. */
export interface DemoIndex {
  readonly schema: 'pentaview-demo-index/1';
  readonly file: string;
  readonly date: string;
  readonly seed: number;
  readonly generator: { readonly name: string; readonly version: string };
  readonly encoding: 'gzip';
  readonly frames: number;
  readonly ticks: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly bytes: number;
  /** SHA-256 of the file as stored (compressed). */
  readonly sha256: string;
  /** SHA-256 of the decompressed NDJSON text. */
  readonly textSha256: string;
}

export interface DemoRecording {
  readonly text: string;
  readonly gzip: Buffer;
  readonly index: DemoIndex;
}

/**
 * Simulates the demo session and encodes its frames as NDJSON (the simulator's format) compressed
 * with gzip level 6 and no timestamp, so the same inputs give the same bytes.
 */
export function buildDemoRecording(date = DEMO_DATE, seed = DEMO_SEED): DemoRecording {
  const session = simulateMarketDay(date, seed);
  const frames = buildLevelFrames(session.day, { seqStart: 0 });
  const text = frames.map((f) => JSON.stringify(f)).join('\n') + '\n';
  const raw = Buffer.from(text, 'utf8');
  const gzip = gzipSync(raw, { level: 6 });
  const ticks = new Set(frames.map((f) => f.ts)).size;
  const index: DemoIndex = {
    schema: 'pentaview-demo-index/1',
    file: DEMO_FILE,
    date,
    seed,
    generator: { name: 'pentaview-session-simulator', version: GENERATOR_VERSION },
    encoding: 'gzip',
    frames: frames.length,
    ticks,
    firstSeq: frames[0]?.seq ?? 0,
    lastSeq: frames[frames.length - 1]?.seq ?? 0,
    bytes: gzip.length,
    sha256: createHash('sha256').update(gzip).digest('hex'),
    textSha256: createHash('sha256').update(raw).digest('hex'),
  };
  return { text, gzip, index };
}
