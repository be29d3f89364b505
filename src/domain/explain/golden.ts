/**
 * The model self-test's golden file (public/artifacts/explain_golden.json, written by
 * `npm run explain:golden`): a short recorded frame sequence and, for its in-zone frames, the
 * P(BREAK) the JS tree predictor computed from the model's ensemble JSON. At start-up the worker
 * rebuilds the vectors from the frames (same vector code as live) and runs them through the loaded
 * model; a mismatch beyond the tolerance disables the model.
 */
import type { LevelFrame } from '../frame/level-frame';
import { validateLevelFrame } from '../frame/validate-level-frame';
import { inZone } from '../time/approach-zone';
import { EpisodeVectorBuilder } from '../vector/episode-vector-builder';
import { VECTOR_DIMENSION } from '../vector/feature-table';

export const GOLDEN_SCHEMA = 'pentaview-explain-golden/1';
export const DEFAULT_GOLDEN_TOLERANCE = 1e-4;

export interface GoldenFile {
  readonly schema: typeof GOLDEN_SCHEMA;
  /** sha256 of the .onnx the expected values belong to. */
  readonly modelSha256: string;
  readonly modelFile: string;
  readonly tolerance: number;
  readonly frames: readonly LevelFrame[];
  /** Expected P(BREAK) per in-zone frame, in frame order, with the frame's seq. */
  readonly expected: readonly { readonly seq: number; readonly p_break: number }[];
}

export type GoldenParse =
  | { readonly ok: true; readonly golden: GoldenFile }
  | { readonly ok: false; readonly error: string };

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseGolden(v: unknown): GoldenParse {
  if (!isRecord(v) || v['schema'] !== GOLDEN_SCHEMA)
    return { ok: false, error: `golden file must have schema "${GOLDEN_SCHEMA}"` };
  const { model_sha256, model_file, tolerance, frames, expected } = v;
  if (typeof model_sha256 !== 'string' || typeof model_file !== 'string')
    return { ok: false, error: 'golden file needs model_sha256 and model_file' };
  if (typeof tolerance !== 'number' || !(tolerance > 0))
    return { ok: false, error: 'golden tolerance must be a positive number' };
  if (!Array.isArray(frames) || !Array.isArray(expected))
    return { ok: false, error: 'golden file needs frames and expected' };
  const parsedFrames: LevelFrame[] = [];
  for (const f of frames) {
    const r = validateLevelFrame(f);
    if (!r.ok)
      return {
        ok: false,
        error: `golden frame invalid: ${r.errors[0]?.field} ${r.errors[0]?.reason}`,
      };
    parsedFrames.push(r.frame);
  }
  const parsedExpected: { seq: number; p_break: number }[] = [];
  for (const e of expected) {
    if (!isRecord(e) || typeof e['seq'] !== 'number' || typeof e['p_break'] !== 'number')
      return { ok: false, error: 'golden expected entries need seq and p_break' };
    parsedExpected.push({ seq: e['seq'], p_break: e['p_break'] });
  }
  return {
    ok: true,
    golden: {
      schema: GOLDEN_SCHEMA,
      modelSha256: model_sha256,
      modelFile: model_file,
      tolerance,
      frames: parsedFrames,
      expected: parsedExpected,
    },
  };
}

/** Vectors of the in-zone frames of a sequence, built as live (all frames pushed in order). */
export function goldenRows(frames: readonly LevelFrame[]): { rows: Float32Array; seqs: number[] } {
  const builder = new EpisodeVectorBuilder();
  const out: Float32Array[] = [];
  const seqs: number[] = [];
  for (const f of frames) {
    const v = builder.push(f);
    if (inZone(f)) {
      out.push(v);
      seqs.push(f.seq);
    }
  }
  const rows = new Float32Array(out.length * VECTOR_DIMENSION);
  out.forEach((v, i) => rows.set(v, i * VECTOR_DIMENSION));
  return { rows, seqs };
}

export interface GoldenComparison {
  readonly passed: boolean;
  readonly rows: number;
  readonly maxAbsDiff: number;
  readonly detail: string;
}

/** Compares model outputs for `goldenRows(golden.frames)` with the expected values. */
export function compareGolden(
  golden: GoldenFile,
  seqs: readonly number[],
  outputs: ArrayLike<number>,
): GoldenComparison {
  if (seqs.length !== golden.expected.length || outputs.length !== seqs.length) {
    return {
      passed: false,
      rows: outputs.length,
      maxAbsDiff: Number.NaN,
      detail: `expected ${golden.expected.length} in-zone frames, got ${seqs.length} rows and ${outputs.length} outputs`,
    };
  }
  let max = 0;
  let worst = -1;
  for (let i = 0; i < seqs.length; i++) {
    if (seqs[i] !== golden.expected[i].seq) {
      return {
        passed: false,
        rows: seqs.length,
        maxAbsDiff: Number.NaN,
        detail: `row ${i} is frame ${seqs[i]}, golden has ${golden.expected[i].seq}`,
      };
    }
    const d = Math.abs(outputs[i] - golden.expected[i].p_break);
    if (!(d <= max)) {
      max = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
      worst = i;
    }
  }
  const passed = max <= golden.tolerance;
  const detail = passed
    ? `${seqs.length} golden rows within ${golden.tolerance} (max |Δ| ${max.toExponential(2)})`
    : `model output differs from the golden value by ${max.toExponential(3)} at frame ${seqs[worst]} (tolerance ${golden.tolerance})`;
  return { passed, rows: seqs.length, maxAbsDiff: max, detail };
}
