/**
 * Shared pieces of the analysis CLIs: flags, progress bars on stderr, the `meta` block,
 * deterministic JSON (sorted keys, fixed significant digits, no wall-clock time), and the
 * statistics helpers every analysis needs (resolved rows, driver readings, small boosted models).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { TIME_BUCKETS, type TimeBucket } from '../../src/domain/time/time-bucket';
import { defaultManifestContent } from '../../src/domain/vector/feature-manifest';
import { evaluateReading } from '../../src/domain/vector/driver-reading';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import { isOk, rocAuc, wilsonInterval } from '../../src/domain/stats';
import { crossValidateGbdt } from '../train/cross-validate';
import type { GbdtParams } from '../train/gbdt';
import { listFiles, loadInput, selectUnit, type AnalysisRow, type LoadedInput } from './input';

export type Unit = 'episodes' | 'frames';

export interface AnalysisArgs {
  readonly data: string;
  readonly start?: string;
  readonly end?: string;
  readonly horizonMin: number;
  readonly seed: number;
  readonly outputJson: string;
  readonly unit: Unit;
  readonly permutations: number;
  readonly discoverAll: boolean;
  readonly quiet: boolean;
}

export const USAGE =
  '--data DIR|FILE [--start YYYY-MM-DD --end YYYY-MM-DD] [--horizon 4min] [--seed N] ' +
  '[--output-json FILE] [--unit episodes|frames] [--permutations B] [--quiet]';

/** Parses the common flags; throws an Error with a usage message on a bad value. */
export function parseAnalysisArgs(argv: readonly string[], defaultOutput: string): AnalysisArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      data: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      horizon: { type: 'string', default: '4min' },
      seed: { type: 'string', default: '1' },
      'output-json': { type: 'string' },
      unit: { type: 'string', default: 'episodes' },
      permutations: { type: 'string', default: '999' },
      'discover-all': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.data === undefined) throw new Error(`missing --data; usage: ${USAGE}`);
  const m = /^(\d+(?:\.\d+)?)\s*(?:min|m)?$/.exec(values.horizon ?? '4min');
  const horizonMin = m === null ? Number.NaN : Number(m[1]);
  if (![2, 4, 8].includes(horizonMin))
    throw new Error(`bad --horizon ${values.horizon}; use 2min, 4min or 8min`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`bad --seed ${values.seed}; an integer`);
  const permutations = Number(values.permutations);
  if (!Number.isInteger(permutations) || permutations < 19)
    throw new Error(`bad --permutations ${values.permutations}; an integer ≥ 19`);
  for (const d of [values.start, values.end])
    if (d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(d))
      throw new Error(`bad date ${d}; YYYY-MM-DD`);
  const unit = values.unit;
  if (unit !== 'episodes' && unit !== 'frames')
    throw new Error(`bad --unit ${unit}; episodes or frames`);
  return {
    data: values.data,
    start: values.start,
    end: values.end,
    horizonMin,
    seed,
    outputJson: values['output-json'] ?? defaultOutput,
    unit,
    permutations,
    discoverAll: values['discover-all'] === true,
    quiet: values.quiet === true,
  };
}

