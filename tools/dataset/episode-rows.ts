import {
  Direction,
  LevelFrame,
  LevelKind,
  DIRECTIONS,
  LEVEL_KINDS,
} from '../../src/domain/frame/level-frame';
import { Outcome, OUTCOMES, HORIZONS_MIN } from '../../src/domain/labels/label-frame';
import { TimeBucket, isTimeBucket } from '../../src/domain/time/time-bucket';

/** Schema tag of the episodes dataset (docs/labels.md). */
export const EPISODES_SCHEMA = 'pentaview-episodes/1';

/** First line of an episodes .ndjson file. */
export interface EpisodesHeader {
  readonly schema: typeof EPISODES_SCHEMA;
  /** Horizon of `outcome`, minutes. */
  readonly horizon_min: number;
  readonly dimension: number;
  /** Number of rows (and of vectors). */
  readonly count: number;
  /** File name (same folder) of the row-major count × dimension little-endian Float32 vectors. */
  readonly vectors_file: string;
  /** Hash of the feature manifest the vectors follow. */
  readonly feature_manifest_hash: string;
  /** True when every active frame was written, false when only in-zone frames were. */
  readonly all_frames: boolean;
  readonly sessions: readonly string[];
  readonly source: string;
}

/** The subset of a simulator truth record kept with each row (null when there is none). */
export interface EpisodeTruth {
  readonly p_break: Readonly<Record<string, number>>;
  readonly engaged: boolean;
  readonly engaged_level_kind: string;
  readonly baseline_4: number;
  readonly contributions_4: Readonly<Record<string, number>>;
  readonly causes: Readonly<Record<string, unknown>>;
}

/** One labelled frame. `row` is the index of its vector in the .f32 file. */
export interface EpisodeRow {
  readonly row: number;
  readonly date: string;
  readonly ts: string;
  readonly t_ms: number;
  readonly seq: number;
  readonly minutes_since_open: number;
  readonly level_kind: LevelKind;
  readonly level_price: number;
  readonly direction: Direction;
  readonly spot: number;
  readonly atr: number;
  readonly distance_signed_atr: number;
  readonly bucket: TimeBucket;
  readonly in_zone: boolean;
  /** "DATE/LEVEL_KIND/n" (n from 0 per level and session); null for an out-of-zone frame. */
  readonly episode_id: string | null;
  readonly episode_start: boolean;
  /** Outcome at the header's horizon. */
  readonly outcome: Outcome;
  /** Outcomes at 2, 4 and 8 minutes. */
  readonly outcomes: Readonly<Record<'2' | '4' | '8', Outcome>>;
  /** False when the bars ended before t + horizon with nothing hit. */
  readonly horizon_covered: boolean;
  readonly truth: EpisodeTruth | null;
}

/** Join key of a frame and a truth row: epoch ms of ts (format-independent) and level kind. */
export function truthKey(ts: string, levelKind: string): string {
  return `${Date.parse(ts)}|${levelKind}`;
}

export function rowIdentity(frame: LevelFrame): string {
  return truthKey(frame.ts, frame.level_kind);
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isOutcome = (v: unknown): v is Outcome =>
  typeof v === 'string' && OUTCOMES.some((o) => o === v);
const isLevelKind = (v: unknown): v is LevelKind =>
  typeof v === 'string' && LEVEL_KINDS.some((k) => k === v);
const isDirection = (v: unknown): v is Direction => v === DIRECTIONS[0] || v === DIRECTIONS[1];

/** A record of finite numbers, or null when `v` is not one. */
export function numberRecord(v: unknown): Record<string, number> | null {
  if (!isRecord(v)) return null;
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v)) {
    if (!isNum(x)) return null;
    out[k] = x;
  }
  return out;
}

