/**
 * Reads historical_stats.json (`unknown` in) into {@link HistoricalStats}. The file is written by
 * tools/predictor/stats.ts, schema `pentaview-historical-stats/1`:
 *
 *   { schema, model: {file, sha256}, quantile_levels: [1, 5, …, 99]   (percent),
 *     features: [144 names], drivers: [names],
 *     base_rates: { overall: {n, outcomes{BREAK, REJECT, CHOP}, break_rate|null}, by_level_kind, by_time_bucket },
 *     confidence: { method, n, bands: [{lo, hi, n, accuracy|null}] (on |p − 0.5|), tiers, bins },
 *     strata: [{ level_kind, time_bucket, n, outcomes, break_rate|null,
 *                feature_quantiles: [[q…] or [] × 144], driver_quantiles: {name: [q…]},
 *                background: {method, outcomes, rows: [[144 numbers] × B]} }] }
 *
 * Keys the engine does not use are ignored. The accuracy bands are overall (not per stratum); every
 * stratum gets them. The file has no pooled stratum: the parser pools the strata's backgrounds
 * (up to 32 rows, evenly spaced) with the overall base rate, the fallback for a stratum without a
 * background.
 */
import { LEVEL_KINDS, type LevelKind } from '../frame/level-frame';
import { isTimeBucket } from '../time/time-bucket';
import type {
  AccuracyBand,
  EmpiricalBaseRate,
  HistoricalStats,
  StratumStats,
} from './historical-stats';
import { stratumKey } from './historical-stats';

export const HISTORICAL_STATS_SCHEMA = 'pentaview-historical-stats/1';
/** Rows of the pooled background built from the strata. */
export const POOLED_BACKGROUND_ROWS = 32;

export type StatsParse =
  | { readonly ok: true; readonly stats: HistoricalStats }
  | { readonly ok: false; readonly errors: readonly string[] };

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => isNum(v) && Number.isInteger(v) && v >= 0;
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

/** {n, outcomes{BREAK, REJECT, CHOP}, break_rate|null} → EmpiricalBaseRate. */
function baseRate(
  v: Readonly<Record<string, unknown>>,
  where: string,
  errors: string[],
): EmpiricalBaseRate | null {
  const outcomes = v['outcomes'];
  const rate = v['break_rate'];
  if (
    !isRecord(outcomes) ||
    !isCount(outcomes['BREAK']) ||
    !isCount(outcomes['REJECT']) ||
    !isCount(outcomes['CHOP'])
  ) {
    errors.push(`${where}.outcomes needs BREAK, REJECT and CHOP counts`);
    return null;
  }
  if (!(rate === null || (isNum(rate) && rate >= 0 && rate <= 1))) {
    errors.push(`${where}.break_rate must be in [0, 1] or null`);
    return null;
  }
  return {
    breakRate: rate === null ? Number.NaN : rate,
    nBreak: outcomes['BREAK'],
    nReject: outcomes['REJECT'],
    nChop: outcomes['CHOP'],
  };
}

