import { predictBatch } from '../model/tree-ensemble';
import { explainWith } from './attribution-batch';
import { groupsByName, sectionGroups } from './section-groups';
import { SeededRandom } from './seeded-random';
import { randomTreeEnsemble, uniformRows } from './testing/random-tree-ensemble';

describe('sectionGroups', () => {
  it('covers the 144 features once, in the six sections A–F', () => {
    const groups = sectionGroups();
    expect(groups.map((g) => [g[0], g[g.length - 1]])).toEqual([
      [0, 24],
      [25, 61],
      [62, 96],
      [97, 107],
      [108, 111],
      [112, 143],
    ]);
    expect(groups.flat()).toEqual(Array.from({ length: 144 }, (_, j) => j));
  });

  it('runs exact (64 coalitions) and the six sections add up to f(x) minus the base rate', () => {
    const model = randomTreeEnsemble({ nFeatures: 144, nTrees: 40, depth: 4, seed: 41, postTransform: 'LOGISTIC' });
    const rng = new SeededRandom(42);
    const x = uniformRows(rng, 1, 144);
    const background = uniformRows(rng, 32, 144);
    const r = explainWith((rows) => predictBatch(model, rows), x, background, sectionGroups(), { mode: 'auto', seed: 1 });
    expect(r.method).toBe('exact');
    expect(r.coalitionsEvaluated).toBe(64);
    expect(r.rowsEvaluated).toBe(62 * 32 + 32 + 1);
    expect(r.values.length).toBe(6);
    expect(Math.abs(r.values.reduce((a, b) => a + b, 0) - (r.fx - r.baseRate))).toBeLessThan(1e-9);
  });

  it('rejects a reversed range', () => {
    expect(() => sectionGroups([{ start: 4, end: 2 }])).toThrowError(/bad section/);
  });
});

describe('groupsByName', () => {
  it('groups features by name in order of first appearance', () => {
    expect(groupsByName(['b', 'a', 'b', 'c', 'a'])).toEqual({ names: ['b', 'a', 'c'], groups: [[0, 2], [1, 4], [3]] });
  });
});
