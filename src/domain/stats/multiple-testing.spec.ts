import { benjaminiHochberg, bonferroni, rejectedAt } from './multiple-testing';
import { mulberry32 } from './rng';

describe('benjaminiHochberg', () => {
  it('hand example: sorted p (0.005, 0.01, 0.03, 0.04), m = 4 → m·p/k = (0.02, 0.02, 0.04, 0.04)', () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    expect(q[0]).toBeCloseTo(0.02, 15);
    expect(q[1]).toBeCloseTo(0.04, 15);
    expect(q[2]).toBeCloseTo(0.04, 15);
    expect(q[3]).toBeCloseTo(0.02, 15);
  });

  it('Benjamini & Hochberg (1995) example: 15 tests, 4 discoveries at 0.05', () => {
    const p = [
      0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719,
      0.6528, 0.759, 1.0,
    ];
    const q = benjaminiHochberg(p);
    expect(rejectedAt(q, 0.05).filter(Boolean).length).toBe(4);
    const reference = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645,
      0.0765, 0.486, 0.5811818181818181, 0.714875, 0.7532307692307693, 0.8132142857142857, 1,
    ];
    q.forEach((v, i) => expect(v).toBeCloseTo(reference[i], 12));
  });

  it('the step-up makes q monotone in p (running minimum from the top), ties share q, q ≥ p and ≤ 1', () => {
    const rng = mulberry32(5);
    const p = Array.from({ length: 200 }, () => Math.round(rng.next() ** 3 * 1000) / 1000); // many ties
    const q = benjaminiHochberg(p);
    const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
    for (let k = 1; k < order.length; k++)
      expect(q[order[k]]).toBeGreaterThanOrEqual(q[order[k - 1]]);
    p.forEach((v, i) => {
      expect(q[i]).toBeGreaterThanOrEqual(v);
      expect(q[i]).toBeLessThanOrEqual(1);
      p.forEach((w, j) => {
        if (v === w) expect(q[j]).toBe(q[i]);
      });
    });
  });

  it('caps at 1 and keeps NaN out of m', () => {
    expect(benjaminiHochberg([0.9, 0.95])).toEqual([0.95, 0.95]);
    const q = benjaminiHochberg([0.01, Number.NaN, 0.02]);
    expect(q[0]).toBeCloseTo(0.02, 15); // m = 2, not 3
    expect(q[1]).toBeNaN();
    expect(q[2]).toBeCloseTo(0.02, 15);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.5, 1.2])).toThrowError(RangeError);
    expect(() => benjaminiHochberg([-0.1])).toThrowError(RangeError);
  });
});

describe('bonferroni', () => {
  it('multiplies by m, caps at 1, skips NaN, and is never below BH', () => {
    const p = [0.01, 0.04, Number.NaN, 0.03, 0.005];
    const b = bonferroni(p);
    expect(b[0]).toBeCloseTo(0.04, 15);
    expect(b[1]).toBeCloseTo(0.16, 15);
    expect(b[2]).toBeNaN();
    expect(bonferroni([0.5, 0.6])).toEqual([1, 1]);
    const q = benjaminiHochberg(p);
    p.forEach((v, i) => {
      if (!Number.isNaN(v)) expect(b[i]).toBeGreaterThanOrEqual(q[i]);
    });
  });
});
