import { DEFAULT_CONFIDENCE_CUTOFFS } from '../settings/analyst-settings';
import type { SignalDriver } from '../signal/level-signal';
import { assessConfidence, outOfRangeFeatures, unresolvedDrivers } from './confidence';
import { OTHER_DRIVERS } from './fold-drivers';
import { rampStratum } from './testing/hand-made-stats';

const bands = [
  { lo: 0, hi: 0.5, n: 200, accuracy: 0.58 },
  { lo: 0.5, hi: 0.8, n: 200, accuracy: 0.64 },
  { lo: 0.8, hi: 1, n: 100, accuracy: 0.75 },
];
const base = { bands, cutoffs: DEFAULT_CONFIDENCE_CUTOFFS, outOfRange: 0, unresolvedDrivers: 0 };

describe('assessConfidence', () => {
  it('takes the tier from the held-out accuracy of the prediction’s band', () => {
    expect(assessConfidence({ ...base, pBreak: 0.3 }).tier).toBe('MODERATE');
    expect(assessConfidence({ ...base, pBreak: 0.5 }).tier).toBe('HIGH');
    expect(assessConfidence({ ...base, pBreak: 0.95 }).tier).toBe('VERY HIGH');
    expect(assessConfidence({ ...base, pBreak: 1 }).tier).toBe('VERY HIGH');
    expect(assessConfidence({ ...base, pBreak: 0.95 }).bandAccuracy).toBe(0.75);
  });

  it('uses the cut-offs it is given', () => {
    const strict = { veryHigh: 0.9, high: 0.8, moderate: 0.7 };
    expect(assessConfidence({ ...base, cutoffs: strict, pBreak: 0.95 }).tier).toBe('MODERATE');
  });

  it('is LOW with a band of too few held-out predictions or none', () => {
    const thin = [{ lo: 0, hi: 1, n: 5, accuracy: 0.9 }];
    const r = assessConfidence({ ...base, bands: thin, pBreak: 0.7 });
    expect(r.tier).toBe('LOW');
    expect(r.downgrades[0]).toContain('no held-out accuracy');
    expect(assessConfidence({ ...base, bands: [], pBreak: 0.7 }).tier).toBe('LOW');
  });

  it('drops to LOW when an input is out of range or a driver is unresolved, and says why', () => {
    const a = assessConfidence({ ...base, pBreak: 0.95, outOfRange: 2 });
    expect(a.tier).toBe('LOW');
    expect(a.measuredTier).toBe('VERY HIGH');
    expect(a.downgrades).toEqual(['2 input(s) outside the historical range']);
    const b = assessConfidence({ ...base, pBreak: 0.95, unresolvedDrivers: 1 });
    expect(b.tier).toBe('LOW');
    expect(b.downgrades[0]).toContain('error bar wider than the edge');
  });
});

describe('outOfRangeFeatures', () => {
  const stratum = rampStratum({ lo: 0, hi: 1, dimension: 3 });

  it('flags values beyond the 1st–99th percentile range widened by half its width', () => {
    // p1 = 0.01, p99 = 0.99, width 0.98 → allowed [−0.48, 1.48]
    expect(outOfRangeFeatures([0.5, -0.47, 1.47], stratum)).toEqual([]);
    const out = outOfRangeFeatures([0.5, -0.5, 1.5], stratum);
    expect(out.map((o) => o.feature)).toEqual([1, 2]);
    expect(out[0].low).toBeCloseTo(-0.48, 12);
    expect(outOfRangeFeatures([Number.NaN, 0, 0], stratum).length).toBe(1);
  });

  it('follows the rule it is given', () => {
    const rule = { lowQuantile: 0.01, highQuantile: 0.99, margin: 0 };
    expect(outOfRangeFeatures([0.995, 0.5, 0.5], stratum, rule).map((o) => o.feature)).toEqual([0]);
  });
});

describe('unresolvedDrivers', () => {
  const d = (name: string, edge: number, se: number): SignalDriver => ({
    name,
    edge,
    edge_se: se,
    strength: 50,
    description: '',
  });
  it('lists shown drivers whose ±1 SE bar is wider than |edge|, not the folded row', () => {
    const r = unresolvedDrivers([
      d('a', 0.02, 0.01),
      d('b', -0.01, 0.015),
      d(OTHER_DRIVERS, 0.001, 0.01),
    ]);
    expect(r.map((x) => x.name)).toEqual(['b']);
  });
});
