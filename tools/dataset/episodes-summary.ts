import { EpisodeRow } from './episode-rows';

export interface CalibrationBin {
  readonly from: number;
  readonly to: number;
  readonly n: number;
  readonly breaks: number;
  readonly rejects: number;
  /** Observed P(BREAK | BREAK or REJECT) in the bin; null when it has no decided row. */
  readonly observed: number | null;
  /** Mean truth p_break of the bin's decided rows; null when none. */
  readonly meanTruth: number | null;
}

/**
 * Labels against the simulator's own probability: rows with truth are binned by truth p_break at
 * the horizon, and each bin's observed break share among decided rows is compared with its mean
 * truth probability. A labeler that agrees with the generator gives observed ≈ mean truth.
 */
export function labelCalibration(
  rows: readonly EpisodeRow[],
  horizon: '2' | '4' | '8',
  edges: readonly number[] = [0, 0.2, 0.4, 0.6, 0.8, 1],
): CalibrationBin[] {
  const bins: CalibrationBin[] = [];
  for (let b = 0; b + 1 < edges.length; b++) {
    const from = edges[b];
    const to = edges[b + 1];
    const last = b + 2 === edges.length;
    let n = 0;
    let breaks = 0;
    let rejects = 0;
    let truthSum = 0;
    for (const r of rows) {
      const p = r.truth?.p_break[horizon];
      if (p === undefined || p < from || (last ? p > to : p >= to)) continue;
      n++;
      const o = r.outcomes[horizon];
      if (o === 'BREAK') breaks++;
      else if (o === 'REJECT') rejects++;
      else continue;
      truthSum += p;
    }
    const decided = breaks + rejects;
    bins.push({
      from,
      to,
      n,
      breaks,
      rejects,
      observed: decided === 0 ? null : breaks / decided,
      meanTruth: decided === 0 ? null : truthSum / decided,
    });
  }
  return bins;
}

/** Share of rows with each outcome, in percent. */
export function outcomeShares(
  rows: readonly EpisodeRow[],
): Record<'BREAK' | 'REJECT' | 'CHOP', number> {
  const pct = (o: string) =>
    rows.length === 0 ? 0 : (100 * rows.filter((r) => r.outcome === o).length) / rows.length;
  return { BREAK: pct('BREAK'), REJECT: pct('REJECT'), CHOP: pct('CHOP') };
}
