/**
 * The context panel's level sequence and session history, from the frames seen so far today
 * (docs/explanations.md § Context). Nothing looks ahead: an outcome is only known once a later
 * frame has shown it.
 *
 * - A touch: an active level's frame with |spot − level| ≤ max(0.25·ATR, 0.5 pt) while the level is
 *   armed; the level re-arms once |spot − level| > max(0.5·ATR, 1 pt) (the frame builder's touch
 *   rule, on 30-s frames).
 * - A touch cluster: a touch starts one unless the level's last cluster is still unresolved, has the
 *   same direction and its last touch is less than 15 min old (then the touch joins it).
 * - A cluster's outcome, from the level's later frames: BREAK once p = dir_sign·(spot − level)
 *   ≥ +0.5·ATR, REJECT once p ≤ −1·ATR, whichever comes first; UNRESOLVED until then.
 * - Level sequence: support = a level approached DOWN (price above it), resistance = UP. The n-th
 *   support (resistance) of the day is the order of the level's first touch as support
 *   (resistance) among today's levels; a level not yet touched in that role counts as the next one.
 */
import { LevelFrame, LevelKind, dirSign } from '../frame/level-frame';
import type { SessionHistoryItem } from '../signal/level-signal';
import { ordinal } from './driver-descriptions';

export const TOUCH_BAND_ATR = 0.25;
export const MIN_TOUCH_BAND_PTS = 0.5;
export const REARM_ATR = 0.5;
export const MIN_REARM_PTS = 1;
export const CLUSTER_GAP_MS = 15 * 60_000;
export const BREAK_THROUGH_ATR = 0.5;
export const REJECT_AWAY_ATR = 1.0;
/** At most this many earlier touches are listed in a signal (the most recent ones). */
export const MAX_HISTORY_ITEMS = 8;

interface Cluster {
  readonly levelKind: LevelKind;
  readonly ts: string;
  readonly startMs: number;
  readonly direction: 'UP' | 'DOWN';
  lastTouchMs: number;
  outcome: SessionHistoryItem['outcome'];
}

interface LevelState {
  armed: boolean;
  last: Cluster | null;
}

type Role = 'support' | 'resistance';
const roleOf = (f: Pick<LevelFrame, 'direction'>): Role =>
  f.direction === 'DOWN' ? 'support' : 'resistance';

export class SessionContextTracker {
  private sessionDate: string | null = null;
  private readonly levels = new Map<LevelKind, LevelState>();
  private clusters: Cluster[] = [];
  private firstTouch: Record<Role, LevelKind[]> = { support: [], resistance: [] };

  reset(): void {
    this.sessionDate = null;
    this.levels.clear();
    this.clusters = [];
    this.firstTouch = { support: [], resistance: [] };
  }

  /** Feeds one valid frame (all levels, in time order). */
  observe(frame: LevelFrame): void {
    if (frame.session_date !== this.sessionDate) {
      this.reset();
      this.sessionDate = frame.session_date;
    }
    if (!frame.level_active) return;
    let state = this.levels.get(frame.level_kind);
    if (state === undefined) {
      state = { armed: true, last: null };
      this.levels.set(frame.level_kind, state);
    }
    const t = Date.parse(frame.ts);
    const gap = Math.abs(frame.spot - frame.level_price);
    const atr = frame.atr;
    // resolve this level's open clusters with what this frame shows
    for (const c of this.clusters) {
      if (c.levelKind !== frame.level_kind || c.outcome !== 'UNRESOLVED' || c.startMs >= t)
        continue;
      const p = dirSign(c.direction) * (frame.spot - frame.level_price);
      if (p >= BREAK_THROUGH_ATR * atr) c.outcome = 'BREAK';
      else if (p <= -REJECT_AWAY_ATR * atr) c.outcome = 'REJECT';
    }
    if (gap > Math.max(REARM_ATR * atr, MIN_REARM_PTS)) state.armed = true;
    const touching = gap <= Math.max(TOUCH_BAND_ATR * atr, MIN_TOUCH_BAND_PTS);
    if (!touching || !state.armed) return;
    state.armed = false;
    const role = roleOf(frame);
    if (!this.firstTouch[role].includes(frame.level_kind))
      this.firstTouch[role].push(frame.level_kind);
    const last = state.last;
    if (
      last !== null &&
      last.outcome === 'UNRESOLVED' &&
      last.direction === frame.direction &&
      t - last.lastTouchMs < CLUSTER_GAP_MS
    ) {
      last.lastTouchMs = t;
      return;
    }
    const cluster: Cluster = {
      levelKind: frame.level_kind,
      ts: frame.ts,
      startMs: t,
      direction: frame.direction,
      lastTouchMs: t,
      outcome: 'UNRESOLVED',
    };
    state.last = cluster;
    this.clusters.push(cluster);
  }

  /** "2nd support of day" for the frame's level and role. */
  levelSequence(frame: Pick<LevelFrame, 'level_kind' | 'direction'>): string {
    const role = roleOf(frame);
    const order = this.firstTouch[role];
    const k = order.indexOf(frame.level_kind);
    return `${ordinal(k >= 0 ? k + 1 : order.length + 1)} ${role} of day`;
  }

  /** Today's touch clusters that started before the frame, oldest first (the last MAX_HISTORY_ITEMS). */
  sessionHistory(frame: Pick<LevelFrame, 'ts' | 'session_date'>): SessionHistoryItem[] {
    if (frame.session_date !== this.sessionDate) return [];
    const t = Date.parse(frame.ts);
    const earlier = this.clusters.filter((c) => c.startMs < t);
    return earlier
      .slice(-MAX_HISTORY_ITEMS)
      .map((c) => ({ level_kind: c.levelKind, ts: c.ts, outcome: c.outcome }));
  }
}
