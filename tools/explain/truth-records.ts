/**
 * Simulator truth records for the attribution validation (docs/explanations.md § Validation):
 * reading and validating them, and the backgrounds of the "same game" truth — the truth points of
 * the attribution's own background frames (historical_stats.json, matched to the training
 * episodes they were drawn from) or a seeded sample of held-out records of the same stratum.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIRECTIONS, type Direction } from '../../src/domain/frame/level-frame';
import type { HistoricalStats } from '../../src/domain/explain/historical-stats';
import { PLANTED_LEVEL_KINDS, type PlantedLevelKind } from '../../src/domain/sim/truth-record';
import { timeBucketOf } from '../../src/domain/sim/sim-params';
import { CAUSE_KEYS, type CauseKey, type TruthPoint } from '../../src/domain/sim/truth-game';
import {
  truthPointOfRecord,
  type TruthRecordFields,
} from '../../src/domain/sim/truth-record-point';
import { numberRecord, truthKey } from '../dataset/episode-rows';
import { loadEpisodes } from '../dataset/episodes-file';
import { readNdjsonLines } from '../dataset/simulated-data';
import { round } from '../predictor/model-files';
import { createPrng, shuffleInPlace } from '../train/prng';

/** The truth record fields the validation uses. */
export interface ValidationTruth extends TruthRecordFields {
  readonly ts: string;
  readonly session_date: string;
  readonly level_kind: PlantedLevelKind;
  readonly engaged: boolean;
  readonly p_break: { readonly '2': number; readonly '4': number; readonly '8': number };
  readonly contributions_4: Readonly<Record<string, number>>;
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isDirection = (v: unknown): v is Direction => DIRECTIONS.some((d) => d === v);
const isPlantedKind = (v: unknown): v is PlantedLevelKind =>
  PLANTED_LEVEL_KINDS.some((k) => k === v);

/** A validated truth record, or null when a field the validation needs is missing or malformed. */
export function parseValidationTruth(v: unknown): ValidationTruth | null {
  if (!isRecord(v)) return null;
  const { ts, session_date, level_kind, direction, engaged, engaged_level_kind } = v;
  const { engaged_direction, minutes_since_open, distance_signed_atr, baseline_4 } = v;
  const p = numberRecord(v['p_break']);
  const contributions = numberRecord(v['contributions_4']);
  const rawCauses = numberRecord(v['causes']);
  if (
    typeof ts !== 'string' ||
    typeof session_date !== 'string' ||
    !isPlantedKind(level_kind) ||
    !isPlantedKind(engaged_level_kind) ||
    !isDirection(direction) ||
    !isDirection(engaged_direction) ||
    typeof engaged !== 'boolean' ||
    !isNum(minutes_since_open) ||
    !isNum(distance_signed_atr) ||
    !isNum(baseline_4) ||
    p === null ||
    !isNum(p['2']) ||
    !isNum(p['4']) ||
    !isNum(p['8']) ||
    contributions === null ||
    rawCauses === null
  )
    return null;
  const causes = {} as Record<CauseKey, number>;
  for (const k of CAUSE_KEYS) {
    const c = rawCauses[k];
    if (!isNum(c)) return null;
    causes[k] = c;
  }
  return {
    ts,
    session_date,
    level_kind,
    direction,
    engaged,
    engaged_level_kind,
    engaged_direction,
    minutes_since_open,
    distance_signed_atr,
    baseline_4,
    p_break: { '2': p['2'], '4': p['4'], '8': p['8'] },
    contributions_4: contributions,
    causes,
  };
}

/** DIR/truth/DATE.truth.ndjson[.gz] keyed by truthKey(ts, level_kind); empty when missing. */
export function readValidationTruth(dir: string, date: string): Map<string, ValidationTruth> {
  const out = new Map<string, ValidationTruth>();
  for (const line of readNdjsonLines(join(dir, 'truth', `${date}.truth.ndjson`)) ?? []) {
    const t = parseValidationTruth(JSON.parse(line));
    if (t !== null) out.set(truthKey(t.ts, t.level_kind), t);
  }
  return out;
}

export function truthStratum(t: ValidationTruth): string {
  return `${t.level_kind}|${timeBucketOf(Math.max(0, t.minutes_since_open))}`;
}

/** A background of truth points per stratum (`${level kind}|${bucket}`) for a frame's date. */
export interface TruthBackground {
  readonly label: string;
  /** Truth points for a frame of `stratum` on `date`; empty when there are none. */
  points(stratum: string, date: string): readonly TruthPoint[];
}

/**
 * `size` records of the stratum drawn with a fixed seed from the pooled records of every other
 * date (one sample per stratum and date, so every frame of a day shares it).
 */
export function holdoutBackground(
  records: readonly ValidationTruth[],
  size = 32,
  seed = 7,
): TruthBackground {
  const byStratum = new Map<string, ValidationTruth[]>();
  for (const r of records) {
    const k = truthStratum(r);
    const list = byStratum.get(k) ?? [];
    list.push(r);
    byStratum.set(k, list);
  }
  const cache = new Map<string, TruthPoint[]>();
  return {
    label: `${size} truth records of the frame's stratum drawn (seed ${seed}) from the other held-out days`,
    points(stratum, date) {
      const key = `${stratum}@${date}`;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const pool = (byStratum.get(stratum) ?? []).filter((r) => r.session_date !== date);
      shuffleInPlace(pool, createPrng(seed * 1_000_003 + hashOf(key)));
      const pts = pool.slice(0, size).map((r) => truthPointOfRecord(r));
      cache.set(key, pts);
      return pts;
    },
  };
}

function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export interface TrainingBackgroundMatch {
  readonly background: TruthBackground;
  readonly rows: number;
  readonly matched: number;
  /** Background rows matched by more than one training frame (the first is used). */
  readonly ambiguous: number;
}

/**
 * The truth points of the attribution's own background frames: every background row of every
 * stratum of `stats` is looked up among the in-zone training episodes of its stratum (all 144
 * features equal after the file's 3-significant-digit rounding) and replaced by that frame's truth
 * record from `trainingDir/truth`. Null when the episodes file is missing.
 */
export function trainingBackground(
  stats: HistoricalStats,
  trainingDir: string,
  episodesFile = 'episodes-4min.ndjson',
): TrainingBackgroundMatch | null {
  const path = join(trainingDir, episodesFile);
  if (!existsSync(path)) return null;
  const episodes = loadEpisodes(path);
  const dim = stats.dimension;
  const candidates = new Map<string, number[]>();
  episodes.rows.forEach((r, i) => {
    if (!r.in_zone) return;
    const k = `${r.level_kind}|${r.bucket}`;
    const list = candidates.get(k) ?? [];
    list.push(i);
    candidates.set(k, list);
  });
  const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));
  const truthByDate = new Map<string, Map<string, ValidationTruth>>();
  const perStratum = new Map<string, TruthPoint[]>();
  let rows = 0;
  let matched = 0;
  let ambiguous = 0;
  for (const [key, s] of stats.strata) {
    const pts: TruthPoint[] = [];
    for (let b = 0; b < s.nBackground; b++) {
      rows++;
      const bg = s.background.subarray(b * dim, (b + 1) * dim);
      const hits = (candidates.get(key) ?? []).filter((i) => {
        const v = episodes.vector(i);
        for (let f = 0; f < dim; f++)
          if (!same(Math.fround(round(v[f] ?? 0, 3)), bg[f] ?? 0)) return false;
        return true;
      });
      if (hits.length === 0) continue;
      if (hits.length > 1) ambiguous++;
      const row = episodes.rows[hits[0] ?? 0];
      let truth = truthByDate.get(row.date);
      if (truth === undefined) {
        truth = readValidationTruth(trainingDir, row.date);
        truthByDate.set(row.date, truth);
      }
      const t = truth.get(truthKey(row.ts, row.level_kind));
      if (t === undefined) continue;
      matched++;
      pts.push(truthPointOfRecord(t));
    }
    perStratum.set(key, pts);
  }
  return {
    rows,
    matched,
    ambiguous,
    background: {
      label: `the truth records of the attribution's own background frames (${trainingDir})`,
      points: (stratum) => perStratum.get(stratum) ?? [],
    },
  };
}
