/**
 * An analyst's own episodes file, CSV or NDJSON (docs/episodes-input.md): one row per episode with
 * the columns date, ts, level_kind, direction, time_bucket, outcome and any of the 144 features by
 * their manifest name (missing features are NaN). A bad row is counted with its reason and skipped.
 */
import { readFileSync } from 'node:fs';
import {
  DIRECTIONS,
  LEVEL_KINDS,
  type Direction,
  type LevelKind,
} from '../../src/domain/frame/level-frame';
import { OUTCOMES, type Outcome } from '../../src/domain/labels/label-frame';
import { isTimeBucket, timeBucket, type TimeBucket } from '../../src/domain/time/time-bucket';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import {
  BadRowCounter,
  DATE_RE,
  FEATURE_INDEX,
  hashFiles,
  inRange,
  isRecord,
  type AnalysisRow,
  type LoadOptions,
  type LoadedInput,
} from './input-common';

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

export function loadAnalystFile(path: string, kind: 'csv' | 'ndjson', o: LoadOptions): LoadedInput {
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
