import { inApproachZone, inZone } from './approach-zone';
import { distanceLabel } from './distance-label';
import {
  TIME_BUCKETS,
  TIME_BUCKET_LABELS,
  TimeBucket,
  isTimeBucket,
  timeBucket,
  timeBucketLabel,
} from './time-bucket';

describe('timeBucket', () => {
  it('maps minutes to the half-open buckets of the contract', () => {
    const cases: [number, TimeBucket][] = [
      [0, 'T0_15'],
      [14.5, 'T0_15'],
      [15, 'T15_30'],
      [29.5, 'T15_30'],
      [30, 'T30_60'],
      [59.5, 'T30_60'],
      [60, 'T60_120'],
      [119.5, 'T60_120'],
      [120, 'T120_180'],
      [180, 'T120_180'],
    ];
    for (const [m, b] of cases) expect(timeBucket(m)).withContext(String(m)).toBe(b);
  });

  it('rejects minutes outside the window', () => {
    expect(() => timeBucket(-0.5)).toThrowError(RangeError);
    expect(() => timeBucket(180.5)).toThrowError(RangeError);
    expect(() => timeBucket(Number.NaN)).toThrowError(RangeError);
  });

  it('has the trader labels', () => {
    expect(timeBucketLabel('T30_60')).toBe('Peak Breakout Window');
    expect(TIME_BUCKETS.map((b) => TIME_BUCKET_LABELS[b])).toEqual([
      'Opening Range Forming',
      'Post-OR Early',
      'Peak Breakout Window',
      'Late Morning',
      'Midday',
    ]);
    expect(isTimeBucket('T60_120')).toBeTrue();
    expect(isTimeBucket('T60_90')).toBeFalse();
  });
});

describe('distanceLabel', () => {
  it('uses |distance| against 0.25 / 0.75 / 2 ATR', () => {
    expect(distanceLabel(0)).toBe('Very Close');
    expect(distanceLabel(-0.24)).toBe('Very Close');
    expect(distanceLabel(0.25)).toBe('Close');
    expect(distanceLabel(-0.74)).toBe('Close');
    expect(distanceLabel(0.75)).toBe('Approaching');
    expect(distanceLabel(-2)).toBe('Approaching');
    expect(distanceLabel(2.01)).toBe('Far');
  });
});

describe('inZone', () => {
  it('needs an active level within 2 ATR', () => {
    expect(inApproachZone(-2)).toBeTrue();
    expect(inApproachZone(2.0001)).toBeFalse();
    expect(inZone({ level_active: true, distance_signed_atr: 1.5 })).toBeTrue();
    expect(inZone({ level_active: false, distance_signed_atr: 0.1 })).toBeFalse();
    expect(inZone({ level_active: true, distance_signed_atr: -2.5 })).toBeFalse();
  });
});
