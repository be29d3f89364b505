/** Binary searches over arrays sorted by a time key `t` (epoch ms). */
export interface Timed {
  readonly t: number;
}

/** Number of items with `t ≤ tMs` (the index of the first item after `tMs`). */
export function countAtOrBefore(items: readonly Timed[], tMs: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].t <= tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
