/**
 * Figures of the attribution validation (docs/explanations.md § Validation): per-frame Spearman ρ
 * between attributed and true driver edges, and per-driver Pearson r and mean |edge|, for one
 * definition of the truth.
 */
import { pearson, spearman } from '../../src/domain/stats/correlation';
import { median, quantile } from './explain-session';

/** One explained frame: attributed and true edges in the manifest's driver order. */
export interface FramePair {
  readonly attributed: readonly number[];
  readonly truth: readonly number[];
  readonly engaged: boolean;
}

export interface ComparisonSummary {
  readonly meanRho: number;
  readonly medianRho: number;
  readonly p25Rho: number;
  readonly n: number;
  readonly degenerate: number;
  readonly engagedRho: number;
  /** Frames whose true edges add up to ≥ 0.2 in absolute value. */
  readonly strongRho: number;
  readonly mergedRho: number;
  readonly signAgreement: number;
  /** Mean ρ with the attributed edge of every driver whose true edge is 0 on every frame set to 0. */
  readonly zeroTruthAtZeroRho: number;
  /** Drivers with a true edge whose attributed edge correlates below {@link WEAK_R} with it across frames (or not at all). */
  readonly weakDrivers: readonly string[];
  /** Mean ρ with the weak drivers' attributed edges replaced by their true edges. */
  readonly weakExactRho: number;
  /**
   * Every subset of the weak drivers (when there are at most {@link MAX_SUBSET_DRIVERS}), the
   * empty one first: mean ρ with that subset exact, and with the always-0 drivers at 0 as well.
   */
  readonly weakSubsets: readonly {
    readonly drivers: readonly string[];
    readonly rho: number;
    readonly rhoZeroTruthAtZero: number;
  }[];
  readonly perDriver: readonly {
    readonly name: string;
    readonly r: number;
    readonly meanAbsAttributed: number;
    readonly meanAbsTruth: number;
    /** Mean ρ with this driver's attributed edge replaced by its true edge (the others as attributed). */
    readonly rhoIfExact: number;
  }[];
}

