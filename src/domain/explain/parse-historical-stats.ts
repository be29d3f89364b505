/**
 * Reads historical_stats.json (`unknown` in) into {@link HistoricalStats}. Format
 * `pentaview-historical-stats/1` (docs/explanations.md § Historical statistics):
 *
 *   { schema, dimension: 144, quantile_levels: [p…],
 *     strata: [{ level_kind, time_bucket, n_frames,
 *                feature_quantiles: [[q…] × 144], driver_quantiles: {name: [q…]},
 *                base_rate: {break_rate, n_break, n_reject, n_chop},
 *                accuracy_bands: [{lo, hi, n, accuracy}],
 *                background: [[144 numbers] × B] }],
 *     pooled: { same keys, level_kind and time_bucket null } }
 */
import { LEVEL_KINDS, type LevelKind } from '../frame/level-frame';
import { isTimeBucket, type TimeBucket } from '../time/time-bucket';
import type {
  AccuracyBand,
  EmpiricalBaseRate,
  HistoricalStats,
  StratumStats,
} from './historical-stats';
import { stratumKey } from './historical-stats';

export const HISTORICAL_STATS_SCHEMA = 'pentaview-historical-stats/1';

export type StatsParse =
  | { readonly ok: true; readonly stats: HistoricalStats }
  | { readonly ok: false; readonly errors: readonly string[] };

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isLevelKind = (v: unknown): v is LevelKind => LEVEL_KINDS.some((k) => k === v);

function numbers(v: unknown, where: string, errors: string[]): number[] | null {
  if (!Array.isArray(v)) {
    errors.push(`${where} must be an array of numbers`);
    return null;
  }
  const out: number[] = [];
  for (const x of v) {
    if (!isNum(x)) {
      errors.push(`${where} holds a non-number`);
      return null;
    }
    out.push(x);
  }
  return out;
}

/** A rate that may be null (no resolved frames) → NaN. */
function rate(v: unknown): number | null {
  if (v === null) return Number.NaN;
  return isNum(v) ? v : null;
}

function parseStratum(
  v: unknown,
  where: string,
  levels: readonly number[],
  dimension: number,
  pooled: boolean,
  errors: string[],
): StratumStats | null {
  if (!isRecord(v)) {
    errors.push(`${where} must be an object`);
    return null;
  }
  const before = errors.length;
  let levelKind: LevelKind | null = null;
  let bucket: TimeBucket | null = null;
  if (!pooled) {
    if (!isLevelKind(v['level_kind'])) errors.push(`${where}.level_kind is not a level kind`);
    else levelKind = v['level_kind'];
    if (!isTimeBucket(v['time_bucket'])) errors.push(`${where}.time_bucket is not a time bucket`);
    else bucket = v['time_bucket'];
  }
  const nFrames = v['n_frames'];
  if (!isNum(nFrames) || nFrames < 0) errors.push(`${where}.n_frames must be a count`);

  const fq = v['feature_quantiles'];
  const featureQuantiles: number[][] = [];
  if (!Array.isArray(fq) || fq.length !== dimension)
    errors.push(`${where}.feature_quantiles must hold ${dimension} lists`);
  else {
    fq.forEach((q: unknown, j) => {
      const arr = numbers(q, `${where}.feature_quantiles[${j}]`, errors);
      if (arr !== null && arr.length !== 0 && arr.length !== levels.length)
        errors.push(
          `${where}.feature_quantiles[${j}] has ${arr.length} values for ${levels.length} levels`,
        );
      featureQuantiles.push(arr ?? []);
    });
  }
  const driverQuantiles = new Map<string, number[]>();
  const dq = v['driver_quantiles'];
  if (!isRecord(dq)) errors.push(`${where}.driver_quantiles must be an object`);
  else {
    for (const [name, q] of Object.entries(dq)) {
      const arr = numbers(q, `${where}.driver_quantiles["${name}"]`, errors);
      if (arr === null) continue;
      if (arr.length !== levels.length)
        errors.push(`${where}.driver_quantiles["${name}"] has ${arr.length} values`);
      else driverQuantiles.set(name, arr);
    }
  }
  let baseRate: EmpiricalBaseRate | null = null;
  const br = v['base_rate'];
  if (br !== null && br !== undefined) {
    if (!isRecord(br)) errors.push(`${where}.base_rate must be an object or null`);
    else {
      const r = rate(br['break_rate']);
      const { n_break, n_reject, n_chop } = br;
      if (r === null || !isNum(n_break) || !isNum(n_reject) || !isNum(n_chop))
        errors.push(`${where}.base_rate needs break_rate, n_break, n_reject, n_chop`);
      else baseRate = { breakRate: r, nBreak: n_break, nReject: n_reject, nChop: n_chop };
    }
  }
  const accuracyBands: AccuracyBand[] = [];
  const ab = v['accuracy_bands'];
  if (ab !== undefined) {
    if (!Array.isArray(ab)) errors.push(`${where}.accuracy_bands must be an array`);
    else
      ab.forEach((b: unknown, k) => {
        if (!isRecord(b) || !isNum(b['lo']) || !isNum(b['hi']) || !isNum(b['n'])) {
          errors.push(`${where}.accuracy_bands[${k}] needs lo, hi, n, accuracy`);
          return;
        }
        const acc = rate(b['accuracy']);
        if (acc === null)
          errors.push(`${where}.accuracy_bands[${k}].accuracy must be a number or null`);
        else accuracyBands.push({ lo: b['lo'], hi: b['hi'], n: b['n'], accuracy: acc });
      });
  }
  const bgIn = v['background'];
  let background = new Float32Array(0);
  if (!Array.isArray(bgIn)) errors.push(`${where}.background must be an array of rows`);
  else {
    background = new Float32Array(bgIn.length * dimension);
    bgIn.forEach((row: unknown, b) => {
      const arr = numbers(row, `${where}.background[${b}]`, errors);
      if (arr === null) return;
      if (arr.length !== dimension)
        errors.push(`${where}.background[${b}] has ${arr.length} values`);
      else background.set(arr, b * dimension);
    });
  }
  if (errors.length > before || !isNum(nFrames)) return null;
  return {
    levelKind,
    bucket,
    nFrames,
    quantileLevels: levels,
    featureQuantiles,
    driverQuantiles,
    baseRate,
    accuracyBands,
    background,
    nBackground: background.length / dimension,
  };
}

