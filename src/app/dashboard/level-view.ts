import { LevelKind } from '../../domain/frame/level-frame';
import { LevelSignal, SignalLevel } from '../../domain/signal/level-signal';
import { DistanceLabel, distanceLabel } from '../../domain/time/distance-label';
import { ModelAvailability } from './source-status';

/** A signal older than this, measured in feed time, is stale and shows no probabilities. */
export const STALE_AFTER_MS = 90_000;

/**
 * What the dashboard may honestly show for a level:
 * - `live`: a fresh model prediction;
 * - `far`: the level is outside the approach zone (> 2 ATR), no number;
 * - `waiting`: in the zone but no signal received yet;
 * - `stale`: the latest signal is older than 90 s of feed time;
 * - `unavailable`: the prediction is the base rate (method `base_rate`) or the model is down.
 */
export type LevelState = 'live' | 'far' | 'waiting' | 'stale' | 'unavailable';

/** One model prediction of a level, for the p_break timeline. */
export interface PBreakPoint {
  readonly ts: string;
  readonly p_break: number;
  /** The signal's time bucket (the threshold in force depends on it). */
  readonly bucket: string;
}

/** The store's memory of one level: where it is now and its latest signal. */
export interface LevelEntry {
  readonly level: SignalLevel;
  /** Feed time (ms) of the latest position. */
  readonly positionMs: number;
  readonly signal: LevelSignal | null;
  /** Feed time (ms) of `signal`. */
  readonly signalMs: number | null;
  /** Recent model p_break values, oldest first. */
  readonly pBreakHistory: readonly number[];
  /** Today's model predictions, oldest first (the timeline). */
  readonly timeline: readonly PBreakPoint[];
}

export interface LevelView {
  readonly kind: LevelKind;
  readonly price: number;
  readonly direction: SignalLevel['direction'];
  readonly distanceAtr: number;
  readonly distanceLabel: DistanceLabel;
  readonly state: LevelState;
  readonly signal: LevelSignal | null;
  /** Feed-time age of the signal, ms; null without a signal. */
  readonly signalAgeMs: number | null;
  readonly pBreakHistory: readonly number[];
  readonly timeline: readonly PBreakPoint[];
}

export function levelView(
  entry: LevelEntry,
  feedTimeMs: number,
  model: ModelAvailability,
): LevelView {
  const label = distanceLabel(entry.level.distance_atr);
  const signalAgeMs = entry.signalMs === null ? null : feedTimeMs - entry.signalMs;
  return {
    kind: entry.level.kind,
    price: entry.level.price,
    direction: entry.level.direction,
    distanceAtr: entry.level.distance_atr,
    distanceLabel: label,
    state: levelState(entry, label, signalAgeMs, model),
    signal: entry.signal,
    signalAgeMs,
    pBreakHistory: entry.pBreakHistory,
    timeline: entry.timeline,
  };
}

function levelState(
  entry: LevelEntry,
  label: DistanceLabel,
  signalAgeMs: number | null,
  model: ModelAvailability,
): LevelState {
  if (label === 'Far') return 'far';
  if (entry.signal === null || signalAgeMs === null)
    return model === 'unavailable' ? 'unavailable' : 'waiting';
  if (signalAgeMs > STALE_AFTER_MS) return 'stale';
  if (entry.signal.prediction.method === 'base_rate' || model === 'unavailable') {
    return 'unavailable';
  }
  return 'live';
}

/** Watchlist order: nearest first; ties by kind so the order is stable. */
export function byProximity(a: LevelView, b: LevelView): number {
  return a.distanceAtr - b.distanceAtr || a.kind.localeCompare(b.kind);
}