function parseStratum(
  v: unknown,
  where: string,
  levels: readonly number[],
  dimension: number,
  bands: readonly AccuracyBand[],
  errors: string[],
): StratumStats | null {
  if (!isRecord(v)) {
    errors.push(`${where} must be an object`);
    return null;
  }
  const before = errors.length;
  const levelKind = v['level_kind'];
  const bucket = v['time_bucket'];
  if (!isLevelKind(levelKind)) errors.push(`${where}.level_kind is not a level kind`);
  if (!isTimeBucket(bucket)) errors.push(`${where}.time_bucket is not a time bucket`);
  const n = v['n'];
  if (!isCount(n)) errors.push(`${where}.n must be a count`);
  const rate = baseRate(v, where, errors);

  const fq = v['feature_quantiles'];
  const featureQuantiles: number[][] = [];
  if (!Array.isArray(fq) || fq.length !== dimension)
    errors.push(`${where}.feature_quantiles must hold ${dimension} lists`);
  else
    fq.forEach((q: unknown, j) => {
      const arr = numbers(q, `${where}.feature_quantiles[${j}]`, errors);
      if (arr !== null && arr.length !== 0 && arr.length !== levels.length)
        errors.push(
          `${where}.feature_quantiles[${j}] has ${arr.length} values for ${levels.length} levels`,
        );
      featureQuantiles.push(arr ?? []);
    });

  const driverQuantiles = new Map<string, number[]>();
  const dq = v['driver_quantiles'];
  if (!isRecord(dq)) errors.push(`${where}.driver_quantiles must be an object`);
  else
    for (const [name, q] of Object.entries(dq)) {
      const arr = numbers(q, `${where}.driver_quantiles["${name}"]`, errors);
      if (arr === null || arr.length === 0) continue;
      if (arr.length !== levels.length)
        errors.push(`${where}.driver_quantiles["${name}"] has ${arr.length} values`);
      else driverQuantiles.set(name, arr);
    }

  const bgIn = v['background'];
  const rows = isRecord(bgIn) ? bgIn['rows'] : undefined;
  let background = new Float32Array(0);
  if (!Array.isArray(rows)) errors.push(`${where}.background.rows must be an array of rows`);
  else {
    background = new Float32Array(rows.length * dimension);
    rows.forEach((row: unknown, b) => {
      const arr = numbers(row, `${where}.background.rows[${b}]`, errors);
      if (arr === null) return;
      if (arr.length !== dimension)
        errors.push(`${where}.background.rows[${b}] has ${arr.length} values`);
      else background.set(arr, b * dimension);
    });
  }
  if (errors.length > before || !isLevelKind(levelKind) || !isTimeBucket(bucket) || !isCount(n))
    return null;
  return {
    levelKind,
    bucket,
    nFrames: n,
    quantileLevels: levels,
    featureQuantiles,
    driverQuantiles,
    baseRate: rate,
    accuracyBands: bands,
    background,
    nBackground: background.length / dimension,
  };
}

function parseBands(v: unknown, errors: string[]): AccuracyBand[] {
  if (v === undefined || v === null) return [];
  if (!isRecord(v) || !Array.isArray(v['bands'])) {
    errors.push('confidence.bands must be an array');
    return [];
  }
  const out: AccuracyBand[] = [];
  v['bands'].forEach((b: unknown, k) => {
    if (!isRecord(b) || !isNum(b['lo']) || !isNum(b['hi']) || !isCount(b['n'])) {
      errors.push(`confidence.bands[${k}] needs lo, hi, n`);
      return;
    }
    const acc = b['accuracy'];
    if (!(acc === null || isNum(acc)))
      errors.push(`confidence.bands[${k}].accuracy must be a number or null`);
    else
      out.push({
        lo: b['lo'],
        hi: b['hi'],
        n: b['n'],
        accuracy: acc === null ? Number.NaN : acc,
        scale: 'margin',
      });
  });
  return out;
}

/** The strata's backgrounds pooled: up to POOLED_BACKGROUND_ROWS rows, evenly spaced over all of them. */
function pooledStratum(
  strata: readonly StratumStats[],
  levels: readonly number[],
  dimension: number,
  bands: readonly AccuracyBand[],
  overall: EmpiricalBaseRate | null,
): StratumStats | null {
  const total = strata.reduce((a, s) => a + s.nBackground, 0);
  if (total === 0 && overall === null) return null;
  const all = new Float32Array(total * dimension);
  let at = 0;
  for (const s of strata) {
    all.set(s.background, at * dimension);
    at += s.nBackground;
  }
  const b = Math.min(POOLED_BACKGROUND_ROWS, total);
  const background = new Float32Array(b * dimension);
  for (let k = 0; k < b; k++) {
    const i = Math.floor(((k + 0.5) * total) / b);
    background.set(all.subarray(i * dimension, (i + 1) * dimension), k * dimension);
  }
  return {
    levelKind: null,
    bucket: null,
    nFrames: strata.reduce((a, s) => a + s.nFrames, 0),
    quantileLevels: levels,
    featureQuantiles: [],
    driverQuantiles: new Map(),
    baseRate: overall,
    accuracyBands: bands,
    background,
    nBackground: b,
  };
}

