/**
 * Split-gain penalties by driver (docs/trainer.md `featureGainScale`; measured in
 * docs/explanations.md § Model-side experiments): a driver's scale multiplies the gain of every
 * split on one of its features when the trainer picks a split.
 */
import { DEFAULT_DRIVERS } from '../../src/domain/vector/default-drivers';

const N_FEATURES = 144;

/** Adds `name → scale` to `out`; refuses unknown drivers and scales outside [0, 1] (`source` names the input). */
function addScale(out: Map<string, number>, name: string, scale: unknown, source: string): void {
  if (!DEFAULT_DRIVERS.some((d) => d.name === name))
    throw new Error(
      `${source}: no driver "${name}" (drivers: ${DEFAULT_DRIVERS.map((d) => d.name).join(', ')})`,
    );
  if (typeof scale !== 'number' || !(scale >= 0 && scale <= 1))
    throw new Error(`${source} "${name}": the scale must lie in [0, 1], got ${String(scale)}`);
  out.set(name, scale);
}

/** `"Name=0.5"` entries (the train command's option) → driver name → scale. */
export function parseDriverScales(entries: readonly string[]): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    const name = at < 0 ? '' : entry.slice(0, at).trim();
    const scale = at < 0 ? Number.NaN : Number(entry.slice(at + 1));
    if (name === '' || !Number.isFinite(scale))
      throw new Error(
        `--driver-gain-scale "${entry}": expected NAME=SCALE, e.g. "Approach Momentum=0.5"`,
      );
    addScale(out, name, scale, '--driver-gain-scale');
  }
  return out;
}

/** A manifest's `training.driver_gain_scale` object → driver name → scale. */
export function driverScalesOf(
  record: Readonly<Record<string, unknown>>,
): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const [name, scale] of Object.entries(record))
    addScale(out, name, scale, 'training.driver_gain_scale');
  return out;
}

/** The per-feature gain scale of the 144 features: each feature takes its driver's scale, else 1. */
export function driverGainScale(scales: ReadonlyMap<string, number>): Float64Array {
  const out = new Float64Array(N_FEATURES).fill(1);
  for (const d of DEFAULT_DRIVERS) {
    const s = scales.get(d.name);
    if (s === undefined) continue;
    for (const [a, b] of d.ranges) for (let f = a; f <= b; f++) out[f] = s;
  }
  return out;
}
