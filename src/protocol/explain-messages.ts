/**
 * The explanation messages between the UI and the inference worker (docs/explanations.md § Worker).
 * They share the worker and the `requestId` convention of inference-messages.ts:
 *
 * - `explain-init` loads the explanation artifacts (historical stats, feature manifest, optional
 *   combos and golden file) and runs the model self-test; send it after `init`.
 * - `explain` carries the frames of one 30-s tick (all levels); the worker runs ONE model batch for
 *   all their rows and answers `level_signals`.
 * - `explain-reset` and `catch-up` (catch-up-messages.ts): a fresh session without re-loading, and
 *   frames taken into the history without attribution (answered by `level_predictions`).
 */
import type { TimeBucket } from '../domain/time/time-bucket';
import { TIME_BUCKETS } from '../domain/time/time-bucket';
import type { LevelSignal } from '../domain/signal/level-signal';
import { parseLevelSignal } from '../domain/explain/parse-level-signal';
import { assertNever } from './assert-never';
import {
  fail,
  isFiniteNumber,
  isNonNegativeInteger,
  isRecord,
  ok,
  parseRejectedCounts,
  type GuardResult,
} from './guard-result';
import type { ErrorResponse } from './inference-messages';
import {
  parseSessionRequest,
  parseSessionResponse,
  type CatchUpRequest,
  type ExplainResetDoneResponse,
  type ExplainResetRequest,
  type LevelPredictionsResponse,
} from './catch-up-messages';

export type {
  CatchUpRequest,
  ExplainResetDoneResponse,
  ExplainResetRequest,
  LevelPrediction,
  LevelPredictionsResponse,
} from './catch-up-messages';

// ---------------------------------------------------------------- requests (UI → worker)

export interface ExplainInitRequest {
  readonly type: 'explain-init';
  readonly requestId: number;
  /** Absolute URLs. */
  readonly statsUrl: string;
  readonly featureManifestUrl: string;
  /** feature_interactions.json; null or a missing file → no combos. */
  readonly interactionsUrl: string | null;
  /** The self-test's golden file; null or a missing file → the self-test is skipped. */
  readonly goldenUrl: string | null;
}

export interface ExplainRules {
  /** Threshold per time bucket (the settings' active thresholds). */
  readonly thresholds: Readonly<Record<TimeBucket, number>>;
  readonly cutoffs: { readonly veryHigh: number; readonly high: number; readonly moderate: number };
}

export interface ExplainRequest {
  readonly type: 'explain';
  readonly requestId: number;
  /** The frames of one tick, as received (validated in the worker). */
  readonly frames: readonly unknown[];
  /** Threshold and confidence cut-offs to apply from now on; omitted → unchanged. */
  readonly rules?: ExplainRules;
}

export type ExplainWorkerRequest =
  ExplainInitRequest | ExplainRequest | ExplainResetRequest | CatchUpRequest;

// ---------------------------------------------------------------- responses (worker → UI)

export type SelfTestStatus = 'passed' | 'failed' | 'skipped';

export interface SelfTestReport {
  readonly status: SelfTestStatus;
  /** Rows compared, largest |model − golden| (NaN when none). */
  readonly rows: number;
  readonly maxAbsDiff: number;
  readonly detail: string;
}

export interface ExplainReadyResponse {
  readonly type: 'explain-ready';
  readonly requestId: number;
  /** False when the model is missing or failed its self-test: signals use the base rate. */
  readonly modelEnabled: boolean;
  readonly reason: string | null;
  readonly selfTest: SelfTestReport;
  readonly combos: number;
  readonly warnings: readonly string[];
}

