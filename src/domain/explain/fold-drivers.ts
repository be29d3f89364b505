/**
 * Splits attributed drivers into the BREAK list (edge > 0) and the REJECT list (edge < 0), each
 * sorted by |edge|, and folds the small ones into one "Other drivers" row so that the rows shown
 * still add up exactly to the edge.
 */
import type { SignalDriver } from '../signal/level-signal';

export const OTHER_DRIVERS = 'Other drivers';

export interface FoldOptions {
  /** Drivers with |edge| below this (probability points) are folded. Default 0.005 (0.5 pp). */
  readonly minEdge?: number;
  /** At most this many named drivers per list; the rest are folded. Default 5. */
  readonly maxPerSide?: number;
}

export interface FoldedDrivers {
  readonly break: SignalDriver[];
  readonly reject: SignalDriver[];
  /** Names of the drivers folded into "Other drivers" (including zero-edge ones). */
  readonly folded: string[];
}

export const DEFAULT_MIN_SHOWN_EDGE = 0.005;
export const DEFAULT_MAX_DRIVERS_PER_SIDE = 5;

const byMagnitude = (a: SignalDriver, b: SignalDriver): number =>
  Math.abs(b.edge) - Math.abs(a.edge);

/**
 * The shown lists. Every driver ends up either named in one list or in the folded sum; the folded
 * sum (if not exactly 0) becomes one "Other drivers" row on the side of its sign, with strength 50,
 * the folded edges' standard errors combined as √Σse² (treating them as independent) and a
 * description naming how many drivers it holds. Σ shown edges = Σ all edges (same summation order
 * up to floating-point rounding, ≤ 1e-15).
 */
export function foldDrivers(
  drivers: readonly SignalDriver[],
  options: FoldOptions = {},
): FoldedDrivers {
  const minEdge = options.minEdge ?? DEFAULT_MIN_SHOWN_EDGE;
  const maxPerSide = options.maxPerSide ?? DEFAULT_MAX_DRIVERS_PER_SIDE;
  const positive = drivers.filter((d) => d.edge > 0 && d.edge >= minEdge).sort(byMagnitude);
  const negative = drivers.filter((d) => d.edge < 0 && -d.edge >= minEdge).sort(byMagnitude);
  const shownBreak = positive.slice(0, maxPerSide);
  const shownReject = negative.slice(0, maxPerSide);
  const shown = new Set<SignalDriver>([...shownBreak, ...shownReject]);
  const rest = drivers.filter((d) => !shown.has(d));
  let otherEdge = 0;
  let otherVar = 0;
  for (const d of rest) {
    otherEdge += d.edge;
    otherVar += (d.edge_se ?? 0) ** 2;
  }
  const folded = rest.map((d) => d.name);
  const nonZero = rest.filter((d) => d.edge !== 0).length;
  if (otherEdge !== 0) {
    const other: SignalDriver = {
      name: OTHER_DRIVERS,
      strength: 50,
      edge: otherEdge,
      edge_se: Math.sqrt(otherVar),
      description: `${nonZero} smaller driver${nonZero === 1 ? '' : 's'} combined`,
    };
    (otherEdge > 0 ? shownBreak : shownReject).push(other);
  }
  return { break: shownBreak, reject: shownReject, folded };
}

/** Σ edges of the shown rows. */
export function shownEdgeSum(folded: Pick<FoldedDrivers, 'break' | 'reject'>): number {
  let s = 0;
  for (const d of folded.break) s += d.edge;
  for (const d of folded.reject) s += d.edge;
  return s;
}
