/**
 * Input of the offline analyses (docs/episodes-input.md). Three sources, one row type:
 *
 * - a simulator output folder (DIR/manifest.json, DIR/sessions/…): episodes are built in memory
 *   with the same code as `npm run episodes` (labels at the requested horizon);
 * - an episodes file written by `npm run episodes` (FILE.ndjson + FILE.f32);
 * - an analyst's own episodes file, CSV or NDJSON, one row per episode with the columns
 *   date, ts, level_kind, direction, time_bucket, outcome and any of the 144 features by their
 *   manifest name (missing features are NaN).
 *
 * Every row is `unknown` until validated; a bad row is counted with its reason and skipped, never
 * fatal. Rows come back sorted by (date, time, level kind) so resampling methods see one order.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LEVEL_KINDS } from '../../src/domain/frame/level-frame';
import { loadAnalystFile } from './input-analyst';
import {
  isRecord,
  type AnalysisRow,
  type InputKind,
  type LoadOptions,
  type LoadedInput,
} from './input-common';
import { loadEpisodesFile, loadSimulator } from './input-simulator';

export {
  FEATURE_NAMES,
  type AnalysisRow,
  type BadRows,
  type InputKind,
  type LoadOptions,
  type LoadedInput,
} from './input-common';
export { parseAnalystRow, splitCsvLine } from './input-analyst';
export { sessionAnalysisRows } from './input-simulator';

export function compareRows(a: AnalysisRow, b: AnalysisRow): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const ta = Number.isFinite(a.tMs) ? a.tMs : 0;
  const tb = Number.isFinite(b.tMs) ? b.tMs : 0;
  if (ta !== tb) return ta - tb;
  if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
  const ka = LEVEL_KINDS.indexOf(a.levelKind);
  const kb = LEVEL_KINDS.indexOf(b.levelKind);
  if (ka !== kb) return ka - kb;
  return a.direction < b.direction ? -1 : a.direction > b.direction ? 1 : 0;
}

/** Detects the kind of input at `path`. */
export function inputKind(path: string): InputKind {
  if (!existsSync(path)) throw new Error(`input not found: ${path}`);
  if (statSync(path).isDirectory()) return 'simulator';
  if (/\.csv$/i.test(path)) return 'csv';
  const first = readFileSync(path, 'utf8').split('\n', 1)[0] ?? '';
  try {
    const head: unknown = JSON.parse(first);
    if (isRecord(head) && head['schema'] === 'pentaview-episodes/1') return 'episodes';
  } catch {
    /* not JSON: treated as an analyst NDJSON file whose first line will be counted bad */
  }
  return 'ndjson';
}

export function loadInput(path: string, options: LoadOptions): LoadedInput {
  const kind = inputKind(path);
  const loaded =
    kind === 'simulator'
      ? loadSimulator(path, options)
      : kind === 'episodes'
        ? loadEpisodesFile(path, options)
        : loadAnalystFile(path, kind, options);
  loaded.rows.sort(compareRows);
  return loaded;
}

/** The rows an analysis uses: episode first frames (default) or every in-zone frame. */
export function selectUnit(
  rows: readonly AnalysisRow[],
  unit: 'episodes' | 'frames',
): AnalysisRow[] {
  return unit === 'episodes' ? rows.filter((r) => r.episodeStart) : [...rows];
}

/** Files of a folder, for hashing the analysis code. */
export function listFiles(dir: string, re: RegExp): string[] {
  return readdirSync(dir)
    .filter((n) => re.test(n))
    .sort()
    .map((n) => join(dir, n));
}
