/**
 * A truth record (pentaview-truth/1) as a point of the truth game (truth-game.ts): its causes, its
 * position and the σ/ATR the record implies.
 */
import type { Direction, LevelKind } from '../frame/level-frame';
import { DEFAULT_SIM_PARAMS, type SimParams, timeBucketOf } from './sim-params';
import {
  CAUSE_KEYS,
  TRUTH_GAME_HORIZON_SEC,
  probabilityAt,
  type CauseKey,
  type TruthPoint,
} from './truth-game';

/** The fields of a truth record (pentaview-truth/1) a point is built from. */
export interface TruthRecordFields {
  readonly minutes_since_open: number;
  readonly direction: Direction;
  readonly distance_signed_atr: number;
  readonly engaged_level_kind: LevelKind;
  readonly engaged_direction: Direction;
  readonly baseline_4: number;
  readonly causes: Readonly<Record<CauseKey, number>>;
}

/**
 * The point of a truth record. The record does not hold σ/ATR; it is recovered from `baseline_4`
 * (= P at the reference distance with the constant drift only, a function of σ/ATR alone there).
 */
export function truthPointOfRecord(
  rec: TruthRecordFields,
  params: SimParams = DEFAULT_SIM_PARAMS,
): TruthPoint {
  const p = params.propensity;
  const bucket = timeBucketOf(Math.max(0, rec.minutes_since_open));
  const driftSign: 1 | -1 = rec.direction === rec.engaged_direction ? 1 : -1;
  const constant =
    p.base + p.kindDirection[kindDirection(rec.engaged_level_kind, rec.engaged_direction)];
  const shrink = p.shrink[bucket];
  const causes = {} as Record<CauseKey, number>;
  for (const k of CAUSE_KEYS) causes[k] = rec.causes[k];
  return {
    positionAtr: -Math.abs(rec.distance_signed_atr),
    volPerSqrtSecAtr: volFromBaseline(
      rec.baseline_4,
      driftSign * shrink * constant,
      -p.referenceDistanceAtr,
    ),
    driftSign,
    constant,
    shrink,
    sessionOffset: p.sessionOffset[bucket],
    causes,
  };
}

function kindDirection(kind: LevelKind, dir: Direction): `${LevelKind}:${Direction}` {
  return `${kind}:${dir}`;
}

/**
 * σ/ATR such that P(position, ν, σ/ATR, 4 min) = p. From the reference distance P rises with
 * σ/ATR (REJECT is nearer) from 0 at 0.01 (far below any session's σ/ATR, ≈ 0.03–0.3) to its
 * infinite-horizon value, so a bisection on ln σ/ATR over [0.01, 10] finds it.
 */
export function volFromBaseline(p: number, nu: number, position: number): number {
  const f = (lnVol: number): number =>
    probabilityAt(position, Math.exp(lnVol), nu, TRUTH_GAME_HORIZON_SEC) - p;
  let lo = Math.log(0.01);
  let hi = Math.log(10);
  if (f(lo) >= 0) return Math.exp(lo);
  if (f(hi) <= 0) return Math.exp(hi);
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return Math.exp(0.5 * (lo + hi));
}
