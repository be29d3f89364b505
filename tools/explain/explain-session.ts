/**
 * Runs the explanation engine over a recording (ticks of frames) with a Node model, the way the
 * worker does: one model batch per tick. Shared by the explain CLI, the demo and the validation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { ComboDefinition } from '../../src/domain/explain/combos';
import type { DriverAttributionOptions } from '../../src/domain/explain/engine-config';
import {
  ExplanationEngine,
  type DecisionRules,
  type ExplainResult,
} from '../../src/domain/explain/explanation-engine';
import type { HistoricalStats } from '../../src/domain/explain/historical-stats';
import { parseFeatureInteractions } from '../../src/domain/explain/parse-feature-interactions';
import { parseHistoricalStats } from '../../src/domain/explain/parse-historical-stats';
import {
  parseFeatureManifest,
  type FeatureManifest,
} from '../../src/domain/vector/feature-manifest';
import { readJson, type RowModel } from './explain-support';

export const DEFAULT_MODEL = 'public/models/break-predictor.onnx';
export const DEFAULT_STATS = 'public/artifacts/historical_stats.json';
export const DEFAULT_MANIFEST = 'public/artifacts/feature_manifest.json';
export const DEFAULT_INTERACTIONS = 'public/artifacts/feature_interactions.json';

export function loadManifest(path = DEFAULT_MANIFEST): FeatureManifest {
  const r = parseFeatureManifest(readJson(path));
  if (!r.ok) throw new Error(`${path}: ${r.errors.slice(0, 3).join('; ')}`);
  return r.manifest;
}

export function loadStats(path = DEFAULT_STATS): HistoricalStats {
  if (!existsSync(path)) throw new Error(`${path} not found (write it with npm run stats)`);
  const r = parseHistoricalStats(readJson(path));
  if (!r.ok) throw new Error(`${path}: ${r.errors.slice(0, 3).join('; ')}`);
  return r.stats;
}

/** Combos from feature_interactions.json; none (with a note) when the file is absent. */
export function loadCombos(
  path: string,
  manifest: FeatureManifest,
): { combos: ComboDefinition[]; notes: string[] } {
  if (!existsSync(path)) return { combos: [], notes: [`${path} not found: no combos`] };
  const r = parseFeatureInteractions(readJson(path), manifest);
  return { combos: r.combos, notes: r.skipped.map((s) => `combo skipped: ${s}`) };
}

/** Lines of an .ndjson or .ndjson.gz file, parsed (a line that is not JSON becomes its text). */
export function readNdjson(path: string): unknown[] {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l): unknown => {
      try {
        return JSON.parse(l);
      } catch {
        // A broken line is passed on as text: the engine rejects it and counts the reason.
        return l;
      }
    });
}

/** Consecutive records with the same `ts` form one tick (a record without a string ts is its own). */
export function ticksOfRecords(records: readonly unknown[]): unknown[][] {
  const ticks: unknown[][] = [];
  let lastTs: string | null = null;
  for (const r of records) {
    const ts =
      typeof r === 'object' && r !== null && 'ts' in r && typeof r.ts === 'string' ? r.ts : null;
    const last = ticks[ticks.length - 1];
    if (last !== undefined && ts !== null && ts === lastTs) last.push(r);
    else ticks.push([r]);
    lastTs = ts;
  }
  return ticks;
}

export interface TickRun {
  readonly result: ExplainResult;
  readonly rows: number;
  readonly modelMs: number;
  readonly totalMs: number;
}

export class NodeExplainer {
  readonly engine: ExplanationEngine;
  readonly warnings: string[] = [];

  constructor(
    private readonly model: RowModel,
    config: {
      manifest: FeatureManifest;
      stats: HistoricalStats;
      combos?: readonly ComboDefinition[];
      rules?: DecisionRules;
      backgroundSource?: 'stratum' | 'pooled';
      /** Driver attribution settings (default: the engine's, as the app uses them). */
      driverAttribution?: DriverAttributionOptions;
    },
  ) {
    this.engine = new ExplanationEngine({
      ...config,
      now: () => performance.now(),
      log: (_l, m) => this.warnings.push(m),
    });
  }

  async tick(frames: readonly unknown[]): Promise<TickRun> {
    const t0 = performance.now();
    const prepared = this.engine.prepare(frames);
    let outputs: Float32Array = new Float32Array(0);
    let modelMs = 0;
    if (prepared.nRows > 0) {
      const m0 = performance.now();
      outputs = await this.model(prepared.rows, prepared.nRows);
      modelMs = performance.now() - m0;
    }
    const result = this.engine.complete(prepared, { outputs, modelMs });
    return { result, rows: prepared.nRows, modelMs, totalMs: performance.now() - t0 };
  }
}

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

export function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(s.length - 1, lo + 1)] - s[lo]);
}
