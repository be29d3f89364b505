import { BarrierState, Direction } from '../frame/level-frame';
import { DepthLevel, DepthSnapshot } from '../market/market-day';
import { MINUTE_MS } from './session-clock';
import { countAtOrBefore } from './sorted-search';

/** Resting orders within this many points of the level form its barrier. */
export const BARRIER_BAND_PTS = 2;
export const BARRIER_DELTA_WINDOWS_MIN = [1, 3, 5] as const;
const LONGEST_DELTA_MS = Math.max(...BARRIER_DELTA_WINDOWS_MIN) * MINUTE_MS;
/** Window of barrier_delta_liq and barrier_replenishment_ratio. */
export const BARRIER_FLOW_WINDOW_MS = 4 * MINUTE_MS;
/** Window of the trailing mean depth in wall_ratio. */
export const WALL_WINDOW_MS = 30 * MINUTE_MS;
/** Cap of barrier_replenishment_ratio (also its value when depth grew and never fell). */
export const MAX_REPLENISHMENT_RATIO = 10;

/** barrier_state thresholds (see docs/frame-fields.md). */
export const BARRIER_THRESHOLDS = {
  /** wall_ratio below this: VACUUM. */
  vacuumWallRatio: 0.25,
  /** wall_ratio at or above this: WALL. */
  wallWallRatio: 2,
  /** replenishment below this and depth down by more than consumedDropShare of the trailing mean: CONSUMED. */
  consumedReplenishment: 0.5,
  consumedDropShare: 0.2,
  /** replenishment at or above this, with some depth taken: ABSORPTION. */
  absorptionReplenishment: 1.5,
  /** wall_ratio below this: WEAK. */
  weakWallRatio: 0.75,
} as const;

const EPS = 1e-9;

export interface BarrierReading {
  readonly depthCurrent: number;
  /** depth now − depth 1 / 3 / 5 min ago. */
  readonly deltas: readonly number[];
  readonly deltaLiq: number;
  readonly replenishmentRatio: number;
  readonly wallRatio: number;
  readonly state: BarrierState;
}

/** Depth-series value of a snapshot whose visible book does not reach across the band. */
const UNSEEN = -1;

const NEUTRAL_READING: BarrierReading = {
  depthCurrent: 0,
  deltas: BARRIER_DELTA_WINDOWS_MIN.map(() => 0),
  deltaLiq: 0,
  replenishmentRatio: 1,
  wallRatio: 1,
  state: 'NEUTRAL',
};

/**
 * Resting depth within 2 pts of a level on the side being approached (asks for UP, bids for
 * DOWN), from the 10-s depth snapshots at or before t. The level and side of time t are used for
 * every snapshot of the look-back.
 *
 * A snapshot sees the band only when its side reaches past it (deepest ask ≥ level + 2 for UP,
 * deepest bid ≤ level − 2 for DOWN); beyond the visible book depth is unknown, not zero, so unseen
 * snapshots are skipped: "depth at τ" is the last snapshot at or before τ, moved forward to the
 * first one that sees the band (the first snapshot stands in when τ precedes the feed); the
 * replenishment sums only consecutive pairs that both see it; the trailing mean averages only
 * snapshots that see it. When the current snapshot does not see the band the reading is neutral
 * (depth 0, deltas 0, ratios 1, NEUTRAL).
 */
export class BarrierCalculator {
  /** Depth per snapshot for one (side, level), filled lazily (NaN = not computed yet, −1 = unseen). */
  private readonly cache = new Map<string, Float64Array>();
  private readonly bidsSorted: Uint8Array;
  private readonly asksSorted: Uint8Array;
  /** Deepest visible bid / ask price of each snapshot. */
  private readonly deepestBid: Float64Array;
  private readonly deepestAsk: Float64Array;

  constructor(private readonly snapshots: readonly DepthSnapshot[]) {
    this.bidsSorted = Uint8Array.from(snapshots, (s) => (isMonotonic(s.bids) ? 1 : 0));
    this.asksSorted = Uint8Array.from(snapshots, (s) => (isMonotonic(s.asks) ? 1 : 0));
    this.deepestBid = Float64Array.from(snapshots, (s) => s.bids.reduce((m, [p]) => Math.min(m, p), Infinity));
    this.deepestAsk = Float64Array.from(snapshots, (s) => s.asks.reduce((m, [p]) => Math.max(m, p), -Infinity));
  }

