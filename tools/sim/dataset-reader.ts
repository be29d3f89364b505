import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { validateLevelFrame } from '../../src/domain/frame/validate-level-frame';
import { PriceBar10s } from '../../src/domain/market/price-bar';
import { DRIVER_NAMES, DriverName } from '../../src/domain/sim/drivers';
import {
  PLANTED_LEVEL_KINDS,
  PlantedLevelKind,
  TRUTH_SCHEMA,
  TruthRecord,
} from '../../src/domain/sim/truth-record';
import { evaluateReading } from '../../src/domain/vector/driver-reading';
import { EpisodeVectorBuilder } from '../../src/domain/vector/episode-vector-builder';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import { DEFAULT_DRIVERS } from '../../src/domain/vector/default-drivers';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ManifestFile {
  readonly path: string;
  readonly kind: 'frames' | 'bars' | 'truth';
  readonly date: string;
  readonly sha256: string;
}

export interface ManifestView {
  readonly dates: readonly string[];
  readonly files: readonly ManifestFile[];
}

/** Reads and checks DIR/manifest.json (schema pentaview-dataset/1). */
export function readManifest(dir: string): ManifestView {
  const raw: unknown = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  if (!isRecord(raw) || raw['schema'] !== 'pentaview-dataset/1')
    throw new Error(`${dir}/manifest.json is not a pentaview-dataset/1 manifest`);
  const dates = raw['dates'];
  const files = raw['files'];
  if (!Array.isArray(dates) || !dates.every((d): d is string => typeof d === 'string'))
    throw new Error('manifest: dates must be strings');
  if (!Array.isArray(files)) throw new Error('manifest: files must be an array');
  return {
    dates,
    files: files.map((f, i): ManifestFile => {
      if (!isRecord(f)) throw new Error(`manifest: files[${i}] is not an object`);
      const { path, kind, date, sha256 } = f;
      if (typeof path !== 'string' || typeof date !== 'string' || typeof sha256 !== 'string')
        throw new Error(`manifest: files[${i}] is incomplete`);
      if (kind !== 'frames' && kind !== 'bars' && kind !== 'truth')
        throw new Error(`manifest: files[${i}] has unknown kind`);
      return { path, kind, date, sha256 };
    }),
  };
}

