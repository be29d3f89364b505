/**
 * Checks an untrusted `level_signal` message (docs/level-signal.md): every key of the original
 * format with its type, and the additions when present. Unknown extra keys are dropped.
 */
import { DIRECTIONS, LEVEL_KINDS, type Direction, type LevelKind } from '../frame/level-frame';
import {
  CONFIDENCE_TIERS,
  type ConfidenceTier,
  type LevelSignal,
  type SectionContribution,
  type SessionHistoryItem,
  type SignalCombo,
  type SignalDriver,
} from '../signal/level-signal';

export type SignalParse =
  | { readonly ok: true; readonly value: LevelSignal }
  | { readonly ok: false; readonly error: string };

class Invalid extends Error {}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function rec(v: unknown, where: string): Readonly<Record<string, unknown>> {
  if (!isRecord(v)) throw new Invalid(`${where} must be an object`);
  return v;
}
function num(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Invalid(`${where} must be a number`);
  return v;
}
function str(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new Invalid(`${where} must be a string`);
  return v;
}
function arr(v: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(v)) throw new Invalid(`${where} must be an array`);
  return v;
}
function oneOf<T extends string>(v: unknown, options: readonly T[], where: string): T {
  const hit = options.find((o) => o === v);
  if (hit === undefined) throw new Invalid(`${where} must be one of ${options.join(', ')}`);
  return hit;
}

function driver(v: unknown, where: string): SignalDriver {
  const d = rec(v, where);
  const base = {
    name: str(d['name'], `${where}.name`),
    strength: num(d['strength'], `${where}.strength`),
    edge: num(d['edge'], `${where}.edge`),
    description: str(d['description'], `${where}.description`),
  };
  return d['edge_se'] === undefined
    ? base
    : { ...base, edge_se: num(d['edge_se'], `${where}.edge_se`) };
}

function combo(v: unknown, where: string): SignalCombo {
  const c = rec(v, where);
  const active = c['active'];
  if (typeof active !== 'boolean') throw new Invalid(`${where}.active must be a boolean`);
  return {
    description: str(c['description'], `${where}.description`),
    edge: num(c['edge'], `${where}.edge`),
    active,
  };
}

function historyItem(v: unknown, where: string): SessionHistoryItem {
  const h = rec(v, where);
  const levelKind: LevelKind = oneOf(h['level_kind'], LEVEL_KINDS, `${where}.level_kind`);
  return {
    level_kind: levelKind,
    ts: str(h['ts'], `${where}.ts`),
    outcome: oneOf(h['outcome'], ['BREAK', 'REJECT', 'UNRESOLVED'] as const, `${where}.outcome`),
  };
}

function section(v: unknown, where: string): SectionContribution {
  const s = rec(v, where);
  const base = {
    section: str(s['section'], `${where}.section`),
    name: str(s['name'], `${where}.name`),
    edge: num(s['edge'], `${where}.edge`),
  };
  return s['edge_se'] === undefined
    ? base
    : { ...base, edge_se: num(s['edge_se'], `${where}.edge_se`) };
}

function parse(v: unknown): LevelSignal {
  const m = rec(v, 'level_signal');
  if (m['type'] !== 'level_signal') throw new Invalid('type must be "level_signal"');
  const lv = rec(m['level'], 'level');
  const direction: Direction = oneOf(lv['direction'], DIRECTIONS, 'level.direction');
  const p = rec(m['prediction'], 'prediction');
  const confidence: ConfidenceTier = oneOf(
    p['confidence'],
    CONFIDENCE_TIERS,
    'prediction.confidence',
  );
  const reasons = p['confidence_reasons'];
  const prediction = {
    p_break: num(p['p_break'], 'prediction.p_break'),
    p_reject: num(p['p_reject'], 'prediction.p_reject'),
    base_rate: num(p['base_rate'], 'prediction.base_rate'),
    edge: num(p['edge'], 'prediction.edge'),
    confidence,
    method: oneOf(p['method'], ['model', 'base_rate'] as const, 'prediction.method'),
    ...(p['method_reason'] === undefined
      ? {}
      : { method_reason: str(p['method_reason'], 'prediction.method_reason') }),
    ...(reasons === undefined
      ? {}
      : {
          confidence_reasons: arr(reasons, 'prediction.confidence_reasons').map((r, k) =>
            str(r, `prediction.confidence_reasons[${k}]`),
          ),
        }),
  };
  const dr = rec(m['drivers'], 'drivers');
  const ctx = rec(m['context'], 'context');
  const history = ctx['session_history'];
  const context = {
    time_bucket: str(ctx['time_bucket'], 'context.time_bucket'),
    time_bucket_label: str(ctx['time_bucket_label'], 'context.time_bucket_label'),
    level_sequence: str(ctx['level_sequence'], 'context.level_sequence'),
    ...(history === undefined
      ? {}
      : {
          session_history: arr(history, 'context.session_history').map((h, k) =>
            historyItem(h, `context.session_history[${k}]`),
          ),
        }),
  };
  const out: LevelSignal = {
    type: 'level_signal',
    timestamp: str(m['timestamp'], 'timestamp'),
    level: {
      kind: oneOf(lv['kind'], LEVEL_KINDS, 'level.kind'),
      price: num(lv['price'], 'level.price'),
      direction,
      distance_atr: num(lv['distance_atr'], 'level.distance_atr'),
    },
    prediction,
    drivers: {
      break: arr(dr['break'], 'drivers.break').map((d, k) => driver(d, `drivers.break[${k}]`)),
      reject: arr(dr['reject'], 'drivers.reject').map((d, k) => driver(d, `drivers.reject[${k}]`)),
    },
    combos: arr(m['combos'], 'combos').map((c, k) => combo(c, `combos[${k}]`)),
    context,
    ...(m['section_contributions'] === undefined
      ? {}
      : {
          section_contributions: arr(m['section_contributions'], 'section_contributions').map(
            (s, k) => section(s, `section_contributions[${k}]`),
          ),
        }),
    ...(m['empirical_break_rate'] === undefined
      ? {}
      : { empirical_break_rate: num(m['empirical_break_rate'], 'empirical_break_rate') }),
    ...(m['threshold'] === undefined ? {} : { threshold: num(m['threshold'], 'threshold') }),
    ...(m['decision'] === undefined
      ? {}
      : { decision: oneOf(m['decision'], ['BREAK', 'REJECT'] as const, 'decision') }),
    ...(m['timings'] === undefined
      ? {}
      : (() => {
          const t = rec(m['timings'], 'timings');
          return {
            timings: {
              model_ms: num(t['model_ms'], 'timings.model_ms'),
              attribution_ms: num(t['attribution_ms'], 'timings.attribution_ms'),
            },
          };
        })()),
  };
  return out;
}

export function parseLevelSignal(v: unknown): SignalParse {
  try {
    return { ok: true, value: parse(v) };
  } catch (e: unknown) {
    // Catches only this parser's own validation failures; anything else is a defect and rethrown.
    if (e instanceof Invalid) return { ok: false, error: e.message };
    throw e;
  }
}
