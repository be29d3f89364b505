import type { SignalDriver } from '../signal/level-signal';
import { OTHER_DRIVERS, foldDrivers, shownEdgeSum } from './fold-drivers';

const d = (name: string, edge: number, se = 0): SignalDriver => ({
  name,
  edge,
  edge_se: se,
  strength: 50,
  description: name,
});

describe('foldDrivers', () => {
  const drivers = [
    d('a', 0.08, 0.01),
    d('b', -0.03, 0.01),
    d('c', 0.002, 0.003),
    d('d', -0.001, 0.004),
    d('e', 0.05),
    d('f', 0),
    d('g', -0.12),
  ];

  it('splits by sign, sorts by |edge| and folds small drivers into one row that keeps the sum', () => {
    const f = foldDrivers(drivers, { minEdge: 0.005 });
    expect(f.break.map((x) => x.name)).toEqual(['a', 'e', OTHER_DRIVERS]);
    expect(f.reject.map((x) => x.name)).toEqual(['g', 'b']);
    const other = f.break[2];
    expect(other.edge).toBeCloseTo(0.001, 15);
    expect(other.edge_se).toBeCloseTo(0.005, 15);
    expect(other.description).toBe('2 smaller drivers combined');
    expect(f.folded.sort()).toEqual(['c', 'd', 'f']);
    const total = drivers.reduce((s, x) => s + x.edge, 0);
    expect(Math.abs(shownEdgeSum(f) - total)).toBeLessThan(1e-15);
  });

  it('caps each list and puts the fold on the side of its sign', () => {
    const f = foldDrivers(drivers, { minEdge: 0.001, maxPerSide: 1 });
    // folded: e (+0.05), c (+0.002), b (−0.03), d (−0.001), f (0) → +0.021, on the BREAK side
    expect(f.break.map((x) => x.name)).toEqual(['a', OTHER_DRIVERS]);
    expect(f.reject.map((x) => x.name)).toEqual(['g']);
    const other = [...f.break, ...f.reject].find((x) => x.name === OTHER_DRIVERS);
    expect(other?.edge).toBeCloseTo(0.021, 15);
    expect(Math.abs(shownEdgeSum(f) - drivers.reduce((s, x) => s + x.edge, 0))).toBeLessThan(1e-15);
  });

  it('adds no row when nothing non-zero is folded', () => {
    const f = foldDrivers([d('a', 0.1), d('b', -0.1), d('c', 0)]);
    expect([...f.break, ...f.reject].some((x) => x.name === OTHER_DRIVERS)).toBeFalse();
    expect(f.folded).toEqual(['c']);
  });
});