  at(tMs: number, level: number, direction: Direction): BarrierReading {
    const snaps = this.snapshots;
    const now = countAtOrBefore(snaps, tMs) - 1;
    if (now < 0) return NEUTRAL_READING;
    const wallStart = countAtOrBefore(snaps, tMs - WALL_WINDOW_MS);
    // The earliest snapshot any window reads: the wall window's first or the 5-min delta's.
    const earliest = Math.min(wallStart, this.indexAt(tMs - LONGEST_DELTA_MS));
    const depth = this.filledSeries(level, direction, earliest, now);
    const current = depth[now];
    if (current === UNSEEN) return NEUTRAL_READING;
    const seenFrom = (tau: number): number => {
      let i = this.indexAt(tau);
      while (i < now && depth[i] === UNSEEN) i++;
      return i;
    };
    const deltas = BARRIER_DELTA_WINDOWS_MIN.map((w) => current - depth[seenFrom(tMs - w * MINUTE_MS)]);

    const flowStart = seenFrom(tMs - BARRIER_FLOW_WINDOW_MS);
    let increases = 0;
    let decreases = 0;
    for (let i = flowStart + 1; i <= now; i++) {
      if (depth[i] === UNSEEN || depth[i - 1] === UNSEEN) continue;
      const d = depth[i] - depth[i - 1];
      if (d > 0) increases += d;
      else decreases -= d;
    }
    const deltaLiq = current - depth[flowStart];
    const replenishmentRatio =
      decreases > EPS ? Math.min(increases / decreases, MAX_REPLENISHMENT_RATIO) : increases > EPS ? MAX_REPLENISHMENT_RATIO : 1;

    let sum = 0;
    let seen = 0;
    for (let i = wallStart; i <= now; i++) {
      if (depth[i] === UNSEEN) continue;
      sum += depth[i];
      seen++;
    }
    const mean = sum / seen;
    const wallRatio = mean > EPS ? current / mean : 1;
    const state = classifyBarrier(wallRatio, replenishmentRatio, deltaLiq, decreases, mean);
    return { depthCurrent: current, deltas, deltaLiq, replenishmentRatio, wallRatio, state };
  }

  /** Index of the last snapshot at or before τ, or the first snapshot when τ precedes it. */
  private indexAt(tau: number): number {
    return Math.max(0, countAtOrBefore(this.snapshots, tau) - 1);
  }

  /** The (side, level) depth series with snapshots from … to (inclusive) computed. */
  private filledSeries(level: number, direction: Direction, from: number, to: number): Float64Array {
    const key = `${direction}:${level}`;
    let series = this.cache.get(key);
    if (!series) {
      series = new Float64Array(this.snapshots.length).fill(NaN);
      this.cache.set(key, series);
    }
    for (let i = from; i <= to; i++) {
      if (!Number.isNaN(series[i])) continue;
      const snap = this.snapshots[i];
      if (direction === 'UP') {
        series[i] = this.deepestAsk[i] >= level + BARRIER_BAND_PTS - EPS ? depthNear(snap.asks, level, this.asksSorted[i] === 1) : UNSEEN;
      } else {
        series[i] = this.deepestBid[i] <= level - BARRIER_BAND_PTS + EPS ? depthNear(snap.bids, level, this.bidsSorted[i] === 1) : UNSEEN;
      }
    }
    return series;
  }
}

/**
 * Contracts resting at prices within 2 pts of the level. A side sorted away from the touch (bids
 * descending, asks ascending, as the feed delivers them) is searched by bisection; any other order
 * is scanned in full.
 */
export function depthNear(side: readonly DepthLevel[], level: number, sorted = isMonotonic(side)): number {
  const lo = level - BARRIER_BAND_PTS - EPS;
  const hi = level + BARRIER_BAND_PTS + EPS;
  const n = side.length;
  if (n === 0) return 0;
  const ascending = side[n - 1][0] >= side[0][0];
  if (!sorted) {
    let s = 0;
    for (let i = 0; i < n; i++) if (side[i][0] >= lo && side[i][0] <= hi) s += side[i][1];
    return s;
  }
  // First index inside the band when walking in the side's order.
  let a = 0;
  let b = n;
  while (a < b) {
    const m = (a + b) >>> 1;
    const p = side[m][0];
    if (ascending ? p < lo : p > hi) a = m + 1;
    else b = m;
  }
  let s = 0;
  for (let i = a; i < n; i++) {
    const p = side[i][0];
    if (ascending ? p > hi : p < lo) break;
    s += side[i][1];
  }
  return s;
}

/** True when the side's prices never change direction (all ascending or all descending). */
export function isMonotonic(side: readonly DepthLevel[]): boolean {
  const ascending = side.length > 0 && side[side.length - 1][0] >= side[0][0];
  for (let i = 1; i < side.length; i++) {
    if (ascending ? side[i][0] < side[i - 1][0] : side[i][0] > side[i - 1][0]) return false;
  }
  return true;
}

/**
 * First match wins: VACUUM (wall_ratio < 0.25), WALL (wall_ratio ≥ 2), CONSUMED (replenishment
 * < 0.5 and depth down by more than 20 % of the trailing mean over 4 min), ABSORPTION
 * (replenishment ≥ 1.5 while some depth was taken), WEAK (wall_ratio < 0.75), else NEUTRAL.
 */
export function classifyBarrier(
  wallRatio: number,
  replenishmentRatio: number,
  deltaLiq: number,
  decreases: number,
  trailingMean: number,
): BarrierState {
  const t = BARRIER_THRESHOLDS;
  if (wallRatio < t.vacuumWallRatio) return 'VACUUM';
  if (wallRatio >= t.wallWallRatio) return 'WALL';
  if (replenishmentRatio < t.consumedReplenishment && deltaLiq < -t.consumedDropShare * trailingMean) return 'CONSUMED';
  if (replenishmentRatio >= t.absorptionReplenishment && decreases > EPS) return 'ABSORPTION';
  if (wallRatio < t.weakWallRatio) return 'WEAK';
  return 'NEUTRAL';
}
