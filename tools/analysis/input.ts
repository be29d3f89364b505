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
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DIRECTIONS,
  LEVEL_KINDS,
  type Direction,
  type LevelKind,
} from '../../src/domain/frame/level-frame';
import { OUTCOMES, type Outcome } from '../../src/domain/labels/label-frame';
import { isTimeBucket, timeBucket, type TimeBucket } from '../../src/domain/time/time-bucket';
import { defaultManifestContent } from '../../src/domain/vector/feature-manifest';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import { buildSessionEpisodes } from '../dataset/build-episodes';
import { parseEpisodeRow, parseEpisodesHeader } from '../dataset/episode-rows';
import { listSessionDates, readSessionBars, readSessionFrames } from '../dataset/simulated-data';

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
const FEATURE_INDEX = new Map(FEATURE_NAMES.map((n, i) => [n, i]));

class BadRowCounter {
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

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function inRange(date: string, o: LoadOptions): boolean {
  return (o.start === undefined || date >= o.start) && (o.end === undefined || date <= o.end);
}

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

function hashFiles(paths: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of paths) {
    h.update(`${p.split('/').pop() ?? p}\0`);
    h.update(readFileSync(p));
  }
  return h.digest('hex');
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

function loadSimulator(dir: string, o: LoadOptions): LoadedInput {
  const dates = listSessionDates(dir).filter((d) => inRange(d, o));
  const bad = new BadRowCounter();
  const rows: AnalysisRow[] = [];
  const files: string[] = [];
  let rowsRead = 0;
  dates.forEach((date, k) => {
    o.onProgress?.(k, dates.length, `session ${date}`);
    const { frames, invalid } = readSessionFrames(dir, date);
    rowsRead += frames.length + invalid.length;
    for (const inv of invalid)
      bad.add(
        inv.line,
        `${date} frame: ${inv.errors[0]?.field ?? '?'} ${inv.errors[0]?.reason ?? ''}`.trim(),
      );
    const bars = readSessionBars(dir, date);
    for (const suffix of ['frames', 'bars']) {
      const p = join(dir, 'sessions', `${date}.${suffix}.ndjson`);
      files.push(existsSync(p) ? p : `${p}.gz`);
    }
    const session = buildSessionEpisodes(frames, bars, new Map(), { horizonMin: o.horizonMin });
    session.rows.forEach((r, i) => {
      rows.push({
        date: r.date,
        ts: r.ts,
        tMs: r.t_ms,
        levelKind: r.level_kind,
        direction: r.direction,
        bucket: r.bucket,
        outcome: r.outcome,
        episodeStart: r.episode_start,
        vector: session.vectors.slice(i * VECTOR_DIMENSION, (i + 1) * VECTOR_DIMENSION),
      });
    });
  });
  o.onProgress?.(dates.length, dates.length, 'sessions read');
  return {
    kind: 'simulator',
    rows,
    rowsRead,
    bad: bad.result(),
    inputHash: hashFiles(files),
    horizonMin: o.horizonMin,
    featuresPresent: VECTOR_DIMENSION,
  };
}

function loadEpisodesFile(path: string, o: LoadOptions): LoadedInput {
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = parseEpisodesHeader(JSON.parse(lines[0]));
  if (typeof header === 'string') throw new Error(`${path}: ${header}`);
  if (header.dimension !== VECTOR_DIMENSION)
    throw new Error(`${path}: dimension ${header.dimension}, expected ${VECTOR_DIMENSION}`);
  const vectorsPath = join(dirname(path), header.vectors_file);
  const bytes = readFileSync(vectorsPath);
  const nVectors = Math.floor(bytes.length / (4 * VECTOR_DIMENSION));
  const bad = new BadRowCounter();
  const rows: AnalysisRow[] = [];
  let rowsRead = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    rowsRead++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(lines[i]);
    } catch {
      bad.add(i + 1, 'not JSON');
      continue;
    }
    const r = parseEpisodeRow(parsed);
    if (typeof r === 'string') {
      bad.add(i + 1, r);
      continue;
    }
    if (!Number.isInteger(r.row) || r.row < 0 || r.row >= nVectors) {
      bad.add(i + 1, 'row: no vector in the .f32 file');
      continue;
    }
    if (!inRange(r.date, o) || !r.in_zone) continue;
    const vector = new Float32Array(VECTOR_DIMENSION);
    for (let j = 0; j < VECTOR_DIMENSION; j++)
      vector[j] = bytes.readFloatLE((r.row * VECTOR_DIMENSION + j) * 4);
    rows.push({
      date: r.date,
      ts: r.ts,
      tMs: r.t_ms,
      levelKind: r.level_kind,
      direction: r.direction,
      bucket: r.bucket,
      outcome: r.outcome,
      episodeStart: r.episode_start,
      vector,
    });
  }
  return {
    kind: 'episodes',
    rows,
    rowsRead,
    bad: bad.result(),
    inputHash: hashFiles([path, vectorsPath]),
    horizonMin: header.horizon_min,
    featuresPresent: VECTOR_DIMENSION,
  };
}

