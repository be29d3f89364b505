/**
 * Types and helpers shared by the analysis input loaders (input.ts, input-simulator.ts,
 * input-analyst.ts): the row type, bad-row counting, date filtering and input hashing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Direction, LevelKind } from '../../src/domain/frame/level-frame';
import type { Outcome } from '../../src/domain/labels/label-frame';
import type { TimeBucket } from '../../src/domain/time/time-bucket';
import { defaultManifestContent } from '../../src/domain/vector/feature-manifest';

/** One labelled row of an analysis. */
export interface AnalysisRow {
  readonly date: string;
  readonly ts: string;
  /** Epoch ms of ts (NaN when ts is not a parseable time; then ts orders the rows). */
  readonly tMs: number;
  readonly levelKind: LevelKind;
  readonly direction: Direction;
  readonly bucket: TimeBucket;
  readonly outcome: Outcome;
  /** True for the first frame of an episode (always true for an analyst's episode rows). */
  readonly episodeStart: boolean;
  /** 144 values in manifest order; NaN = not given. */
  readonly vector: Float32Array;
}

export type InputKind = 'simulator' | 'episodes' | 'csv' | 'ndjson';

export interface BadRows {
  readonly count: number;
  /** Reason → number of rows. */
  readonly reasons: Readonly<Record<string, number>>;
  /** First few bad rows (line number, reason). */
  readonly examples: readonly { readonly line: number; readonly reason: string }[];
}

export interface LoadedInput {
  readonly kind: InputKind;
  readonly rows: AnalysisRow[];
  readonly rowsRead: number;
  readonly bad: BadRows;
  /** SHA-256 of the input bytes (all files read, in a fixed order). */
  readonly inputHash: string;
  /** Horizon the outcomes refer to (minutes), when the input says. */
  readonly horizonMin: number | null;
  /** Features the input provided (all 144 except for an analyst file that gives fewer). */
  readonly featuresPresent: number;
}

export interface LoadOptions {
  readonly horizonMin: number;
  readonly start?: string;
  readonly end?: string;
  readonly onProgress?: (done: number, total: number, label: string) => void;
}

export const FEATURE_NAMES: readonly string[] = defaultManifestContent().features.map(
  (f) => f.name,
);
export const FEATURE_INDEX = new Map(FEATURE_NAMES.map((n, i) => [n, i]));

/** Counts bad rows by reason, keeping the first ten as examples. */
export class BadRowCounter {
  count = 0;
  readonly reasons: Record<string, number> = {};
  readonly examples: { line: number; reason: string }[] = [];
  add(line: number, reason: string): void {
    this.count++;
    this.reasons[reason] = (this.reasons[reason] ?? 0) + 1;
    if (this.examples.length < 10) this.examples.push({ line, reason });
  }
  result(): BadRows {
    const reasons: Record<string, number> = {};
    for (const k of Object.keys(this.reasons).sort()) reasons[k] = this.reasons[k];
    return { count: this.count, reasons, examples: this.examples };
  }
}

export function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a session date passes --start/--end. */
export function inRange(date: string, o: LoadOptions): boolean {
  return (o.start === undefined || date >= o.start) && (o.end === undefined || date <= o.end);
}

/** SHA-256 over the files' names and bytes, in the order given. */
export function hashFiles(paths: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of paths) {
    h.update(`${p.split('/').pop() ?? p}\0`);
    h.update(readFileSync(p));
  }
  return h.digest('hex');
}