/** Extracts the kept truth fields from an untrusted simulator truth row; null when malformed. */
export function parseEpisodeTruth(v: unknown): EpisodeTruth | null {
  if (!isRecord(v)) return null;
  const p = numberRecord(v['p_break']);
  const contributions = numberRecord(v['contributions_4']);
  const causes = v['causes'];
  const { engaged, engaged_level_kind, baseline_4 } = v;
  if (
    p === null ||
    contributions === null ||
    typeof engaged !== 'boolean' ||
    !isStr(engaged_level_kind) ||
    !isNum(baseline_4)
  )
    return null;
  return {
    p_break: p,
    engaged,
    engaged_level_kind,
    baseline_4,
    contributions_4: contributions,
    causes: isRecord(causes) ? { ...causes } : {},
  };
}

export function parseEpisodesHeader(v: unknown): EpisodesHeader | string {
  if (!isRecord(v)) return 'header must be an object';
  if (v['schema'] !== EPISODES_SCHEMA) return `header.schema must be "${EPISODES_SCHEMA}"`;
  const {
    horizon_min,
    dimension,
    count,
    vectors_file,
    feature_manifest_hash,
    all_frames,
    sessions,
    source,
  } = v;
  if (
    !isNum(horizon_min) ||
    !isNum(dimension) ||
    !isNum(count) ||
    !Number.isInteger(count) ||
    count < 0
  )
    return 'header: horizon_min, dimension and count must be numbers';
  if (
    !isStr(vectors_file) ||
    !isStr(feature_manifest_hash) ||
    !isStr(source) ||
    typeof all_frames !== 'boolean'
  )
    return 'header: vectors_file, feature_manifest_hash, source and all_frames are required';
  if (!Array.isArray(sessions) || !sessions.every(isStr))
    return 'header.sessions must be a list of dates';
  return {
    schema: EPISODES_SCHEMA,
    horizon_min,
    dimension,
    count,
    vectors_file,
    feature_manifest_hash,
    all_frames,
    sessions,
    source,
  };
}

/** Validates one untrusted row; returns the row or the reason it is malformed. */
export function parseEpisodeRow(v: unknown): EpisodeRow | string {
  if (!isRecord(v)) return 'row must be an object';
  const {
    row,
    date,
    ts,
    t_ms,
    seq,
    minutes_since_open,
    level_kind,
    level_price,
    direction,
    spot,
    atr,
    distance_signed_atr,
    bucket,
  } = v;
  const { in_zone, episode_id, episode_start, outcome, outcomes, horizon_covered, truth } = v;
  if (
    !isNum(row) ||
    !isStr(date) ||
    !isStr(ts) ||
    !isNum(t_ms) ||
    !isNum(seq) ||
    !isNum(minutes_since_open)
  )
    return 'row: identity fields missing';
  if (!isLevelKind(level_kind) || !isDirection(direction) || !isTimeBucket(bucket))
    return 'row: level_kind, direction or bucket invalid';
  if (!isNum(level_price) || !isNum(spot) || !isNum(atr) || !isNum(distance_signed_atr))
    return 'row: price fields missing';
  if (
    typeof in_zone !== 'boolean' ||
    typeof episode_start !== 'boolean' ||
    typeof horizon_covered !== 'boolean'
  )
    return 'row: flags missing';
  if (!(episode_id === null || isStr(episode_id))) return 'row.episode_id must be a string or null';
  if (!isOutcome(outcome) || !isRecord(outcomes)) return 'row: outcome invalid';
  const o2 = outcomes['2'];
  const o4 = outcomes['4'];
  const o8 = outcomes['8'];
  if (!isOutcome(o2) || !isOutcome(o4) || !isOutcome(o8))
    return `row.outcomes must hold ${HORIZONS_MIN.join(', ')}`;
  let parsedTruth: EpisodeTruth | null = null;
  if (truth !== null) {
    parsedTruth = parseEpisodeTruth(truth);
    if (parsedTruth === null) return 'row.truth malformed';
  }
  return {
    row,
    date,
    ts,
    t_ms,
    seq,
    minutes_since_open,
    level_kind,
    level_price,
    direction,
    spot,
    atr,
    distance_signed_atr,
    bucket,
    in_zone,
    episode_id,
    episode_start,
    outcome,
    outcomes: { '2': o2, '4': o4, '8': o8 },
    horizon_covered,
    truth: parsedTruth,
  };
}