export function parseHistoricalStats(input: unknown): StatsParse {
  const errors: string[] = [];
  if (!isRecord(input)) return { ok: false, errors: ['historical stats must be a JSON object'] };
  if (input['schema'] !== HISTORICAL_STATS_SCHEMA)
    errors.push(`schema must be "${HISTORICAL_STATS_SCHEMA}"`);
  const features = input['features'];
  if (!Array.isArray(features) || features.length === 0)
    errors.push('features must list the feature names');
  const dimension = Array.isArray(features) ? features.length : 0;
  const percents = numbers(input['quantile_levels'], 'quantile_levels', errors);
  const levels = percents === null ? [] : percents.map((p) => p / 100);
  if (percents !== null) {
    if (levels.length < 2) errors.push('quantile_levels needs at least two levels');
    for (let k = 0; k < levels.length; k++)
      if (levels[k] < 0 || levels[k] > 1 || (k > 0 && levels[k] <= levels[k - 1]))
        errors.push('quantile_levels must be strictly increasing percentages in [0, 100]');
  }
  const model = input['model'];
  const modelSha256 =
    isRecord(model) && typeof model['sha256'] === 'string' ? model['sha256'] : null;
  const bands = parseBands(input['confidence'], errors);
  const rates = input['base_rates'];
  const overallIn = isRecord(rates) ? rates['overall'] : undefined;
  const overall = isRecord(overallIn) ? baseRate(overallIn, 'base_rates.overall', errors) : null;
  if (errors.length > 0) return { ok: false, errors };

  const strata = new Map<string, StratumStats>();
  const list = input['strata'];
  if (!Array.isArray(list)) errors.push('strata must be an array');
  else
    list.forEach((s: unknown, k) => {
      const st = parseStratum(s, `strata[${k}]`, levels, dimension, bands, errors);
      if (st === null || st.levelKind === null || st.bucket === null) return;
      const key = stratumKey(st.levelKind, st.bucket);
      if (strata.has(key)) errors.push(`strata[${k}] repeats ${key}`);
      strata.set(key, st);
    });
  if (errors.length > 0) return { ok: false, errors };
  const pooled = pooledStratum([...strata.values()], levels, dimension, bands, overall);
  return { ok: true, stats: { dimension, modelSha256, strata, pooled } };
}

// ---------------------------------------------------------------- writing (tools and specs)

function rateJson(r: EmpiricalBaseRate | null): Record<string, unknown> {
  const nBreak = r?.nBreak ?? 0;
  const nReject = r?.nReject ?? 0;
  const nChop = r?.nChop ?? 0;
  const rate = r?.breakRate ?? Number.NaN;
  return {
    n: nBreak + nReject + nChop,
    outcomes: { BREAK: nBreak, REJECT: nReject, CHOP: nChop },
    break_rate: Number.isFinite(rate) ? rate : null,
  };
}

/**
 * The file format of {@link parseHistoricalStats} from a HistoricalStats (strata only; the pooled
 * stratum is rebuilt by the parser). Accuracy bands are written from the pooled stratum, or the
 * first stratum, and must be on the margin scale to be read back as such.
 */
export function historicalStatsToJson(
  stats: HistoricalStats,
  featureNames: readonly string[],
): Record<string, unknown> {
  const strata = [...stats.strata.values()];
  const first = stats.pooled ?? strata[0];
  const d = stats.dimension;
  return {
    schema: HISTORICAL_STATS_SCHEMA,
    model: { file: null, sha256: stats.modelSha256 ?? null },
    quantile_levels: first === undefined ? [] : first.quantileLevels.map((q) => q * 100),
    features: [...featureNames],
    drivers: first === undefined ? [] : [...first.driverQuantiles.keys()],
    base_rates: { overall: rateJson(stats.pooled?.baseRate ?? null) },
    confidence: {
      bands: (first?.accuracyBands ?? []).map((b) => ({
        lo: b.lo,
        hi: b.hi,
        n: b.n,
        accuracy: Number.isFinite(b.accuracy) ? b.accuracy : null,
      })),
    },
    strata: strata.map((s) => {
      const rows: number[][] = [];
      for (let b = 0; b < s.nBackground; b++)
        rows.push(Array.from(s.background.subarray(b * d, (b + 1) * d)));
      return {
        level_kind: s.levelKind,
        time_bucket: s.bucket,
        ...rateJson(s.baseRate),
        n: s.nFrames,
        feature_quantiles: s.featureQuantiles.map((q) => [...q]),
        driver_quantiles: Object.fromEntries(s.driverQuantiles),
        background: { method: 'given', outcomes: [], rows },
      };
    }),
  };
}