export function parseHistoricalStats(input: unknown): StatsParse {
  const errors: string[] = [];
  if (!isRecord(input)) return { ok: false, errors: ['historical stats must be a JSON object'] };
  if (input['schema'] !== HISTORICAL_STATS_SCHEMA)
    errors.push(`schema must be "${HISTORICAL_STATS_SCHEMA}"`);
  const dimension = input['dimension'];
  if (!isNum(dimension) || !Number.isInteger(dimension) || dimension < 1)
    errors.push('dimension must be a positive integer');
  const levels = numbers(input['quantile_levels'], 'quantile_levels', errors);
  if (levels !== null) {
    if (levels.length < 2) errors.push('quantile_levels needs at least two levels');
    for (let k = 0; k < levels.length; k++) {
      if (levels[k] < 0 || levels[k] > 1 || (k > 0 && levels[k] <= levels[k - 1]))
        errors.push('quantile_levels must be strictly increasing in [0, 1]');
    }
  }
  if (errors.length > 0 || levels === null || !isNum(dimension)) return { ok: false, errors };
  const strata = new Map<string, StratumStats>();
  const list = input['strata'];
  if (!Array.isArray(list)) errors.push('strata must be an array');
  else
    list.forEach((s: unknown, k) => {
      const st = parseStratum(s, `strata[${k}]`, levels, dimension, false, errors);
      if (st === null || st.levelKind === null || st.bucket === null) return;
      const key = stratumKey(st.levelKind, st.bucket);
      if (strata.has(key)) errors.push(`strata[${k}] repeats ${key}`);
      strata.set(key, st);
    });
  let pooled: StratumStats | null = null;
  if (input['pooled'] !== null && input['pooled'] !== undefined)
    pooled = parseStratum(input['pooled'], 'pooled', levels, dimension, true, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, stats: { dimension, strata, pooled } };
}

/** The JSON form of a stratum (inverse of the parser; used by tools that write the file). */
export function stratumToJson(s: StratumStats, dimension: number): Record<string, unknown> {
  const background: number[][] = [];
  for (let b = 0; b < s.nBackground; b++)
    background.push(Array.from(s.background.subarray(b * dimension, (b + 1) * dimension)));
  const nanToNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return {
    level_kind: s.levelKind,
    time_bucket: s.bucket,
    n_frames: s.nFrames,
    feature_quantiles: s.featureQuantiles.map((q) => [...q]),
    driver_quantiles: Object.fromEntries(s.driverQuantiles),
    base_rate:
      s.baseRate === null
        ? null
        : {
            break_rate: nanToNull(s.baseRate.breakRate),
            n_break: s.baseRate.nBreak,
            n_reject: s.baseRate.nReject,
            n_chop: s.baseRate.nChop,
          },
    accuracy_bands: s.accuracyBands.map((b) => ({
      lo: b.lo,
      hi: b.hi,
      n: b.n,
      accuracy: nanToNull(b.accuracy),
    })),
    background,
  };
}

/** The JSON form of a whole stats object (quantile levels taken from the pooled or first stratum). */
export function historicalStatsToJson(stats: HistoricalStats): Record<string, unknown> {
  const first = stats.pooled ?? stats.strata.values().next().value;
  return {
    schema: HISTORICAL_STATS_SCHEMA,
    dimension: stats.dimension,
    quantile_levels: first === undefined ? [] : [...first.quantileLevels],
    strata: [...stats.strata.values()].map((s) => stratumToJson(s, stats.dimension)),
    pooled: stats.pooled === null ? null : stratumToJson(stats.pooled, stats.dimension),
  };
}