export interface LevelSignalsResponse {
  readonly type: 'level_signals';
  readonly requestId: number;
  readonly signals: readonly LevelSignal[];
  readonly method: 'model' | 'base_rate';
  /** Why the method is base_rate; null with the model. */
  readonly reason: string | null;
  readonly rejected: { readonly count: number; readonly reasons: Readonly<Record<string, number>> };
  /** Model rows run for the tick. */
  readonly rows: number;
  readonly timings: {
    /** The one model batch (predictor.predict), ms. */
    readonly modelMs: number;
    /** Validation, vectors, planning, finishing and the signals, ms. */
    readonly attributionMs: number;
    /** Arrival in the worker → reply, ms. */
    readonly totalMs: number;
  };
  /** Engine warnings since the last response (e.g. a stratum without history). */
  readonly warnings: readonly string[];
}

/** Every successful explanation reply. */
export type ExplainWorkerReply =
  ExplainReadyResponse | LevelSignalsResponse | ExplainResetDoneResponse | LevelPredictionsResponse;

export type ExplainWorkerResponse = ExplainWorkerReply | ErrorResponse;

// ---------------------------------------------------------------- guards

const isUrlOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

function parseRules(v: unknown): GuardResult<ExplainRules> {
  if (!isRecord(v)) return fail('explain.rules must be an object');
  const t = v['thresholds'];
  const c = v['cutoffs'];
  if (!isRecord(t) || !isRecord(c)) return fail('explain.rules needs thresholds and cutoffs');
  const unit = (x: unknown): x is number => isFiniteNumber(x) && x >= 0 && x <= 1;
  const thresholds: Partial<Record<TimeBucket, number>> = {};
  for (const b of TIME_BUCKETS) {
    const x = t[b];
    if (!unit(x)) return fail(`explain.rules.thresholds.${b} must be in [0, 1]`);
    thresholds[b] = x;
  }
  const { veryHigh, high, moderate } = c;
  if (!unit(veryHigh) || !unit(high) || !unit(moderate))
    return fail('explain.rules.cutoffs must be in [0, 1]');
  const { T0_15, T15_30, T30_60, T60_120, T120_180 } = thresholds;
  if (
    T0_15 === undefined ||
    T15_30 === undefined ||
    T30_60 === undefined ||
    T60_120 === undefined ||
    T120_180 === undefined
  )
    return fail('explain.rules.thresholds incomplete');
  return ok({
    thresholds: { T0_15, T15_30, T30_60, T60_120, T120_180 },
    cutoffs: { veryHigh, high, moderate },
  });
}

/** Recognises the explanation requests; `null` when `data` is not one (another request type). */
export function parseExplainRequest(data: unknown): GuardResult<ExplainWorkerRequest> | null {
  if (!isRecord(data)) return null;
  const session = parseSessionRequest(data);
  if (session !== null) return session;
  const { type, requestId } = data;
  if (type !== 'explain-init' && type !== 'explain') return null;
  if (!isNonNegativeInteger(requestId)) return fail('requestId must be a non-negative integer');
  if (type === 'explain-init') {
    const { statsUrl, featureManifestUrl, interactionsUrl, goldenUrl } = data;
    if (typeof statsUrl !== 'string' || typeof featureManifestUrl !== 'string')
      return fail('explain-init needs statsUrl and featureManifestUrl');
    if (!isUrlOrNull(interactionsUrl) || !isUrlOrNull(goldenUrl))
      return fail('explain-init.interactionsUrl and goldenUrl must be strings or null');
    return ok({ type, requestId, statsUrl, featureManifestUrl, interactionsUrl, goldenUrl });
  }
  const { frames, rules } = data;
  if (!Array.isArray(frames)) return fail('explain.frames must be an array');
  const list: readonly unknown[] = frames;
  if (rules === undefined) return ok({ type, requestId, frames: list });
  const parsedRules = parseRules(rules);
  if (!parsedRules.ok) return parsedRules;
  return ok({ type, requestId, frames: list, rules: parsedRules.value });
}