/** Mean per-frame ρ after `edit` changes each frame's attributed edges (frames with a constant side skipped). */
function meanRhoWith(
  frames: readonly FramePair[],
  edit: (attributed: number[], truth: readonly number[]) => void,
): number {
  const rhos: number[] = [];
  for (const f of frames) {
    const a = [...f.attributed];
    edit(a, f.truth);
    const r = spearman(a, f.truth);
    if (r.status === 'ok') rhos.push(r.rho);
  }
  return mean(rhos);
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A driver whose attributed edge correlates below this with its true edge counts as weakly learnt. */
export const WEAK_R = 0.5;

/** Above this many weak drivers the subsets (2^n of them) are not listed. */
export const MAX_SUBSET_DRIVERS = 5;

export function summarize(
  names: readonly string[],
  frames: readonly FramePair[],
): ComparisonSummary {
  const rhos: number[] = [];
  const engaged: number[] = [];
  const merged: number[] = [];
  const strong: number[] = [];
  const signs: number[] = [];
  let degenerate = 0;
  const iMomentum = names.indexOf('Approach Momentum');
  const iClean = names.indexOf('Clean Setup');
  for (const f of frames) {
    const r = spearman(f.attributed, f.truth);
    if (r.status !== 'ok') {
      degenerate++;
      continue;
    }
    rhos.push(r.rho);
    if (f.engaged) engaged.push(r.rho);
    if (f.truth.reduce((a, b) => a + Math.abs(b), 0) >= 0.2) strong.push(r.rho);
    if (iMomentum >= 0 && iClean >= 0) {
      // diagnostic: the footprint of the planted clean-setup cause (momentum_trend_20min, the
      // velocities) sits in the Approach Momentum group of the manifest
      const m = [...f.attributed];
      m[iClean] += m[iMomentum];
      m[iMomentum] = 0;
      const rm = spearman(m, f.truth);
      if (rm.status === 'ok') merged.push(rm.rho);
    }
    // sign agreement on the drivers whose true edge is at least 2 points
    f.truth.forEach((t, i) => {
      if (Math.abs(t) >= 0.02) signs.push(Math.sign(t) === Math.sign(f.attributed[i]) ? 1 : 0);
    });
  }
  const perDriver = names.map((name, i) => {
    const x = frames.map((f) => f.attributed[i]);
    const y = frames.map((f) => f.truth[i]);
    return {
      name,
      r: pearson(x, y),
      meanAbsAttributed: mean(x.map(Math.abs)),
      meanAbsTruth: mean(y.map(Math.abs)),
      rhoIfExact: meanRhoWith(frames, (a, t) => {
        a[i] = t[i];
      }),
    };
  });
  const indices = names.map((_, i) => i);
  // a driver whose true edge is 0 on every frame has a mean |truth| of exactly 0
  const zeroTruth = indices.filter((i) => perDriver[i].meanAbsTruth === 0);
  const weak = indices.filter(
    (i) => perDriver[i].meanAbsTruth !== 0 && !(perDriver[i].r >= WEAK_R),
  );
  // mean ρ with the drivers of `exact` replaced by their true edges, and the always-0 ones at 0
  const rhoWith = (exact: readonly number[], zeros: boolean): number =>
    meanRhoWith(frames, (a, t) => {
      for (const i of exact) a[i] = t[i];
      if (zeros) for (const i of zeroTruth) a[i] = 0;
    });
  const weakSubsets =
    weak.length > MAX_SUBSET_DRIVERS
      ? []
      : Array.from({ length: 1 << weak.length }, (_, mask) => {
          const set = weak.filter((_, k) => (mask & (1 << k)) !== 0);
          return {
            drivers: set.map((i) => names[i]),
            rho: rhoWith(set, false),
            rhoZeroTruthAtZero: rhoWith(set, true),
          };
        });
  // the empty subset and the whole set are listed when the subsets are
  const first = weakSubsets.at(0);
  const last = weakSubsets.at(-1);
  return {
    zeroTruthAtZeroRho: first?.rhoZeroTruthAtZero ?? rhoWith([], true),
    weakDrivers: weak.map((i) => names[i]),
    weakExactRho: last?.rho ?? rhoWith(weak, false),
    weakSubsets,
    meanRho: mean(rhos),
    medianRho: median(rhos),
    p25Rho: quantile(rhos, 0.25),
    n: rhos.length,
    degenerate,
    engagedRho: mean(engaged),
    strongRho: mean(strong),
    mergedRho: mean(merged),
    signAgreement: mean(signs),
    perDriver,
  };
}

export function printSummary(title: string, s: ComparisonSummary, target: boolean): void {
  console.log(`\n${title}`);
  console.log(
    `  MEAN PER-FRAME SPEARMAN ρ (15 drivers) = ${s.meanRho.toFixed(3)}  (median ${s.medianRho.toFixed(3)}, p25 ${s.p25Rho.toFixed(3)}, n ${s.n}, undefined (constant) ${s.degenerate})${target ? '; target ≥ 0.7' : ''}`,
  );
  console.log(`    engaged-level frames: ${s.engagedRho.toFixed(3)}`);
  console.log(`    frames with Σ|true edge| ≥ 0.2: ${s.strongRho.toFixed(3)}`);
  console.log(
    `    diagnostic, Approach Momentum's edge credited to Clean Setup: ${s.mergedRho.toFixed(3)}`,
  );
  console.log(`    sign agreement on true edges ≥ 2 pts: ${(100 * s.signAgreement).toFixed(1)} %`);
  console.log(
    `    diagnostic, drivers whose true edge is always 0 shown at 0: ${s.zeroTruthAtZeroRho.toFixed(3)}`,
  );
  console.log(
    `    diagnostic, the weakly learnt drivers (r < ${WEAK_R}: ${s.weakDrivers.join(', ') || 'none'}) exact: ${s.weakExactRho.toFixed(3)}`,
  );
  if (s.weakSubsets.length > 1) {
    console.log(
      '    which of the weakly learnt drivers would have to be exact (mean ρ; with the always-0 drivers at 0 as well):',
    );
    for (const w of s.weakSubsets) {
      console.log(
        `      ${w.rho.toFixed(3)}  ${w.rhoZeroTruthAtZero.toFixed(3)}  ${w.drivers.join(' + ') || '(none)'}`,
      );
    }
  }
  console.log(
    '    per driver across frames (Pearson r of attributed vs true edge; mean |edge| attributed / true; mean ρ if this driver alone were exact):',
  );
  for (const d of s.perDriver) {
    console.log(
      `      ${d.name.padEnd(20)} r ${Number.isNaN(d.r) ? '  n/a' : d.r.toFixed(2).padStart(5)}   |φ| ${(100 * d.meanAbsAttributed).toFixed(2).padStart(5)} pp   |truth| ${(100 * d.meanAbsTruth).toFixed(2).padStart(5)} pp   ρ if exact ${d.rhoIfExact.toFixed(3)}`,
    );
  }
}
