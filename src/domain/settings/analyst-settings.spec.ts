import { TIME_BUCKETS } from '../time/time-bucket';
import {
  DEFAULT_CONFIDENCE_CUTOFFS,
  activeThreshold,
  confidenceTier,
  decide,
  defaultSettings,
  type AnalystSettings,
} from './analyst-settings';

describe('defaultSettings', () => {
  it('uses 0.5 everywhere, time-adjusted off, every bucket enabled, without artifacts', () => {
    const s = defaultSettings();
    expect(s.version).toBe(1);
    expect(s.globalThreshold).toBe(0.5);
    expect(s.timeAdjusted).toBeFalse();
    expect(s.levelAdjustedBaseRates).toBeFalse();
    for (const b of TIME_BUCKETS) expect(s.perBucket[b]).toEqual({ enabled: true, threshold: 0.5 });
    expect(Object.keys(s.perBucket)).toEqual([...TIME_BUCKETS]);
    expect(s.confidence).toEqual(DEFAULT_CONFIDENCE_CUTOFFS);
    expect(s.feed).toEqual({ url: '', token: '' });
    expect(s.replay).toEqual({ speed: 1 });
  });

  it('takes per-bucket thresholds from the analysis and falls back to 0.5 for missing buckets', () => {
    const s = defaultSettings({ T30_60: 0.58, T0_15: 0.65 });
    expect(s.perBucket.T30_60.threshold).toBe(0.58);
    expect(s.perBucket.T0_15.threshold).toBe(0.65);
    expect(s.perBucket.T60_120.threshold).toBe(0.5);
    expect(s.globalThreshold).toBe(0.5);
  });

  it('refuses thresholds outside [0, 1]', () => {
    expect(() => defaultSettings({ T15_30: 1.2 })).toThrowError(RangeError, /T15_30/);
    expect(() => defaultSettings({ T15_30: Number.NaN })).toThrowError(RangeError);
  });
});

describe('activeThreshold', () => {
  const base: AnalystSettings = {
    ...defaultSettings({ T30_60: 0.58, T0_15: 0.65 }),
    globalThreshold: 0.52,
  };

  it('is the global threshold while time-adjusted thresholds are off', () => {
    for (const b of TIME_BUCKETS) expect(activeThreshold(base, b)).toBe(0.52);
  });

  it("is the bucket's threshold when time-adjusted and the bucket is enabled, else global", () => {
    const s: AnalystSettings = {
      ...base,
      timeAdjusted: true,
      perBucket: { ...base.perBucket, T0_15: { enabled: false, threshold: 0.65 } },
    };
    expect(activeThreshold(s, 'T30_60')).toBe(0.58);
    expect(activeThreshold(s, 'T60_120')).toBe(0.5);
    expect(activeThreshold(s, 'T0_15')).toBe(0.52);
  });
});

describe('decide', () => {
  it('is BREAK at or above the threshold and REJECT below; a tie is BREAK', () => {
    expect(decide(0.61, 0.6)).toBe('BREAK');
    expect(decide(0.6, 0.6)).toBe('BREAK');
    expect(decide(0.5999, 0.6)).toBe('REJECT');
    expect(decide(0, 0)).toBe('BREAK');
    expect(decide(1, 1)).toBe('BREAK');
  });

  it('refuses probabilities and thresholds outside [0, 1]', () => {
    expect(() => decide(Number.NaN, 0.5)).toThrowError(RangeError);
    expect(() => decide(1.01, 0.5)).toThrowError(RangeError);
    expect(() => decide(0.5, -0.1)).toThrowError(RangeError);
  });
});

describe('confidenceTier', () => {
  it('gives the highest tier whose cut-off the accuracy reaches', () => {
    const c = { veryHigh: 0.7, high: 0.62, moderate: 0.55 };
    expect(confidenceTier(0.7, c)).toBe('VERY HIGH');
    expect(confidenceTier(0.69, c)).toBe('HIGH');
    expect(confidenceTier(0.62, c)).toBe('HIGH');
    expect(confidenceTier(0.55, c)).toBe('MODERATE');
    expect(confidenceTier(0.5499, c)).toBe('LOW');
    expect(confidenceTier(Number.NaN, c)).toBe('LOW');
  });
});