function parseSelfTest(v: unknown): GuardResult<SelfTestReport> {
  if (!isRecord(v)) return fail('selfTest must be an object');
  const { status, rows, maxAbsDiff, detail } = v;
  if (status !== 'passed' && status !== 'failed' && status !== 'skipped')
    return fail('selfTest.status invalid');
  if (!isNonNegativeInteger(rows) || typeof maxAbsDiff !== 'number' || typeof detail !== 'string')
    return fail('selfTest needs rows, maxAbsDiff, detail');
  return ok({ status, rows, maxAbsDiff, detail });
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Checks an explanation response on the UI side; `null` when `data` is not one. */
export function parseExplainResponse(data: unknown): GuardResult<ExplainWorkerReply> | null {
  if (!isRecord(data)) return null;
  const session = parseSessionResponse(data);
  if (session !== null) return session;
  const { type, requestId } = data;
  if (type !== 'explain-ready' && type !== 'level_signals') return null;
  if (!isNonNegativeInteger(requestId)) return fail('requestId must be a non-negative integer');
  if (type === 'explain-ready') {
    const { modelEnabled, reason, combos, warnings } = data;
    const selfTest = parseSelfTest(data['selfTest']);
    if (!selfTest.ok) return selfTest;
    if (typeof modelEnabled !== 'boolean' || !(reason === null || typeof reason === 'string'))
      return fail('explain-ready needs modelEnabled and reason');
    if (!isNonNegativeInteger(combos) || !isStringArray(warnings))
      return fail('explain-ready needs combos and warnings');
    return ok({
      type,
      requestId,
      modelEnabled,
      reason,
      selfTest: selfTest.value,
      combos,
      warnings,
    });
  }
  const { signals, method, reason, rejected, rows, timings, warnings } = data;
  if (!Array.isArray(signals)) return fail('level_signals.signals must be an array');
  const parsed: LevelSignal[] = [];
  for (const s of signals) {
    const p = parseLevelSignal(s);
    if (!p.ok) return fail(`level_signals.signals: ${p.error}`);
    parsed.push(p.value);
  }
  if (method !== 'model' && method !== 'base_rate') return fail('level_signals.method invalid');
  if (!(reason === null || typeof reason === 'string')) return fail('level_signals.reason invalid');
  const rejectedCounts = parseRejectedCounts(rejected, 'level_signals');
  if (!rejectedCounts.ok) return fail(rejectedCounts.error);
  if (!isNonNegativeInteger(rows)) return fail('level_signals.rows invalid');
  if (!isRecord(timings)) return fail('level_signals.timings invalid');
  const { modelMs, attributionMs, totalMs } = timings;
  if (!isFiniteNumber(modelMs) || !isFiniteNumber(attributionMs) || !isFiniteNumber(totalMs))
    return fail('level_signals.timings invalid');
  if (!isStringArray(warnings)) return fail('level_signals.warnings invalid');
  return ok({
    type,
    requestId,
    signals: parsed,
    method,
    reason,
    rejected: rejectedCounts.value,
    rows,
    timings: { modelMs, attributionMs, totalMs },
    warnings,
  });
}

export function describeExplainMessage(m: ExplainWorkerRequest | ExplainWorkerReply): string {
  switch (m.type) {
    case 'explain-init':
      return `explain-init #${m.requestId}`;
    case 'explain':
      return `explain #${m.requestId} ${m.frames.length} frames`;
    case 'explain-ready':
      return `explain-ready #${m.requestId} model ${m.modelEnabled ? 'on' : 'off'} (self-test ${m.selfTest.status})`;
    case 'level_signals':
      return `level_signals #${m.requestId} ${m.signals.length} signals (${m.method})`;
    case 'explain-reset':
      return `explain-reset #${m.requestId}`;
    case 'explain-reset-done':
      return `explain-reset-done #${m.requestId}`;
    case 'catch-up':
      return `catch-up #${m.requestId} ${m.ticks.length} ticks${m.predict ? ' (p_break)' : ''}`;
    case 'level_predictions':
      return `level_predictions #${m.requestId} ${m.predictions.length} predictions (${m.method})`;
    default:
      return assertNever(m, 'message');
  }
}
