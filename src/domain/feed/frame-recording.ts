import { LevelFrame } from '../frame/level-frame';
import { validateLevelFrame } from '../frame/validate-level-frame';
import {
  REJECT_REASON,
  RejectionCounts,
  addRejection,
  rejectionReason,
  NO_REJECTIONS,
} from './rejection-counts';

/** A line of a recording that was not a valid frame. */
export interface RejectedLine {
  /** 1-based line number. */
  readonly line: number;
  readonly reason: string;
  /** The first field error's message, for logs. */
  readonly detail: string;
}

export interface ParsedRecording {
  /** Valid frames in file order. */
  readonly frames: readonly LevelFrame[];
  readonly rejectedLines: readonly RejectedLine[];
  readonly rejected: RejectionCounts;
}

/**
 * Parses frames NDJSON text (one `level-frame/1` object per line, docs/data-formats.md). Blank
 * lines are ignored; a line that is not JSON or not a valid frame is counted with its reason and
 * skipped, and the frames around it are kept.
 */
export function parseFrameRecording(text: string): ParsedRecording {
  const frames: LevelFrame[] = [];
  const rejectedLines: RejectedLine[] = [];
  let rejected = NO_REJECTIONS;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error: unknown) {
      // JSON.parse throws a SyntaxError for a line that is not JSON (a truncated write, garbage).
      const detail = error instanceof Error ? error.message : String(error);
      rejectedLines.push({ line: i + 1, reason: REJECT_REASON.malformedJson, detail });
      rejected = addRejection(rejected, REJECT_REASON.malformedJson);
      continue;
    }
    const result = validateLevelFrame(value);
    if (result.ok) {
      frames.push(result.frame);
    } else {
      const reason = rejectionReason(result.errors);
      const first = result.errors[0];
      rejectedLines.push({
        line: i + 1,
        reason,
        detail: first ? `${first.field}: ${first.reason}` : reason,
      });
      rejected = addRejection(rejected, reason);
    }
  }
  return { frames, rejectedLines, rejected };
}
