import { AtrTrack } from './atr';
import { LevelTrack } from './levels';
import { PriceSeries } from './price-series';
import { MINUTE_MS, SLOT_MS } from './session-clock';

/** A 10-s slot touches the level when its range comes within max(0.25·ATR, 0.5 pt) of it. */
export const TOUCH_BAND_ATR = 0.25;
export const MIN_TOUCH_BAND_PTS = 0.5;
/**
 * After a touch, a new touch counts only once a slot's whole range has been farther than
 * max(0.5·ATR, 1 pt) from the level (hysteresis, so that a price hovering at the band's edge is
 * one touch, not many).
 */
export const REARM_ATR = 0.5;
export const MIN_REARM_PTS = 1;
/** A touch at least this long after the previous one starts a new cluster. */
export const CLUSTER_GAP_MS = 15 * MINUTE_MS;
/** time_since_last_touch_sec when there was no touch (and its cap). */
export const NO_TOUCH_SEC = 900;

export interface TouchState {
  /** Touches of the level before the one in progress (all touches so far when the slot ending at t does not touch). */
  readonly priorTouches: number;
  /** Touches in the live cluster (0 when the last touch is 15 min old or there was none). */
  readonly attemptIndex: number;
  /** Seconds from the end of the last touching slot to t, capped at 900; 900 when none. */
  readonly timeSinceLastTouchSec: number;
  /** Epoch ms at which the live cluster's first touch became known (end of its first slot); null when no live cluster. */
  readonly clusterStartMs: number | null;
}

/**
 * Touch memory of one level, fed slot by slot in time order. A slot touches when its range comes
 * within the band of the level; a touch starts at a touching slot once the tracker is re-armed
 * (see REARM_ATR). Touches are counted only while the level is active (OR levels from 09:45) and
 * from the open. Each slot is judged with the level price and ATR known at the slot's end.
 */
export class TouchTracker {
  private nextSlot: number;
  private touches = 0;
  private touchingNow = false;
  private armed = true;
  private lastTouchEndMs: number | null = null;
  private clusterCount = 0;
  private clusterStartMs = 0;

  constructor(
    private readonly level: LevelTrack,
    private readonly series: PriceSeries,
    private readonly atr: AtrTrack,
    fromMs: number,
  ) {
    this.nextSlot = series.completedSlots(fromMs);
  }

  /** Processes every slot that ended at or before `tMs` and returns the state at `tMs`. */
  advanceTo(tMs: number): TouchState {
    const s = this.series;
    const done = s.completedSlots(tMs);
    for (; this.nextSlot < done; this.nextSlot++) {
      const i = this.nextSlot;
      const endMs = s.startMs + (i + 1) * SLOT_MS;
      const { price, active } = this.level.at(endMs);
      const atr = this.atr.atrAt(endMs);
      const band = Math.max(TOUCH_BAND_ATR * atr, MIN_TOUCH_BAND_PTS);
      // Distance from the level to the slot's range (0 when the range contains it).
      const gap = Math.max(0, s.low[i] - price, price - s.high[i]);
      const touching = active && gap <= band;
      if (gap > Math.max(REARM_ATR * atr, MIN_REARM_PTS)) this.armed = true;
      if (touching && this.armed) {
        this.armed = false;
        this.touches++;
        if (this.lastTouchEndMs === null || endMs - SLOT_MS - this.lastTouchEndMs >= CLUSTER_GAP_MS) {
          this.clusterCount = 1;
          this.clusterStartMs = endMs;
        } else {
          this.clusterCount++;
        }
      }
      if (touching) this.lastTouchEndMs = endMs;
      this.touchingNow = touching;
    }
    const last = this.lastTouchEndMs;
    const live = last !== null && tMs - last < CLUSTER_GAP_MS;
    return {
      priorTouches: this.touches - (this.touchingNow ? 1 : 0),
      attemptIndex: live ? this.clusterCount : 0,
      timeSinceLastTouchSec: last === null ? NO_TOUCH_SEC : Math.min(NO_TOUCH_SEC, (tMs - last) / 1000),
      clusterStartMs: live ? this.clusterStartMs : null,
    };
  }
}