/** Parsed lines of an ND-JSON file (gzip when the name ends in .gz). */
export function readNdjson(path: string): unknown[] {
  const buf = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        // A corrupt line: name the file and line instead of a bare SyntaxError.
        throw new Error(
          `${path}:${i + 1}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
}

const num = (o: Json, key: string, where: string): number => {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new Error(`${where}: ${key} must be a finite number`);
  return v;
};

export function parseBar(v: unknown, where: string): PriceBar10s {
  if (!isRecord(v)) throw new Error(`${where}: not an object`);
  return {
    t: num(v, 't', where),
    open: num(v, 'open', where),
    high: num(v, 'high', where),
    low: num(v, 'low', where),
    close: num(v, 'close', where),
  };
}

export function parseTruth(v: unknown, where: string): TruthRecord {
  if (!isRecord(v) || v['schema'] !== TRUTH_SCHEMA)
    throw new Error(`${where}: not a ${TRUTH_SCHEMA} record`);
  const kind = v['level_kind'];
  const direction = v['direction'];
  const ts = v['ts'];
  const date = v['session_date'];
  const p = v['p_break'];
  const contributions = v['contributions_4'];
  const causes = v['causes'];
  if (typeof kind !== 'string' || !isPlantedKind(kind))
    throw new Error(`${where}: unknown level_kind`);
  if (direction !== 'UP' && direction !== 'DOWN')
    throw new Error(`${where}: direction must be UP or DOWN`);
  if (typeof ts !== 'string' || typeof date !== 'string')
    throw new Error(`${where}: ts and session_date must be strings`);
  if (!isRecord(p) || !isRecord(contributions) || !isRecord(causes))
    throw new Error(`${where}: p_break, contributions_4 and causes must be objects`);
  const engagedKind = v['engaged_level_kind'];
  const engagedDirection = v['engaged_direction'];
  if (engagedDirection !== 'UP' && engagedDirection !== 'DOWN')
    throw new Error(`${where}: engaged_direction must be UP or DOWN`);
  if (typeof engagedKind !== 'string' || !isPlantedKind(engagedKind))
    throw new Error(`${where}: unknown engaged_level_kind`);
  const contrib: Record<DriverName | 'Hidden', number> = {};
  for (const name of [...DRIVER_NAMES, 'Hidden' as const])
    contrib[name] = num(contributions, name, `${where} contributions_4`);
  const c = (key: string): number => num(causes, key, `${where} causes`);
  return {
    schema: TRUTH_SCHEMA,
    ts,
    session_date: date,
    minutes_since_open: num(v, 'minutes_since_open', where),
    level_kind: kind,
    level_price: num(v, 'level_price', where),
    direction,
    spot: num(v, 'spot', where),
    atr: num(v, 'atr', where),
    distance_signed_atr: num(v, 'distance_signed_atr', where),
    engaged: v['engaged'] === true,
    engaged_level_kind: engagedKind,
    engaged_direction: engagedDirection,
    p_break: { '2': num(p, '2', where), '4': num(p, '4', where), '8': num(p, '8', where) },
    baseline_4: num(v, 'baseline_4', where),
    contributions_4: contrib,
    causes: {
      cleanSetup: c('cleanSetup'),
      orderFlow: c('orderFlow'),
      flowAcceleration: c('flowAcceleration'),
      tapeAggression: c('tapeAggression'),
      barrierWeakness: c('barrierWeakness'),
      dealerShortGamma: c('dealerShortGamma'),
      touchHistory: c('touchHistory'),
      volatilityRegime: c('volatilityRegime'),
      hidden: c('hidden'),
    },
  };
}

function isPlantedKind(kind: string): kind is PlantedLevelKind {
  return (PLANTED_LEVEL_KINDS as readonly string[]).includes(kind);
}

/** Frames per level kind in a frame file (any level-frame/1 line with a string level_kind). */
export function countFramesPerLevel(records: readonly unknown[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) {
    if (isRecord(r) && typeof r['level_kind'] === 'string')
      counts[r['level_kind']] = (counts[r['level_kind']] ?? 0) + 1;
  }
  return counts;
}

/** Frame fields the report compares with the generator's causes. */
export const OBSERVED_FIELDS = [
  'ofi_60s',
  'ofi_300s',
  'ofi_acceleration',
  'tape_imbalance',
  'tape_buy_vol',
  'tape_sell_vol',
  'barrier_delta_liq',
  'gamma_exposure',
  'attempt_index',
  'atr',
  'momentum_trend_20min',
  'approach_velocity',
  'velocity_20min',
  'spot',
  'level_price',
] as const;
export type ObservedField = (typeof OBSERVED_FIELDS)[number] | 'clean_setup_reading';
export type ObservedFrame = Readonly<Record<ObservedField, number>>;

const CLEAN_SETUP_READING = DEFAULT_DRIVERS.find((d) => d.name === 'Clean Setup')?.reading;

/**
 * Observed fields per `${ts}|${level_kind}`, plus the manifest's Clean Setup reading of the frame's
 * 144-D vector (the frames are pushed through the vector builder in file order). Lines that are
 * not valid level-frame/1 frames are skipped.
 */
export function observedFrames(records: readonly unknown[]): Map<string, ObservedFrame> {
  const out = new Map<string, ObservedFrame>();
  const builder = new EpisodeVectorBuilder();
  const vector = new Float32Array(VECTOR_DIMENSION);
  for (const r of records) {
    const checked = validateLevelFrame(r);
    if (!checked.ok) continue;
    const frame = checked.frame;
    builder.push(frame, vector);
    const values = {} as Record<ObservedField, number>;
    for (const field of OBSERVED_FIELDS) values[field] = frame[field];
    values.clean_setup_reading = CLEAN_SETUP_READING
      ? evaluateReading(CLEAN_SETUP_READING, vector, frame.direction)
      : NaN;
    out.set(`${frame.ts}|${frame.level_kind}`, values);
  }
  return out;
}
