import { Direction } from '../frame/level-frame';
import { LevelTruth, PropensityCauses } from './break-propensity';
import { DRIVER_NAMES, DriverName, PLANTED_PLAYERS } from './drivers';

/** Levels the generator plants (the optional moving averages are not planted). */
export const PLANTED_LEVEL_KINDS = ['PM_HIGH', 'PM_LOW', 'OR_HIGH', 'OR_LOW'] as const;
export type PlantedLevelKind = (typeof PLANTED_LEVEL_KINDS)[number];
export const TRUTH_SCHEMA = 'pentaview-truth/1';

export type PropensityCausesRecord = Omit<PropensityCauses, 'levelKind' | 'direction' | 'bucket'>;

/** One ground-truth record: the generator's own probability for an in-zone (frame time, level). */
export interface TruthRecord {
  readonly schema: typeof TRUTH_SCHEMA;
  readonly ts: string;
  readonly session_date: string;
  readonly minutes_since_open: number;
  readonly level_kind: PlantedLevelKind;
  readonly level_price: number;
  readonly direction: Direction;
  readonly spot: number;
  readonly atr: number;
  readonly distance_signed_atr: number;
  /** True when this level is the one driving price (the closest in-zone level). */
  readonly engaged: boolean;
  readonly engaged_level_kind: PlantedLevelKind;
  /** Direction of the engagement (fixed for the whole visit; the causes are signed with it). */
  readonly engaged_direction: Direction;
  /** P(BREAK | BREAK or REJECT) at 2, 4 and 8 minutes. */
  readonly p_break: { readonly '2': number; readonly '4': number; readonly '8': number };
  readonly baseline_4: number;
  /** Exact Shapley contribution of every driver (0 for controls) and of the hidden term, 4-min horizon. */
  readonly contributions_4: Readonly<Record<DriverName | 'Hidden', number>>;
  /** The engaged level's cause values (engagement-signed, standardised). */
  readonly causes: PropensityCausesRecord;
}

export interface TruthRecordInput {
  readonly tMs: number;
  readonly date: string;
  readonly minutesSinceOpen: number;
  readonly levelKind: PlantedLevelKind;
  readonly levelPrice: number;
  readonly direction: Direction;
  readonly spot: number;
  readonly atr: number;
  readonly engaged: boolean;
  readonly engagedKind: PlantedLevelKind;
  readonly engagedDirection: Direction;
  readonly causes: PropensityCauses;
  readonly truth: LevelTruth;
}

/** The truth record of one (frame time, level): controls at exactly 0. */
export function truthRecord(i: TruthRecordInput): TruthRecord {
  const contributions: Record<DriverName | 'Hidden', number> = {};
  for (const name of DRIVER_NAMES) contributions[name] = 0;
  for (const name of PLANTED_PLAYERS) contributions[name] = i.truth.contributions4[name];
  const { levelKind: _k, direction: _d, bucket: _b, ...causeValues } = i.causes;
  return {
    schema: TRUTH_SCHEMA,
    ts: new Date(i.tMs).toISOString(),
    session_date: i.date,
    minutes_since_open: i.minutesSinceOpen,
    level_kind: i.levelKind,
    level_price: i.levelPrice,
    direction: i.direction,
    spot: i.spot,
    atr: i.atr,
    distance_signed_atr: (i.spot - i.levelPrice) / i.atr,
    engaged: i.engaged,
    engaged_level_kind: i.engagedKind,
    engaged_direction: i.engagedDirection,
    p_break: i.truth.pBreak,
    baseline_4: i.truth.baseline4,
    contributions_4: contributions,
    causes: causeValues,
  };
}
