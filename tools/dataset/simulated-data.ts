import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LevelFrame } from '../../src/domain/frame/level-frame';
import { FieldError, validateLevelFrame } from '../../src/domain/frame/validate-level-frame';
import { PriceBar10s } from '../../src/domain/market/price-bar';
import { EpisodeTruth, parseEpisodeTruth, truthKey } from './episode-rows';

/**
 * Reads the simulator's output folder (docs/data-formats.md):
 * DIR/sessions/DATE.frames.ndjson[.gz], DIR/sessions/DATE.bars.ndjson[.gz],
 * DIR/truth/DATE.truth.ndjson[.gz]. Everything read is validated before use.
 */
export function listSessionDates(dir: string): string[] {
  const folder = join(dir, 'sessions');
  if (!existsSync(folder)) throw new Error(`no sessions folder in ${dir}`);
  const dates = new Set<string>();
  for (const name of readdirSync(folder)) {
    const m = /^(\d{4}-\d{2}-\d{2})\.frames\.ndjson(\.gz)?$/.exec(name);
    if (m !== null) dates.add(m[1]);
  }
  return [...dates].sort();
}

/** Lines of FILE.ndjson or FILE.ndjson.gz (whichever exists); null when neither does. */
export function readNdjsonLines(basePath: string): string[] | null {
  let text: string;
  if (existsSync(basePath)) text = readFileSync(basePath, 'utf8');
  else if (existsSync(`${basePath}.gz`))
    text = gunzipSync(readFileSync(`${basePath}.gz`)).toString('utf8');
  else return null;
  return text.split('\n').filter((l) => l.trim() !== '');
}

export interface SessionFrames {
  readonly frames: LevelFrame[];
  /** Invalid lines: line number (1-based) and the validator's errors. */
  readonly invalid: { readonly line: number; readonly errors: readonly FieldError[] }[];
}

export function readSessionFrames(dir: string, date: string): SessionFrames {
  const lines = readNdjsonLines(join(dir, 'sessions', `${date}.frames.ndjson`));
  if (lines === null) throw new Error(`no frames for ${date} in ${dir}`);
  const frames: LevelFrame[] = [];
  const invalid: { line: number; errors: readonly FieldError[] }[] = [];
  lines.forEach((line, i) => {
    const r = validateLevelFrame(JSON.parse(line));
    if (r.ok) frames.push(r.frame);
    else invalid.push({ line: i + 1, errors: r.errors });
  });
  return { frames, invalid };
}

export function parsePriceBar(v: unknown): PriceBar10s | null {
  if (typeof v !== 'object' || v === null) return null;
  const o: Readonly<Record<string, unknown>> = { ...v };
  const { t, open, high, low, close } = o;
  if (
    typeof t !== 'number' ||
    typeof open !== 'number' ||
    typeof high !== 'number' ||
    typeof low !== 'number' ||
    typeof close !== 'number'
  )
    return null;
  if (![t, open, high, low, close].every(Number.isFinite) || low > high) return null;
  return { t, open, high, low, close };
}

export function readSessionBars(dir: string, date: string): PriceBar10s[] {
  const lines = readNdjsonLines(join(dir, 'sessions', `${date}.bars.ndjson`));
  if (lines === null) throw new Error(`no bars for ${date} in ${dir}`);
  const bars: PriceBar10s[] = [];
  lines.forEach((line, i) => {
    const bar = parsePriceBar(JSON.parse(line));
    if (bar === null) throw new Error(`${date}.bars line ${i + 1}: not a 10-s bar`);
    bars.push(bar);
  });
  bars.sort((a, b) => a.t - b.t);
  return bars;
}

/** Truth rows keyed by truthKey(ts, level_kind); empty when the session has no truth file. */
export function readSessionTruth(dir: string, date: string): Map<string, EpisodeTruth> {
  const out = new Map<string, EpisodeTruth>();
  const lines = readNdjsonLines(join(dir, 'truth', `${date}.truth.ndjson`));
  if (lines === null) return out;
  for (const line of lines) {
    const raw: unknown = JSON.parse(line);
    if (typeof raw !== 'object' || raw === null) continue;
    const o: Readonly<Record<string, unknown>> = { ...raw };
    const truth = parseEpisodeTruth(o);
    if (truth !== null && typeof o['ts'] === 'string' && typeof o['level_kind'] === 'string')
      out.set(truthKey(o['ts'], o['level_kind']), truth);
  }
  return out;
}
