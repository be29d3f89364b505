/**
 * The explanation worker's session messages (docs/pipeline.md § Frames → worker), beside
 * `explain-init` and `explain` (explain-messages.ts, same `requestId` convention):
 *
 * - `explain-reset` forgets the engine's session state (every level's history, today's touches and
 *   outcomes, the `seq` check) and keeps the model, the artifacts and the self-test: a new feed or
 *   a seek starts from a clean session without re-loading anything. Answered by `explain-reset-done`.
 * - `catch-up` feeds the frames of one or more ticks, in order, into that session state WITHOUT
 *   attribution: frames the dashboard will not show in full (the ticks skipped at high replay
 *   speed, the history before a seek's target). With `predict` and a usable model, every in-zone
 *   frame's vector goes into ONE model batch and its p_break comes back (the watchlist sparkline and
 *   the P(BREAK) timeline need every frame's value); without, nothing runs but the history.
 *   Answered by `level_predictions`.
 */
import { LEVEL_KINDS, type LevelKind } from '../domain/frame/level-frame';
import { isTimeBucket, type TimeBucket } from '../domain/time/time-bucket';
import {
  fail,
  isFiniteNumber,
  isNonNegativeInteger,
  isRecord,
  ok,
  parseRejectedCounts,
  type GuardResult,
} from './guard-result';

// ---------------------------------------------------------------- requests (UI → worker)

export interface ExplainResetRequest {
  readonly type: 'explain-reset';
  readonly requestId: number;
}

export interface CatchUpRequest {
  readonly type: 'catch-up';
  readonly requestId: number;
  /** The frames of each tick, oldest tick first, as received (validated in the worker). */
  readonly ticks: readonly (readonly unknown[])[];
  /** Run the model on the in-zone frames and answer their p_break (no attribution). */
  readonly predict: boolean;
}

// ---------------------------------------------------------------- responses (worker → UI)

export interface ExplainResetDoneResponse {
  readonly type: 'explain-reset-done';
  readonly requestId: number;
}

/** The model's p_break for one in-zone frame (what a full explanation's `p_break` would be). */
export interface LevelPrediction {
  readonly kind: LevelKind;
  /** The frame's `ts`. */
  readonly timestamp: string;
  readonly p_break: number;
  readonly time_bucket: TimeBucket;
}

export interface LevelPredictionsResponse {
  readonly type: 'level_predictions';
  readonly requestId: number;
  /** In feed order; empty without `predict` or without a usable model. */
  readonly predictions: readonly LevelPrediction[];
  /** 'model' when the model ran (or had nothing to run on), 'base_rate' when it could not. */
  readonly method: 'model' | 'base_rate';
  /** Why no model ran (model unavailable, run failed); null otherwise. */
  readonly reason: string | null;
  readonly ticks: number;
  readonly rejected: { readonly count: number; readonly reasons: Readonly<Record<string, number>> };
  /** Model rows run. */
  readonly rows: number;
  readonly timings: { readonly modelMs: number; readonly totalMs: number };
  readonly warnings: readonly string[];
}

// ---------------------------------------------------------------- guards

/** Recognises `explain-reset` and `catch-up`; `null` for any other request type. */
export function parseSessionRequest(
  data: Readonly<Record<string, unknown>>,
): GuardResult<ExplainResetRequest | CatchUpRequest> | null {
  const { type, requestId } = data;
  if (type !== 'explain-reset' && type !== 'catch-up') return null;
  if (!isNonNegativeInteger(requestId)) return fail('requestId must be a non-negative integer');
  if (type === 'explain-reset') return ok({ type, requestId });
  const { ticks, predict } = data;
  if (!Array.isArray(ticks)) return fail('catch-up.ticks must be an array');
  const list: (readonly unknown[])[] = [];
  const raw: readonly unknown[] = ticks;
  for (const tick of raw) {
    if (!Array.isArray(tick)) return fail('catch-up.ticks must be arrays of frames');
    const frames: readonly unknown[] = tick;
    list.push(frames);
  }
  if (typeof predict !== 'boolean') return fail('catch-up.predict must be a boolean');
  return ok({ type, requestId, ticks: list, predict });
}

const isLevelKind = (v: unknown): v is LevelKind =>
  typeof v === 'string' && (LEVEL_KINDS as readonly string[]).includes(v);

function parsePrediction(v: unknown): GuardResult<LevelPrediction> {
  if (!isRecord(v)) return fail('a prediction must be an object');
  const { kind, timestamp, p_break, time_bucket } = v;
  if (!isLevelKind(kind)) return fail('prediction.kind invalid');
  if (typeof timestamp !== 'string' || Number.isNaN(Date.parse(timestamp)))
    return fail('prediction.timestamp invalid');
  if (!isFiniteNumber(p_break) || p_break < 0 || p_break > 1)
    return fail('prediction.p_break must be in [0, 1]');
  if (!isTimeBucket(time_bucket)) return fail('prediction.time_bucket invalid');
  return ok({ kind, timestamp, p_break, time_bucket });
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Checks `explain-reset-done` and `level_predictions` on the UI side; `null` for other types. */
export function parseSessionResponse(
  data: Readonly<Record<string, unknown>>,
): GuardResult<ExplainResetDoneResponse | LevelPredictionsResponse> | null {
  const { type, requestId } = data;
  if (type !== 'explain-reset-done' && type !== 'level_predictions') return null;
  if (!isNonNegativeInteger(requestId)) return fail('requestId must be a non-negative integer');
  if (type === 'explain-reset-done') return ok({ type, requestId });
  const { predictions, method, reason, ticks, rejected, rows, timings, warnings } = data;
  if (!Array.isArray(predictions)) return fail('level_predictions.predictions must be an array');
  const parsed: LevelPrediction[] = [];
  const raw: readonly unknown[] = predictions;
  for (const p of raw) {
    const r = parsePrediction(p);
    if (!r.ok) return fail(`level_predictions.predictions: ${r.error}`);
    parsed.push(r.value);
  }
  if (method !== 'model' && method !== 'base_rate') return fail('level_predictions.method invalid');
  if (!(reason === null || typeof reason === 'string'))
    return fail('level_predictions.reason invalid');
  if (!isNonNegativeInteger(ticks) || !isNonNegativeInteger(rows))
    return fail('level_predictions.ticks and rows must be non-negative integers');
  const rejectedCounts = parseRejectedCounts(rejected, 'level_predictions');
  if (!rejectedCounts.ok) return fail(rejectedCounts.error);
  if (
    !isRecord(timings) ||
    !isFiniteNumber(timings['modelMs']) ||
    !isFiniteNumber(timings['totalMs'])
  )
    return fail('level_predictions.timings invalid');
  if (!isStringArray(warnings)) return fail('level_predictions.warnings invalid');
  return ok({
    type,
    requestId,
    predictions: parsed,
    method,
    reason,
    ticks,
    rejected: rejectedCounts.value,
    rows,
    timings: { modelMs: timings['modelMs'], totalMs: timings['totalMs'] },
    warnings,
  });
}
