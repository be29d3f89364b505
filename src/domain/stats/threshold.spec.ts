import { mulberry32 } from './rng';
import {
  ThresholdSelection,
  bestThreshold,
  defaultCandidates,
  evaluateThreshold,
  selectThresholdOutOfSample,
} from './threshold';
import { NotComputed } from './result';

function ok(r: ThresholdSelection | NotComputed): ThresholdSelection {
  if (r.status !== 'ok') throw new Error(`expected a selection, got ${JSON.stringify(r)}`);
  return r;
}

/** 10 days × 40 rows; breaks have scores in [0.6, 1), rejects in [0, 0.4): any t in (0.4, 0.6] separates. */
function separable(): { scores: number[]; labels: (0 | 1)[]; days: string[] } {
  const rng = mulberry32(77);
  const labels: (0 | 1)[] = [];
  const scores: number[] = [];
  const days: string[] = [];
  for (let d = 0; d < 10; d++) {
    for (let k = 0; k < 40; k++) {
      const y = rng.next() < 0.45 ? 1 : 0;
      labels.push(y);
      scores.push(y === 1 ? 0.6 + 0.4 * rng.next() : 0.4 * rng.next());
      days.push(`2025-12-${String(d + 1).padStart(2, '0')}`);
    }
  }
  return { scores, labels, days };
}

describe('evaluateThreshold / bestThreshold', () => {
  it('confusion counts by hand (signal when score ≥ t)', () => {
    const m = evaluateThreshold([0.9, 0.6, 0.6, 0.3, 0.2], [1, 0, 1, 1, 0], 0.6);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([2, 1, 1, 1]);
    expect(m.tpr).toBeCloseTo(2 / 3, 12);
    expect(m.balancedAccuracy).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.lift).toBeCloseTo(2 / 3 - 3 / 5, 12);
    expect(m.coverage).toBeCloseTo(3 / 5, 12);
  });

  it('maximises balanced accuracy; ties go to the smallest threshold', () => {
    // Default candidates: 0.1 and the midpoints 0.15, 0.45, 0.75; only 0.45 separates.
    expect(defaultCandidates([0.8, 0.1, 0.7, 0.2, 0.7])).toEqual([
      0.1, 0.15000000000000002, 0.44999999999999996, 0.75,
    ]);
    const best = bestThreshold([0.1, 0.2, 0.7, 0.8], [0, 0, 1, 1]);
    expect(best).toEqual(jasmine.objectContaining({ status: 'ok', value: 1 }));
    if (best.status === 'ok') expect(best.threshold).toBeCloseTo(0.45, 12);
    // 0.5 and 0.7 both separate; the smaller wins.
    expect(
      bestThreshold([0.1, 0.2, 0.7, 0.8], [0, 0, 1, 1], { candidates: [0.7, 0.5, 0.9] }),
    ).toEqual({ status: 'ok', threshold: 0.5, value: 1 });
  });

  it("'lift' needs the coverage floor", () => {
    const scores = [0.99, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
    const labels: (0 | 1)[] = [1, 0, 1, 1, 0, 1, 0, 0, 0, 0];
    // Base rate 0.4. Top 1 → lift 0.6 (coverage 0.1); with a 30% floor the top 4 (3/4 breaks) win.
    const top = bestThreshold(scores, labels, { objective: 'lift', minCoverage: 0.1 });
    const floor = bestThreshold(scores, labels, { objective: 'lift', minCoverage: 0.3 });
    if (top.status !== 'ok' || floor.status !== 'ok') throw new Error('expected thresholds');
    expect(top.threshold).toBeCloseTo(0.945, 12);
    expect(top.value).toBeCloseTo(0.6, 12);
    expect(floor.threshold).toBeCloseTo(0.65, 12);
    expect(floor.value).toBeCloseTo(0.35, 12);
    expect(bestThreshold(scores, labels, { objective: 'lift', minCoverage: 1.1 })).toEqual(
      jasmine.objectContaining({ status: 'degenerate' }),
    );
  });
});

describe('selectThresholdOutOfSample', () => {
  it('chooses per fold on the other days and scores the held-out day block', () => {
    const { scores, labels, days } = separable();
    const r = ok(selectThresholdOutOfSample(scores, labels, days, { folds: 5 }));
    expect(r.folds.length).toBe(5);
    r.folds.forEach((f) => {
      expect(f.nTrain + f.nTest).toBe(400);
      expect(f.threshold).toBeGreaterThan(0.4);
      expect(f.threshold).toBeLessThan(0.6);
      expect(f.heldOut.n).toBe(f.nTest);
    });
    expect(r.medianThreshold).toBeGreaterThan(0.4);
    expect(r.spread.min).toBeLessThanOrEqual(r.medianThreshold);
    expect(r.spread.max).toBeGreaterThanOrEqual(r.medianThreshold);
    expect(r.heldOutPooled.n).toBe(400);
    expect(r.heldOutPooled.balancedAccuracy).toBe(1);
  });

  it('held-out performance on pure noise stays near chance', () => {
    const rng = mulberry32(3);
    const n = 600;
    const scores = Array.from({ length: n }, () => rng.next());
    const labels = Array.from({ length: n }, (): 0 | 1 => (rng.next() < 0.5 ? 1 : 0));
    const days = Array.from({ length: n }, (_, i) => `d${String(i % 12).padStart(2, '0')}`);
    const r = ok(selectThresholdOutOfSample(scores, labels, days, { folds: 4 }));
    // Signalling everything scores 0.5, so the training optimum is never below it.
    r.folds.forEach((f) => expect(f.trainValue).toBeGreaterThanOrEqual(0.5));
    expect(Math.abs((r.heldOutPooledValue ?? 0) - 0.5)).toBeLessThan(0.06);
  });

  it('returns insufficient_data for too few rows, one class, or fewer days than folds', () => {
    const { scores, labels, days } = separable();
    expect(
      selectThresholdOutOfSample(scores.slice(0, 20), labels.slice(0, 20), days.slice(0, 20)),
    ).toEqual(jasmine.objectContaining({ status: 'insufficient_data', minimum: 30 }));
    expect(
      selectThresholdOutOfSample(
        scores,
        labels.map((): 0 | 1 => 0),
        days,
      ),
    ).toEqual(jasmine.objectContaining({ status: 'insufficient_data', n: 0, minimum: 5 }));
    expect(selectThresholdOutOfSample(scores, labels, days, { folds: 11 })).toEqual(
      jasmine.objectContaining({ status: 'insufficient_data', n: 10, minimum: 11 }),
    );
  });
});
