import { LogisticModel, fitLogistic, likelihoodRatioTest, predictLogistic } from './logistic';
import { NotComputed } from './result';
import { mulberry32, normalSampler } from './rng';

function ok(r: LogisticModel | NotComputed): LogisticModel {
  if (r.status !== 'ok') throw new Error(`expected a model, got ${JSON.stringify(r)}`);
  return r;
}

// Hours studied vs passing an exam: the standard textbook example of a logistic fit
// (maximum likelihood: intercept −4.0777, slope 1.5046, standard errors 1.7610 and 0.6287).
const HOURS = [
  0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0, 3.25, 3.5, 4.0, 4.25, 4.5, 4.75,
  5.0, 5.5,
];
const PASS: (0 | 1)[] = [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1];

describe('fitLogistic', () => {
  it('reproduces the textbook maximum-likelihood fit with λ = 0', () => {
    const m = ok(fitLogistic([HOURS], PASS, { l2: 0 }));
    expect(m.converged).toBeTrue();
    expect(m.intercept).toBeCloseTo(-4.07771348, 6);
    expect(m.coefficients[0]).toBeCloseTo(1.50464544, 6);
    expect(m.interceptStandardError).toBeCloseTo(1.76099433, 5);
    expect(m.standardErrors[0]).toBeCloseTo(0.62872085, 5);
    expect(m.logLikelihood).toBeCloseTo(-8.029878464344673, 8);
    expect(m.deviance).toBeCloseTo(2 * 8.029878464344673, 8);
  });

  it('penalises the standardised slope and not the intercept (λ = 2 reference optimum)', () => {
    const m = ok(fitLogistic([HOURS], PASS, { l2: 2 }));
    expect(m.standardizedIntercept).toBeCloseTo(0.02075891, 6);
    expect(m.standardizedCoefficients[0]).toBeCloseTo(1.10247081, 6);
    expect(m.coefficients[0]).toBeCloseTo(0.75048934, 6);
    expect(m.intercept).toBeCloseTo(-2.07123011, 6);
    // Unpenalised intercept ⇒ its score equation holds: Σ (y − p) = 0.
    const p = predictLogistic(m, [HOURS]);
    const residual = PASS.reduce((acc: number, y, i) => acc + y - p[i], 0);
    expect(Math.abs(residual)).toBeLessThan(1e-9);
  });

  it('recovers known coefficients on synthetic data', () => {
    const rng = mulberry32(31);
    const normal = normalSampler(rng);
    const n = 6000;
    const truth = { intercept: -0.3, b1: 0.8, b2: -1.2, b3: 0.25 };
    const x1 = Float64Array.from({ length: n }, normal);
    const x2 = Float64Array.from({ length: n }, normal);
    const x3 = Float64Array.from({ length: n }, () => 5 + 2 * normal()); // not centred: tests the back-transform
    const y = Uint8Array.from({ length: n }, (_, i) => {
      const eta = truth.intercept + truth.b1 * x1[i] + truth.b2 * x2[i] + truth.b3 * x3[i];
      return rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    });
    const m = ok(fitLogistic([x1, x2, x3], y, { l2: 0 }));
    const estimates = [m.intercept, ...m.coefficients];
    const ses = [m.interceptStandardError, ...m.standardErrors];
    [truth.intercept, truth.b1, truth.b2, truth.b3].forEach((b, j) => {
      expect(Math.abs(estimates[j] - b)).toBeLessThan(4 * ses[j]);
      expect(Math.abs(estimates[j] - b)).toBeLessThan(0.15);
    });
    // A small penalty barely moves a well-determined fit.
    const pen = ok(fitLogistic([x1, x2, x3], y, { l2: 1 }));
    pen.coefficients.forEach((b, j) => expect(Math.abs(b - m.coefficients[j])).toBeLessThan(0.01));
  });

  it('reaches the same optimum from a warm start, in fewer iterations', () => {
    const cold = ok(fitLogistic([HOURS], PASS, { l2: 0.5 }));
    const warm = ok(
      fitLogistic([HOURS], PASS, {
        l2: 0.5,
        start: [cold.standardizedIntercept, cold.standardizedCoefficients[0] * 0.9],
      }),
    );
    expect(warm.coefficients[0]).toBeCloseTo(cold.coefficients[0], 9);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(() => fitLogistic([HOURS], PASS, { start: [0] })).toThrowError(RangeError);
  });

  it('stays finite under complete separation when penalised', () => {
    const x = [-3, -2, -1, 1, 2, 3];
    const y: (0 | 1)[] = [0, 0, 0, 1, 1, 1];
    const m = ok(fitLogistic([x], y, { l2: 1 }));
    expect(m.converged).toBeTrue();
    expect(Number.isFinite(m.coefficients[0])).toBeTrue();
    expect(m.coefficients[0]).toBeGreaterThan(0);
  });

  it('handles a constant column (penalised to 0) and reports a singular design when unpenalised', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const c = [4, 4, 4, 4, 4, 4, 4, 4];
    const y: (0 | 1)[] = [0, 1, 0, 0, 1, 1, 0, 1];
    const m = ok(fitLogistic([x, c], y, { l2: 1 }));
    expect(m.coefficients[1]).toBe(0);
    expect(fitLogistic([x, c], y, { l2: 0 })).toEqual(
      jasmine.objectContaining({ status: 'degenerate' }),
    );
  });

  it('returns insufficient_data with fewer than 2 rows of a class', () => {
    expect(fitLogistic([[1, 2, 3]], [0, 0, 1])).toEqual({
      status: 'insufficient_data',
      n: 1,
      minimum: 2,
      what: 'observations of the rarer class',
    });
  });
});

describe('likelihoodRatioTest', () => {
  it('textbook example: hours vs the intercept-only model, 2Δℓ = 11.666, p = 0.000636', () => {
    const full = ok(fitLogistic([HOURS], PASS, { l2: 0 }));
    const reduced = ok(fitLogistic([], PASS, { l2: 0 }));
    expect(reduced.logLikelihood).toBeCloseTo(20 * Math.log(0.5), 10);
    const lr = likelihoodRatioTest(reduced.logLikelihood, full.logLikelihood, 1);
    expect(lr.statistic).toBeCloseTo(11.666130293708466, 7);
    expect(lr.pValue).toBeCloseTo(0.0006364826185217128, 9);
  });

  it('floors a negative difference at 0 (p = 1) and validates dof', () => {
    expect(likelihoodRatioTest(-10, -10.5, 1)).toEqual({ statistic: 0, dof: 1, pValue: 1 });
    expect(() => likelihoodRatioTest(-10, -9, 0)).toThrowError(RangeError);
  });
});
