/**
 * Combos (docs/explanations.md § Combos): significant interaction pairs from
 * feature_interactions.json. A combo is active for a frame when both of its members are above
 * their 75th percentile in the frame's stratum; its edge is the measured break-rate lift of the
 * high/high cell over the base rate (a historical figure, not part of the attributed edge).
 */
import type { Direction } from '../frame/level-frame';
import type { SignalCombo } from '../signal/level-signal';
import { ReadingExpr, evaluateReading } from '../vector/driver-reading';
import type { StratumStats } from './historical-stats';
import { quantileAt } from './percentile';

/** A combo member: a vector feature or a driver's reading. */
export type ComboMember =
  | { readonly kind: 'feature'; readonly index: number; readonly name: string }
  | { readonly kind: 'driver'; readonly name: string; readonly reading: ReadingExpr };

export interface ComboDefinition {
  readonly key: string;
  readonly description: string;
  readonly members: readonly [ComboMember, ComboMember];
  /** Break-rate lift of the high/high cell over the base rate, probability points. */
  readonly edge: number;
}

/** Percentile above which a member counts as "high". */
export const COMBO_HIGH_QUANTILE = 0.75;

function memberValue(m: ComboMember, x: ArrayLike<number>, direction: Direction): number {
  return m.kind === 'feature' ? x[m.index] : evaluateReading(m.reading, x, direction);
}

function memberThreshold(m: ComboMember, stratum: StratumStats): number | null {
  const q =
    m.kind === 'feature' ? stratum.featureQuantiles[m.index] : stratum.driverQuantiles.get(m.name);
  if (q === undefined || q.length === 0 || q.length !== stratum.quantileLevels.length) return null;
  return quantileAt(COMBO_HIGH_QUANTILE, stratum.quantileLevels, q);
}

/**
 * Every combo with its `active` flag for this frame; active ones first (then by |edge|). A combo
 * whose members have no quantiles in the stratum is listed as inactive.
 */
export function evaluateCombos(
  combos: readonly ComboDefinition[],
  x: ArrayLike<number>,
  direction: Direction,
  stratum: StratumStats | null,
): SignalCombo[] {
  const out = combos.map((c): SignalCombo => {
    let active = stratum !== null;
    if (stratum !== null) {
      for (const m of c.members) {
        const t = memberThreshold(m, stratum);
        if (t === null || !(memberValue(m, x, direction) > t)) active = false;
      }
    }
    return { description: c.description, edge: c.edge, active };
  });
  return out.sort(
    (a, b) => Number(b.active) - Number(a.active) || Math.abs(b.edge) - Math.abs(a.edge),
  );
}
