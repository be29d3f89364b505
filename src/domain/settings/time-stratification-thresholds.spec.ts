import { bucketThresholdsFromTimeStratification } from './time-stratification-thresholds';

describe('bucketThresholdsFromTimeStratification', () => {
  it('reads optimal_thresholds[bucket].optimal_threshold and skips null ones', () => {
    const artifact: unknown = JSON.parse(
      JSON.stringify({
        recommendation: 'time-adjusted thresholds',
        optimal_thresholds: {
          T0_15: { optimal_threshold: 0.64, n: 120 },
          T30_60: { optimal_threshold: 0.52, n: 400 },
          T120_180: { optimal_threshold: null, n: 12 },
        },
      }),
    );
    const result = bucketThresholdsFromTimeStratification(artifact);
    expect(result).toEqual({ ok: true, thresholds: { T0_15: 0.64, T30_60: 0.52 } });
  });

  it('names what is wrong with a malformed artifact', () => {
    const cases: [unknown, RegExp][] = [
      [null, /JSON object/],
      [[], /JSON object/],
      [{}, /no optimal_thresholds/],
      [{ optimal_thresholds: [] }, /no optimal_thresholds/],
      [{ optimal_thresholds: { T60_90: { optimal_threshold: 0.5 } } }, /T60_90.*not a time bucket/],
      [{ optimal_thresholds: { T15_30: 0.5 } }, /T15_30 must be an object/],
      [{ optimal_thresholds: { T15_30: { optimal_threshold: 1.5 } } }, /T15_30\.optimal_threshold/],
      [{ optimal_thresholds: { T15_30: { optimal_threshold: '0.5' } } }, /from 0 to 1 or null/],
      [{ optimal_thresholds: { T15_30: {} } }, /T15_30\.optimal_threshold/],
    ];
    for (const [input, message] of cases) {
      const result = bucketThresholdsFromTimeStratification(input);
      expect(result.ok).withContext(JSON.stringify(input)).toBeFalse();
      if (!result.ok) expect(result.error).withContext(JSON.stringify(input)).toMatch(message);
    }
  });
});