/** A terminal progress bar on stderr (one line redrawn on a TTY, ten lines otherwise). */
export class Progress {
  private lastDecile = -1;
  private readonly started = Date.now();
  constructor(
    private readonly label: string,
    private readonly quiet: boolean,
  ) {}
  update(done: number, total: number, detail = ''): void {
    if (this.quiet) return;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const width = 24;
    const filled = Math.round(frac * width);
    const line = `${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${((Date.now() - this.started) / 1000).toFixed(1)} s ${detail}`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line.padEnd(100).slice(0, 100)}`);
      if (done >= total) process.stderr.write('\n');
    } else {
      const decile = Math.floor(frac * 10);
      if (decile !== this.lastDecile) {
        this.lastDecile = decile;
        process.stderr.write(`${line}\n`);
      }
    }
  }
}

/** Rounds to 6 significant digits; non-finite → null. Keys sorted at every level. */
export function canonicalize(value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    if (Number.isInteger(value)) return value;
    const r = Number(value.toPrecision(6));
    return Object.is(r, -0) ? 0 : r;
  }
  if (Array.isArray(value)) return value.map(canonicalize);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    const rec: Readonly<Record<string, unknown>> = { ...value };
    for (const k of Object.keys(rec).sort())
      if (rec[k] !== undefined) out[k] = canonicalize(rec[k]);
    return out;
  }
  return value;
}

export function jsonText(value: unknown): string {
  return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, jsonText(value));
}

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Version of the analysis code: the package version plus a hash of the analysis sources and of
 * the statistics and trainer code they call (file contents, not git), so a change of method shows.
 */
export function codeVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const version =
    typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
      ? pkg.version
      : '0.0.0';
  const h = createHash('sha256');
  const sources = [
    ...listFiles(join(ROOT, 'tools', 'analysis'), /^(?!.*\.test\.ts$)(?!bench).*\.ts$/),
    ...listFiles(join(ROOT, 'src', 'domain', 'stats'), /^(?!.*\.spec\.ts$).*\.ts$/),
    ...listFiles(join(ROOT, 'tools', 'train'), /^(?!.*\.test\.ts$)(?!bench).*\.ts$/),
  ];
  for (const f of sources) {
    h.update(f.slice(ROOT.length));
    h.update(readFileSync(f));
  }
  return `${version}+analysis.${h.digest('hex').slice(0, 12)}`;
}

export interface Prepared {
  readonly input: LoadedInput;
  /** Rows of the analysis unit (sorted), CHOP included. */
  readonly unitRows: AnalysisRow[];
  /** Resolved rows (BREAK or REJECT) of the unit. */
  readonly resolved: AnalysisRow[];
  readonly labels: Uint8Array;
  readonly dates: string[];
}

/**
 * Loads `args.data` (or takes `preloaded`, rows already sorted with `compareRows`, e.g. sessions
 * simulated in memory) and selects the analysis unit.
 */
export function prepare(args: AnalysisArgs, label: string, preloaded?: LoadedInput): Prepared {
  const bar = new Progress(`${label}: load`, args.quiet);
  const input =
    preloaded ??
    loadInput(args.data, {
      horizonMin: args.horizonMin,
      start: args.start,
      end: args.end,
      onProgress: (d, t) => bar.update(d, t),
    });
  if (input.horizonMin !== null && input.horizonMin !== args.horizonMin)
    throw new Error(
      `${args.data} is labelled at ${input.horizonMin} min, --horizon says ${args.horizonMin} min`,
    );
  if (input.bad.count > 0 && !args.quiet)
    process.stderr.write(
      `${input.bad.count} bad row(s) skipped: ${Object.entries(input.bad.reasons)
        .map(([r, n]) => `${r} ×${n}`)
        .join('; ')}\n`,
    );
  const unitRows =
    input.kind === 'csv' || input.kind === 'ndjson'
      ? input.rows
      : selectUnit(input.rows, args.unit);
  const resolved = unitRows.filter((r) => r.outcome !== 'CHOP');
  return {
    input,
    unitRows,
    resolved,
    labels: Uint8Array.from(resolved, (r) => (r.outcome === 'BREAK' ? 1 : 0)),
    dates: resolved.map((r) => r.date),
  };
}

export function meta(args: AnalysisArgs, p: Prepared, analysis: string): Record<string, unknown> {
  const dates = [...new Set(p.unitRows.map((r) => r.date))].sort();
  return {
    analysis,
    data_source: p.input.kind,
    data_range: {
      start: dates[0] ?? null,
      end: dates[dates.length - 1] ?? null,
      sessions: dates.length,
    },
    filter: { start: args.start ?? null, end: args.end ?? null },
    horizon: `${args.horizonMin}min`,
    seed: args.seed,
    unit:
      p.input.kind === 'csv' || p.input.kind === 'ndjson' ? 'episodes (analyst rows)' : args.unit,
    n_rows_read: p.input.rowsRead,
    n_bad_rows: p.input.bad.count,
    bad_row_reasons: p.input.bad.reasons,
    n: p.unitRows.length,
    n_resolved: p.resolved.length,
    n_break: p.labels.reduce((s, v) => s + v, 0),
    features_present: p.input.featuresPresent,
    input_sha256: p.input.inputHash,
    code_version: codeVersion(),
    label_definition:
      'P(BREAK | BREAK or REJECT) at the horizon; CHOP excluded from rates among resolved (domain §4)',
  };
}

/** Break rate among resolved with its Wilson interval, or null rate when n = 0. */
export function rateBlock(rows: readonly AnalysisRow[]): Record<string, unknown> {
  const nBreak = rows.filter((r) => r.outcome === 'BREAK').length;
  const nReject = rows.filter((r) => r.outcome === 'REJECT').length;
  const nChop = rows.filter((r) => r.outcome === 'CHOP').length;
  const nResolved = nBreak + nReject;
  const ci = wilsonInterval(nBreak, nResolved);
  return {
    n: rows.length,
    n_break: nBreak,
    n_reject: nReject,
    n_chop: nChop,
    n_resolved: nResolved,
    break_rate: nResolved > 0 ? nBreak / nResolved : null,
    break_rate_ci95: isOk(ci) ? [ci.lower, ci.upper] : null,
    reject_rate: nResolved > 0 ? nReject / nResolved : null,
    chop_rate: rows.length > 0 ? nChop / rows.length : null,
    break_share_of_all: rows.length > 0 ? nBreak / rows.length : null,
  };
}

export const BUCKETS: readonly TimeBucket[] = TIME_BUCKETS;

export interface DriverReading {
  readonly name: string;
  /** The reading per row (NaN when a feature it reads is missing). */
  readonly values: Float64Array;
}

/** The manifest's driver readings (oriented "toward a break" as the dashboard reads them). */
export function driverReadings(rows: readonly AnalysisRow[]): DriverReading[] {
  return defaultManifestContent().drivers.map((d) => ({
    name: d.name,
    values: Float64Array.from(rows, (r) => evaluateReading(d.reading, r.vector, r.direction)),
  }));
}

/** AUC of one reading against the labels (finite rows only), or null with fewer than 5 per class. */
export function readingAuc(
  values: ArrayLike<number>,
  labels: Uint8Array,
): { auc: number | null; n: number } {
  const s: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < labels.length; i++)
    if (Number.isFinite(values[i])) {
      s.push(values[i]);
      y.push(labels[i]);
    }
  const pos = y.reduce((a, b) => a + b, 0);
  if (Math.min(pos, y.length - pos) < 5) return { auc: null, n: y.length };
  const r = rocAuc(s, Uint8Array.from(y));
  return { auc: isOk(r) ? r.auc : null, n: y.length };
}

/** Small, fast boosted-tree settings for the model comparisons (documented in docs/analyses.md). */
export const ANALYSIS_GBDT: Partial<GbdtParams> = {
  nTrees: 60,
  learningRate: 0.1,
  maxDepth: 3,
  maxLeaves: 8,
  minSamplesLeaf: 10,
  maxBins: 64,
  earlyStoppingRounds: 0,
};
export const CV_FOLDS = 5;
/** A model is fitted only with ≥ this many resolved rows, per class, and distinct dates. */
export const MODEL_MIN_N = 60;
export const MODEL_MIN_PER_CLASS = 15;

export interface OofResult {
  readonly status: 'ok';
  readonly n: number;
  readonly auc: number;
  readonly probs: Float64Array;
}

export interface ModelInsufficient {
  readonly status: 'insufficient_data';
  readonly n: number;
  readonly minimum: number;
  readonly what: string;
}

/** Out-of-fold probabilities of a small GBDT, folds grouped by session date. */
export function oofModel(
  rows: readonly AnalysisRow[],
  labels: Uint8Array,
  dates: readonly string[],
  seed: number,
): OofResult | ModelInsufficient {
  const n = rows.length;
  const pos = labels.reduce((a, b) => a + b, 0);
  const distinct = new Set(dates).size;
  if (n < MODEL_MIN_N)
    return { status: 'insufficient_data', n, minimum: MODEL_MIN_N, what: 'resolved rows' };
  if (Math.min(pos, n - pos) < MODEL_MIN_PER_CLASS)
    return {
      status: 'insufficient_data',
      n: Math.min(pos, n - pos),
      minimum: MODEL_MIN_PER_CLASS,
      what: 'rows of the rarer class',
    };
  if (distinct < CV_FOLDS)
    return { status: 'insufficient_data', n: distinct, minimum: CV_FOLDS, what: 'distinct dates' };
  const x = new Float32Array(n * VECTOR_DIMENSION);
  rows.forEach((r, i) => x.set(r.vector, i * VECTOR_DIMENSION));
  const cv = crossValidateGbdt({ rows: x, nFeatures: VECTOR_DIMENSION, labels }, dates, {
    folds: CV_FOLDS,
    seed,
    earlyStoppingDates: 0,
    params: { ...ANALYSIS_GBDT, seed },
  });
  return { status: 'ok', n, auc: cv.pooled.auc, probs: cv.oofProbs };
}

/** AUC of `probs` on the rows `idx` (null when a class is missing). */
export function aucOn(
  probs: ArrayLike<number>,
  labels: Uint8Array,
  idx: readonly number[],
): number | null {
  const s = idx.map((i) => probs[i]);
  const y = idx.map((i) => labels[i]);
  const pos = y.reduce((a, b) => a + b, 0);
  if (pos === 0 || pos === y.length) return null;
  const r = rocAuc(s, Uint8Array.from(y));
  return isOk(r) ? r.auc : null;
}

/** The seed's rule on an out-of-sample AUC gain. */
export function recommendByGain(
  gain: number | null,
): 'separate_models' | 'adjusted_thresholds' | 'global_model' | 'insufficient_data' {
  if (gain === null || !Number.isFinite(gain)) return 'insufficient_data';
  if (gain > 0.05) return 'separate_models';
  if (gain >= 0.02) return 'adjusted_thresholds';
  return 'global_model';
}

export function runCli(label: string, main: () => void): void {
  try {
    main();
  } catch (e) {
    process.stderr.write(`${label}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
