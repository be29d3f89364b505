/** A hand-made stratum for specs: every feature's quantiles are a linear ramp lo…hi. */
import type { LevelKind } from '../../frame/level-frame';
import type { TimeBucket } from '../../time/time-bucket';
import type { AccuracyBand, StratumStats } from '../historical-stats';

export const SPEC_LEVELS = [0, 0.01, 0.25, 0.5, 0.75, 0.99, 1];

export function rampStratum(options: {
  readonly levelKind?: LevelKind | null;
  readonly bucket?: TimeBucket | null;
  /** Feature quantiles: lo + (hi − lo)·level, per feature (default 0…1). */
  readonly lo?: number;
  readonly hi?: number;
  readonly drivers?: ReadonlyMap<string, readonly number[]>;
  readonly bands?: readonly AccuracyBand[];
  readonly breakRate?: number;
  readonly background?: Float32Array;
  readonly dimension?: number;
}): StratumStats {
  const d = options.dimension ?? 144;
  const lo = options.lo ?? 0;
  const hi = options.hi ?? 1;
  const q = SPEC_LEVELS.map((p) => lo + (hi - lo) * p);
  const background = options.background ?? new Float32Array(0);
  return {
    levelKind: options.levelKind ?? null,
    bucket: options.bucket ?? null,
    nFrames: 1000,
    quantileLevels: SPEC_LEVELS,
    featureQuantiles: Array.from({ length: d }, () => q),
    driverQuantiles: options.drivers ?? new Map(),
    baseRate:
      options.breakRate === undefined
        ? null
        : { breakRate: options.breakRate, nBreak: 40, nReject: 60, nChop: 10 },
    accuracyBands: options.bands ?? [],
    background,
    nBackground: background.length / d,
  };
}
