/**
 * Shared pieces of the explanation tools: model loading (tree-ensemble JSON or ONNX via
 * onnxruntime-node), simulated sessions in-process, ticks, and historical statistics built from
 * labelled vectors when no historical_stats.json is given.
 */
import { readFileSync } from 'node:fs';
import { TreeEnsemble, predictBatch } from '../../src/domain/model/tree-ensemble';
import { parseEnsemble } from '../predictor/model-files';
import type { Direction, LevelFrame, LevelKind } from '../../src/domain/frame/level-frame';
import { LEVEL_KINDS } from '../../src/domain/frame/level-frame';
import { buildLevelFrames } from '../../src/domain/frames/build-level-frames';
import { simulateMarketDay } from '../../src/domain/sim/session-generator';
import { weekdaySessions } from '../../src/domain/sim/trading-calendar';
import { TIME_BUCKETS, TimeBucket } from '../../src/domain/time/time-bucket';
import type { FeatureManifestContent } from '../../src/domain/vector/feature-manifest';
import {
  HistoricalStats,
  StratumStats,
  stratumKey,
} from '../../src/domain/explain/historical-stats';
import { stratumFromVectors } from '../../src/domain/explain/stratum-from-vectors';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';

/** A batch model: row-major float32 rows in, one output per row. */
export type RowModel = (rows: Float32Array, nRows: number) => Promise<Float32Array>;

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function ensembleModel(model: TreeEnsemble): RowModel {
  return (rows) => Promise.resolve(predictBatch(model, rows));
}

/** onnxruntime-node session as a RowModel (first input, first output). */
export async function onnxModel(
  path: string,
): Promise<{ model: RowModel; release: () => Promise<void> }> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(path, { intraOpNumThreads: 1 });
  const input = session.inputNames[0];
  const output = session.outputNames[0];
  const model: RowModel = async (rows, nRows) => {
    const d = rows.length / nRows;
    const result = await session.run({ [input]: new ort.Tensor('float32', rows, [nRows, d]) });
    const data = result[output].data;
    if (!(data instanceof Float32Array)) throw new Error('model output is not float32');
    return data;
  };
  return { model, release: () => session.release() };
}

/** Loads `FILE.onnx` with onnxruntime-node or `FILE.json` as a tree ensemble. */
export async function loadModel(
  path: string,
): Promise<{ model: RowModel; release: () => Promise<void>; kind: string }> {
  if (path.endsWith('.onnx')) return { ...(await onnxModel(path)), kind: 'onnxruntime-node' };
  return {
    model: ensembleModel(parseEnsemble(readJson(path))),
    release: () => Promise.resolve(),
    kind: 'js-ensemble',
  };
}

/** Simulated sessions' frames, in-process (the same frames `npm run simulate` writes). */
export function simulatedSessions(
  days: number,
  seed: number,
  start = '2025-01-06',
): { date: string; frames: LevelFrame[] }[] {
  return weekdaySessions(start, days).map((date, dayIndex) => {
    const session = simulateMarketDay(date, seed);
    return { date, frames: buildLevelFrames(session.day, { seqStart: dayIndex * 1444 }) };
  });
}

/** Groups frames (in feed order) into ticks of equal `ts`. */
export function ticksOf<T extends { readonly ts: string }>(frames: readonly T[]): T[][] {
  const ticks: T[][] = [];
  for (const f of frames) {
    const last = ticks[ticks.length - 1];
    if (last !== undefined && last[0].ts === f.ts) last.push(f);
    else ticks.push([f]);
  }
  return ticks;
}

export interface LabelledVector {
  readonly levelKind: LevelKind;
  readonly bucket: TimeBucket;
  readonly direction: Direction;
  readonly vector: Float32Array;
  readonly label: 0 | 1 | null;
  readonly prediction?: number;
}

/**
 * Historical statistics per level kind × bucket (and pooled) from labelled vectors: quantiles,
 * break rates, accuracy bands (when predictions are given) and 32-row backgrounds.
 */
export function statsFromVectors(
  samples: readonly LabelledVector[],
  manifest: FeatureManifestContent,
): HistoricalStats {
  const strata = new Map<string, StratumStats>();
  const make = (
    subset: readonly LabelledVector[],
    kind: LevelKind | null,
    bucket: TimeBucket | null,
  ): StratumStats => {
    const vectors = new Float32Array(subset.length * VECTOR_DIMENSION);
    subset.forEach((s, i) => vectors.set(s.vector, i * VECTOR_DIMENSION));
    const withPredictions = subset.every((s) => s.prediction !== undefined);
    return stratumFromVectors({
      levelKind: kind,
      bucket,
      vectors,
      dimension: VECTOR_DIMENSION,
      directions: subset.map((s) => s.direction),
      labels: subset.map((s) => s.label),
      predictions: withPredictions ? subset.map((s) => s.prediction ?? Number.NaN) : undefined,
      drivers: manifest.drivers,
    });
  };
  for (const kind of LEVEL_KINDS) {
    for (const bucket of TIME_BUCKETS) {
      const subset = samples.filter((s) => s.levelKind === kind && s.bucket === bucket);
      if (subset.length > 0) strata.set(stratumKey(kind, bucket), make(subset, kind, bucket));
    }
  }
  return {
    dimension: VECTOR_DIMENSION,
    strata,
    pooled: samples.length > 0 ? make(samples, null, null) : null,
  };
}
