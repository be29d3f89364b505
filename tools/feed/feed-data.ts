import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LevelFrame } from '../../src/domain/frame/level-frame';
import { RejectedLine, parseFrameRecording } from '../../src/domain/feed/frame-recording';
import { FrameTick, groupFramesIntoTicks } from '../../src/domain/feed/frame-tick';
import {
  RejectionCounts,
  NO_REJECTIONS,
  addRejection,
} from '../../src/domain/feed/rejection-counts';

/** Reason for a frame whose seq does not increase over the previous frame of the feed. */
export const NON_INCREASING_SEQ = 'non-increasing seq';

export interface FeedData {
  /** Ticks in feed order, indexed 0…n−1 across every file. */
  readonly ticks: readonly FrameTick[];
  readonly files: readonly string[];
  readonly frames: number;
  readonly rejected: RejectionCounts;
  readonly rejectedLines: readonly (RejectedLine & { readonly file: string })[];
}

/**
 * Reads a frames NDJSON[.gz] file, or a simulator output directory (its
 * `sessions/*.frames.ndjson[.gz]` in file-name order, which is date order). Malformed lines and
 * frames whose seq does not increase are skipped and counted.
 */
export function loadFeedData(path: string): FeedData {
  const files = statSync(path).isDirectory() ? framesFilesIn(path) : [path];
  if (files.length === 0) throw new Error(`no *.frames.ndjson[.gz] files under ${path}`);
  const ticks: FrameTick[] = [];
  const rejectedLines: (RejectedLine & { file: string })[] = [];
  let rejected = NO_REJECTIONS;
  let frames = 0;
  let lastSeq = -Infinity;
  for (const file of files) {
    const parsed = parseFrameRecording(readText(file));
    for (const r of parsed.rejectedLines) rejectedLines.push({ ...r, file });
    for (const [reason, n] of Object.entries(parsed.rejected.byReason))
      for (let i = 0; i < n; i++) rejected = addRejection(rejected, reason);
    const kept: LevelFrame[] = [];
    for (const frame of parsed.frames) {
      if (frame.seq <= lastSeq) {
        rejected = addRejection(rejected, NON_INCREASING_SEQ);
        continue;
      }
      lastSeq = frame.seq;
      kept.push(frame);
    }
    frames += kept.length;
    for (const tick of groupFramesIntoTicks(kept)) ticks.push({ ...tick, index: ticks.length });
  }
  return { ticks, files, frames, rejected, rejectedLines };
}

function framesFilesIn(dir: string): string[] {
  const sessions = join(dir, 'sessions');
  const base = safeIsDir(sessions) ? sessions : dir;
  return readdirSync(base)
    .filter((name) => /\.frames\.ndjson(\.gz)?$/.test(name))
    .sort()
    .map((name) => join(base, name));
}

function safeIsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    // statSync throws ENOENT when the path does not exist.
    return false;
  }
}

function readText(file: string): string {
  const bytes = readFileSync(file);
  const gz = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return (gz ? gunzipSync(bytes) : bytes).toString('utf8');
}