/** Splits one CSV line (RFC 4180 quotes, comma separator). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Validates one analyst row (an object of column → value); returns the row or a reason. */
export function parseAnalystRow(v: unknown): AnalysisRow | string {
  if (!isRecord(v)) return 'row is not an object';
  const date = v['date'];
  if (typeof date !== 'string' || !DATE_RE.test(date)) return 'date: expected YYYY-MM-DD';
  const ts = v['ts'];
  if (typeof ts !== 'string' || ts.trim() === '') return 'ts: missing';
  const tMs = Date.parse(ts);
  if (!Number.isFinite(tMs)) return 'ts: not an ISO time';
  const levelKind = v['level_kind'];
  if (typeof levelKind !== 'string' || !(LEVEL_KINDS as readonly string[]).includes(levelKind))
    return 'level_kind: unknown';
  const direction = v['direction'];
  if (typeof direction !== 'string' || !(DIRECTIONS as readonly string[]).includes(direction))
    return 'direction: expected UP or DOWN';
  const rawBucket = v['time_bucket'] ?? v['bucket'];
  let bucket: TimeBucket;
  if (isTimeBucket(rawBucket)) bucket = rawBucket;
  else {
    const m = toNumber(v['minutes_since_open']);
    if (rawBucket === undefined && m !== null && m >= 0 && m <= 180) bucket = timeBucket(m);
    else return 'time_bucket: unknown';
  }
  const outcome = v['outcome'];
  if (typeof outcome !== 'string' || !(OUTCOMES as readonly string[]).includes(outcome))
    return 'outcome: expected BREAK, REJECT or CHOP';
  const vector = new Float32Array(VECTOR_DIMENSION).fill(Number.NaN);
  for (const [name, index] of FEATURE_INDEX) {
    const raw = v[name];
    if (raw === undefined || raw === null || raw === '') continue;
    const x = toNumber(raw);
    if (x === null) return `${name}: not a finite number`;
    vector[index] = x;
  }
  const es = v['episode_start'];
  const episodeStart =
    es === undefined || es === '' ? true : es === true || es === 'true' || es === '1' || es === 1;
  return {
    date,
    ts,
    tMs,
    levelKind: levelKind as LevelKind,
    direction: direction as Direction,
    bucket,
    outcome: outcome as Outcome,
    episodeStart,
    vector,
  };
}

function toNumber(raw: unknown): number | null {
  const x =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && raw.trim() !== ''
        ? Number(raw)
        : NaN;
  return Number.isFinite(x) ? x : null;
}

function loadAnalystFile(path: string, kind: 'csv' | 'ndjson', o: LoadOptions): LoadedInput {
  const text = readFileSync(path, 'utf8');
  const lines = text.split(/\r?\n/);
  const bad = new BadRowCounter();
  const rows: AnalysisRow[] = [];
  let rowsRead = 0;
  const present = new Set<string>();
  let columns: string[] = [];
  if (kind === 'csv') {
    columns = splitCsvLine(lines[0] ?? '').map((c) => c.trim());
    for (const c of columns) if (FEATURE_INDEX.has(c)) present.add(c);
  }
  for (let i = kind === 'csv' ? 1 : 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    rowsRead++;
    let obj: unknown;
    if (kind === 'csv') {
      const cells = splitCsvLine(lines[i]);
      if (cells.length !== columns.length) {
        bad.add(i + 1, `expected ${columns.length} cells`);
        continue;
      }
      obj = Object.fromEntries(columns.map((c, k) => [c, cells[k]]));
    } else {
      try {
        obj = JSON.parse(lines[i]);
      } catch {
        bad.add(i + 1, 'not JSON');
        continue;
      }
      if (isRecord(obj)) for (const k of Object.keys(obj)) if (FEATURE_INDEX.has(k)) present.add(k);
    }
    const r = parseAnalystRow(obj);
    if (typeof r === 'string') bad.add(i + 1, r);
    else if (inRange(r.date, o)) rows.push(r);
  }
  return {
    kind,
    rows,
    rowsRead,
    bad: bad.result(),
    inputHash: hashFiles([path]),
    horizonMin: null,
    featuresPresent: present.size,
  };
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
