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

/**
 * How a feature enters a combo (tools/analysis/interactions.ts), so that "high" means "toward a
 * break": raw = the value; negated = −value; toward_break = value × dir_sign; closeness = −|value|.
 */
export type ComboTransform = 'raw' | 'negated' | 'toward_break' | 'closeness';

/**
 * A combo member: a vector feature (with its transform) or a driver's reading. `globalCut` is the
 * analysis' 75th percentile over all strata, used when the stratum's quantiles cannot express the
 * member (toward_break and closeness mix both directions / both sides of the level).
 */
export type ComboMember =
  | {
      readonly kind: 'feature';
      readonly index: number;
      readonly name: string;
      readonly transform?: ComboTransform;
      readonly globalCut?: number | null;
    }
  | {
      readonly kind: 'driver';
      readonly name: string;
      readonly reading: ReadingExpr;
      readonly globalCut?: number | null;
    };

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
  if (m.kind === 'driver') return evaluateReading(m.reading, x, direction);
  const v = x[m.index];
  switch (m.transform ?? 'raw') {
    case 'raw':
      return v;
    case 'negated':
      return -v;
    case 'toward_break':
      return direction === 'UP' ? v : -v;
    case 'closeness':
      return -Math.abs(v);
  }
}

/** The member's "high" cut in the stratum: its 75th percentile (of the transformed value). */
function memberThreshold(m: ComboMember, stratum: StratumStats): number | null {
  const levels = stratum.quantileLevels;
  const usable = (q: readonly number[] | undefined): q is readonly number[] =>
    q !== undefined && q.length > 0 && q.length === levels.length;
  const fallback = m.globalCut ?? null;
  if (m.kind === 'driver') {
    const q = stratum.driverQuantiles.get(m.name);
    return usable(q) ? quantileAt(COMBO_HIGH_QUANTILE, levels, q) : fallback;
  }
  const q = stratum.featureQuantiles[m.index];
  const transform = m.transform ?? 'raw';
  if (!usable(q) || transform === 'toward_break' || transform === 'closeness') return fallback;
  // −x above the 75th percentile of −x ⇔ x below the 25th percentile of x
  return transform === 'raw'
    ? quantileAt(COMBO_HIGH_QUANTILE, levels, q)
    : -quantileAt(1 - COMBO_HIGH_QUANTILE, levels, q);
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
