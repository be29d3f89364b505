import {
  InteractionComparison,
  compareInteraction,
  interactionPermutationTest,
} from './interaction';
import { NotComputed } from './result';
import { mulberry32, normalSampler } from './rng';

function ok(r: InteractionComparison | NotComputed): InteractionComparison {
  if (r.status !== 'ok') throw new Error(`expected a result, got ${JSON.stringify(r)}`);
  return r;
}

interface Synthetic {
  x1: Float64Array;
  x2: Float64Array;
  y: Uint8Array;
  days: string[];
}

/** n rows over 20 days; logit P(BREAK) = 0.2 + 0.6·x1 + 0.6·x2 + beta12·x1·x2. */
function synthetic(seed: number, n: number, beta12: number): Synthetic {
  const rng = mulberry32(seed);
  const normal = normalSampler(rng);
  const x1 = Float64Array.from({ length: n }, normal);
  const x2 = Float64Array.from({ length: n }, normal);
  const y = Uint8Array.from({ length: n }, (_, i) =>
    rng.next() < 1 / (1 + Math.exp(-(0.2 + 0.6 * x1[i] + 0.6 * x2[i] + beta12 * x1[i] * x2[i])))
      ? 1
      : 0,
  );
  const days = Array.from(
    { length: n },
    (_, i) => `2025-11-${String(3 + (i % 20)).padStart(2, '0')}`,
  );
  return { x1, x2, y, days };
}

/** n rows over 20 days; logit P(BREAK) = −0.6 + 0.5·x1 + 0.6·x1², x2 = 0.8·x1 + 0.6·noise. */
function curvedCorrelated(seed: number, n: number): Synthetic {
  const rng = mulberry32(seed);
  const normal = normalSampler(rng);
  const x1 = Float64Array.from({ length: n }, normal);
  const x2 = Float64Array.from(x1, (v) => 0.8 * v + 0.6 * normal());
  const y = Uint8Array.from(x1, (v) =>
    rng.next() < 1 / (1 + Math.exp(-(-0.6 + 0.5 * v + 0.6 * v * v))) ? 1 : 0,
  );
  const days = Array.from(
    { length: n },
    (_, i) => `2025-11-${String(3 + (i % 20)).padStart(2, '0')}`,
  );
  return { x1, x2, y, days };
}

describe('compareInteraction', () => {
  it('detects a planted interaction: LR p < 0.01, AUC gain out of sample, coefficient near the truth', () => {
    const d = synthetic(1, 2000, 0.8);
    const r = ok(compareInteraction(d.x1, d.x2, d.y, d.days, { folds: 5, l2: 1 }));
    expect(r.likelihoodRatio.pValue).toBeLessThan(0.01);
    expect(r.improvement).toBeGreaterThan(0.02);
    expect(r.aucInteraction).toBeGreaterThan(r.aucMain);
    // x ~ N(0, 1), so z ≈ x and the coefficient is on the planted scale.
    expect(Math.abs(r.interactionCoefficient - 0.8)).toBeLessThan(4 * r.interactionStandardError);
    expect(r.foldAucs.length).toBe(5);
    expect(r.n).toBe(2000);
  });

  it('does not detect a null interaction', () => {
    const d = synthetic(2, 2000, 0);
    const r = ok(compareInteraction(d.x1, d.x2, d.y, d.days, { folds: 5, l2: 1 }));
    expect(r.likelihoodRatio.pValue).toBeGreaterThan(0.01);
    expect(Math.abs(r.improvement)).toBeLessThan(0.01);
    expect(Math.abs(r.interactionCoefficient)).toBeLessThan(3 * r.interactionStandardError);
  });

  it('does not take curvature of one main effect for an interaction of two correlated features', () => {
    // logit = −0.6 + 0.5·x1 + 0.6·x1², x2 = 0.8·x1 + noise: z1·z2 carries part of z1², so a model
    // without the squared main effects finds a strong "interaction" here (β 0.56, LR p < 1e-12)
    const d = curvedCorrelated(11, 3000);
    const r = ok(compareInteraction(d.x1, d.x2, d.y, d.days, { folds: 5, l2: 1 }));
    expect(r.likelihoodRatio.pValue).toBeGreaterThan(0.05);
    expect(Math.abs(r.interactionCoefficient)).toBeLessThan(2 * r.interactionStandardError);
    expect(r.improvement).toBeLessThan(0.005);
    expect(r.mainCoefficients.length).toBe(4);
    expect(r.interactionModelCoefficients.length).toBe(5);
    const p = interactionPermutationTest(d.x1, d.x2, d.y, { permutations: 199, seed: 1 });
    if (p.status !== 'ok') throw new Error('expected a result');
    expect(p.pValue).toBeGreaterThan(0.05);
  });

  it('is invariant to the order of the rows (deterministic folds by date)', () => {
    const d = synthetic(3, 600, 0.5);
    const r = ok(compareInteraction(d.x1, d.x2, d.y, d.days));
    const rev = <T>(a: ArrayLike<T>): T[] => Array.from(a).reverse();
    const r2 = ok(compareInteraction(rev(d.x1), rev(d.x2), Uint8Array.from(rev(d.y)), rev(d.days)));
    expect(r2.aucMain).toBeCloseTo(r.aucMain, 9);
    expect(r2.aucInteraction).toBeCloseTo(r.aucInteraction, 9);
    expect(r2.interactionCoefficient).toBeCloseTo(r.interactionCoefficient, 8);
  });

  it('drops rows with a non-finite feature and returns insufficient_data when too small', () => {
    const d = synthetic(4, 300, 0);
    d.x1[0] = Number.NaN;
    expect(ok(compareInteraction(d.x1, d.x2, d.y, d.days)).dropped).toBe(1);
    expect(
      compareInteraction(
        d.x1.slice(0, 30),
        d.x2.slice(0, 30),
        d.y.slice(0, 30),
        d.days.slice(0, 30),
      ),
    ).toEqual(
      jasmine.objectContaining({ status: 'insufficient_data', minimum: 50, what: 'complete rows' }),
    );
    const oneDay = d.days.map(() => '2025-11-03');
    expect(compareInteraction(d.x1, d.x2, d.y, oneDay)).toEqual(
      jasmine.objectContaining({ status: 'insufficient_data', n: 1, minimum: 5 }),
    );
  });
});

describe('interactionPermutationTest', () => {
  it('gives the minimum p for a planted interaction and a large p for a null one, reproducibly', () => {
    const planted = synthetic(5, 800, 0.8);
    const p1 = interactionPermutationTest(planted.x1, planted.x2, planted.y, {
      permutations: 99,
      seed: 7,
    });
    expect(p1).toEqual(jasmine.objectContaining({ status: 'ok', pValue: 0.01, exceedances: 0 }));
    const nul = synthetic(6, 800, 0);
    const p0 = interactionPermutationTest(nul.x1, nul.x2, nul.y, {
      permutations: 99,
      seed: 7,
      strata: nul.days,
    });
    const again = interactionPermutationTest(nul.x1, nul.x2, nul.y, {
      permutations: 99,
      seed: 7,
      strata: nul.days,
    });
    if (p0.status !== 'ok' || again.status !== 'ok') throw new Error('expected results');
    expect(p0.pValue).toBeGreaterThan(0.05);
    expect(again.pValue).toBe(p0.pValue);
    expect(again.observed).toBe(p0.observed);
  });
});
