import { readConfidenceCalibration, readModelMetrics } from './reliability-view';

describe('readConfidenceCalibration and readModelMetrics', () => {
  const stats = {
    model: { file: 'm.onnx', sha256: 'abc' },
    confidence: {
      method: 'out-of-fold',
      n: 30,
      bins: [
        { lo: 0, hi: 0.5, n: 20, mean_p: 0.3, observed: 0.25 },
        { lo: 0.5, hi: 1, n: 0, mean_p: null, observed: null },
      ],
    },
  };

  it('reads the reliability bins, an empty bin as null rather than 0', () => {
    const result = readConfidenceCalibration(stats);
    if (!result.ok) fail(result.errors.join('\n'));
    if (!result.ok) return;
    expect(result.value.modelSha256).toBe('abc');
    expect(result.value.bins).toEqual([
      { lo: 0, hi: 0.5, n: 20, meanP: 0.3, observed: 0.25 },
      { lo: 0.5, hi: 1, n: 0, meanP: null, observed: null },
    ]);
  });

  it('names a bin field that is wrong', () => {
    const result = readConfidenceCalibration({
      ...stats,
      confidence: {
        ...stats.confidence,
        bins: [{ lo: 0, hi: 1, n: 3, mean_p: 'x', observed: 0.2 }],
      },
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        'historical_stats.json: confidence.bins[0].mean_p must be a number or null (found "x")',
      ],
    });
  });

  it('reads the evaluations the manifest has', () => {
    const result = readModelMetrics({
      file: 'm.onnx',
      sha256: 'abc',
      metrics: {
        cv: { n: 100, auc: 0.78, ece: 0.004 },
        held_out: { n: 50, n_days: 7, auc: 0.77, ece: 0.009 },
      },
    });
    if (!result.ok) fail(result.errors.join('\n'));
    if (!result.ok) return;
    expect(result.value.evaluations).toEqual([
      { label: 'cross-validation (out of fold)', n: 100, nDays: null, auc: 0.78, ece: 0.004 },
      { label: 'held-out days', n: 50, nDays: 7, auc: 0.77, ece: 0.009 },
    ]);
    expect(
      readModelMetrics({ file: 'm.onnx', sha256: 'abc', metrics: { cv: { n: 1, auc: 2 } } }),
    ).toEqual({
      ok: false,
      errors: [
        'break-predictor.manifest.json: metrics.cv.auc must be a number from 0 to 1 or null (found 2)',
        'break-predictor.manifest.json: metrics.cv.ece must be a number or null (found undefined)',
      ],
    });
  });

  it('reads the reliability bins on independent days when the manifest has them', () => {
    const independent = {
      n: 30,
      n_days: 4,
      auc: 0.8,
      ece: 0.01,
      data: 'data/sim-holdout',
      data_seed: 2,
      reliability: { method: '10 bins', n: 30, bins: stats.confidence.bins },
    };
    const result = readModelMetrics({ file: 'm.onnx', sha256: 'abc', metrics: { independent } });
    if (!result.ok) fail(result.errors.join('\n'));
    if (!result.ok) return;
    expect(result.value.independentReliability).toEqual({
      method: '10 bins',
      n: 30,
      nDays: 4,
      dataSeed: 2,
      data: 'data/sim-holdout',
      bins: [
        { lo: 0, hi: 0.5, n: 20, meanP: 0.3, observed: 0.25 },
        { lo: 0.5, hi: 1, n: 0, meanP: null, observed: null },
      ],
    });
    const older = readModelMetrics({
      file: 'm.onnx',
      sha256: 'abc',
      metrics: { independent: { ...independent, reliability: undefined } },
    });
    expect(older.ok && older.value.independentReliability).toBeNull();
    expect(
      readModelMetrics({
        file: 'm.onnx',
        sha256: 'abc',
        metrics: {
          independent: {
            ...independent,
            reliability: { method: 'm', n: 3, bins: [{ lo: 0, hi: 1, n: -1 }] },
          },
        },
      }).ok,
    ).toBeFalse();
  });
});
