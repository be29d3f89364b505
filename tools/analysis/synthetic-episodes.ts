/**
 * Synthetic analyst episodes with planted effects, for the analysis tests (fast, exact control):
 * - break rate by bucket: T30_60 clearly highest;
 * - OR_LOW approached from below breaks less;
 * - an interaction between −gamma_exposure and flow_alignment (the "dealer short gamma × order
 *   flow" pair), none between level_stacking_5pt and gex_asymmetry (a null pair);
 * - CHOP rows mixed in.
 * Rows are written in the documented analyst format (docs/episodes-input.md).
 */
import { mulberry32, normalSampler } from '../../src/domain/stats';
import {
  TIME_BUCKETS,
  TIME_BUCKET_STARTS,
  type TimeBucket,
} from '../../src/domain/time/time-bucket';

export const PLANTED_BUCKET_OFFSET: Readonly<Record<TimeBucket, number>> = {
  T0_15: -0.2,
  T15_30: 0,
  T30_60: 0.9,
  T60_120: -0.2,
  T120_180: -0.4,
};

export interface SyntheticOptions {
  readonly days: number;
  readonly perDay: number;
  readonly seed: number;
  /** Coefficient of the planted product term. */
  readonly interaction?: number;
}

const KINDS = ['PM_HIGH', 'PM_LOW', 'OR_HIGH', 'OR_LOW'] as const;
const MINUTES: Readonly<Record<TimeBucket, number>> = {
  T0_15: 15,
  T15_30: 15,
  T30_60: 30,
  T60_120: 60,
  T120_180: 60,
};

function weekday(k: number): string {
  const d = new Date(Date.UTC(2025, 0, 6));
  let added = 0;
  while (added < k) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) added++;
  }
  return d.toISOString().slice(0, 10);
}

export type SyntheticRow = Record<string, string | number>;

export function syntheticEpisodes(o: SyntheticOptions): SyntheticRow[] {
  const rng = mulberry32(o.seed);
  const normal = normalSampler(rng);
  const beta = o.interaction ?? 0.8;
  const rows: SyntheticRow[] = [];
  for (let day = 0; day < o.days; day++) {
    const date = weekday(day);
    for (let e = 0; e < o.perDay; e++) {
      const bucket = TIME_BUCKETS[Math.floor(rng.next() * TIME_BUCKETS.length)];
      const minute = TIME_BUCKET_STARTS[bucket] + rng.next() * MINUTES[bucket] * 0.999;
      const kind = KINDS[Math.floor(rng.next() * KINDS.length)];
      const direction = rng.next() < 0.5 ? 'UP' : 'DOWN';
      const g = normal();
      const f = normal();
      const stack = Math.floor(rng.next() * 3);
      const asym = normal();
      const dist = -Math.abs(normal());
      const z =
        PLANTED_BUCKET_OFFSET[bucket] +
        (kind === 'OR_LOW' && direction === 'UP' ? -0.6 : 0) +
        0.5 * -g +
        0.6 * f +
        beta * -g * f +
        0.4 * dist;
      const pBreak = 1 / (1 + Math.exp(-z));
      const outcome = rng.next() < 0.2 ? 'CHOP' : rng.next() < pBreak ? 'BREAK' : 'REJECT';
      const t = Date.parse(`${date}T14:30:00Z`) + Math.round(minute * 60) * 1000;
      rows.push({
        date,
        ts: new Date(t).toISOString(),
        level_kind: kind,
        direction,
        time_bucket: bucket,
        outcome,
        minutes_since_open: Math.round(minute * 100) / 100,
        gamma_exposure: g,
        flow_alignment: f,
        level_stacking_5pt: stack,
        gex_asymmetry: asym,
        micro_distance_signed_atr_t0: dist,
        momentum_trend_20min: normal(),
        ofi_acceleration: normal(),
        micro_barrier_delta_liq_log_t0: normal(),
        atr: 2 + rng.next(),
      });
    }
  }
  return rows;
}

export function toCsv(rows: readonly SyntheticRow[]): string {
  const cols = Object.keys(rows[0]);
  return (
    [cols.join(','), ...rows.map((r) => cols.map((c) => String(r[c])).join(','))].join('\n') + '\n'
  );
}

export function toNdjson(rows: readonly Record<string, unknown>[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}
