import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, type FramePair } from './validation-report';

const NAMES = ['A', 'B', 'C', 'Z1', 'Z2'];

/** Truth: A > B > C, Z1 and Z2 always 0. */
function frames(edit: (attributed: number[], k: number) => void): FramePair[] {
  return Array.from({ length: 12 }, (_, k) => {
    const truth = [0.1 + 0.01 * k, 0.05, -0.04 - 0.001 * k, 0, 0];
    const attributed = [...truth];
    edit(attributed, k);
    return { attributed, truth, engaged: k % 2 === 0 };
  });
}

test('an exact attribution has ρ 1 everywhere and every diagnostic at 1', () => {
  const s = summarize(
    NAMES,
    frames(() => undefined),
  );
  assert.equal(s.n, 12);
  assert.equal(s.meanRho, 1);
  assert.equal(s.zeroTruthAtZeroRho, 1);
  for (const d of s.perDriver) assert.equal(d.rhoIfExact, 1);
});

test("replacing the one wrong driver's edge by its truth restores ρ; replacing another does not", () => {
  // B is attributed far below C: the ranks of B and C swap
  const s = summarize(
    NAMES,
    frames((a) => (a[1] = -0.2)),
  );
  assert.ok(s.meanRho < 1);
  const byName = new Map(s.perDriver.map((d) => [d.name, d]));
  assert.equal(byName.get('B')?.rhoIfExact, 1);
  assert.equal(byName.get('A')?.rhoIfExact, s.meanRho);
});

test('edges on drivers whose truth is always 0 are the only error: zeroing them gives ρ 1', () => {
  const s = summarize(
    NAMES,
    frames((a, k) => {
      a[3] = 0.2;
      a[4] = k % 2 === 0 ? -0.1 : 0.07;
    }),
  );
  assert.ok(s.meanRho < 0.95);
  assert.equal(s.zeroTruthAtZeroRho, 1);
  const z1 = s.perDriver.find((d) => d.name === 'Z1');
  assert.ok(
    z1 !== undefined && z1.meanAbsTruth === 0 && Math.abs(z1.meanAbsAttributed - 0.2) < 1e-12,
  );
});

test('a planted driver whose attribution does not follow its truth is named weak; made exact, ρ is 1', () => {
  const s = summarize(
    NAMES,
    frames((a, k) => {
      a[1] = k % 3 === 0 ? 0.2 : -0.15; // B: unrelated to its truth (constant 0.05)
      a[0] += 0.001; // A: off by a constant, still perfectly correlated with its truth
    }),
  );
  assert.deepEqual(s.weakDrivers, ['B']);
  assert.ok(s.meanRho < 1);
  assert.equal(s.weakExactRho, 1);
});

test('the subsets of the weak drivers: none exact is the plain ρ, all exact the weak-exact ρ', () => {
  const s = summarize(
    NAMES,
    frames((a, k) => {
      a[1] = k % 3 === 0 ? 0.2 : -0.15; // B unrelated to its truth
      a[2] = k % 2 === 0 ? 0.3 : -0.3; // C unrelated to its truth
      a[3] = 0.12; // Z1, truth always 0
    }),
  );
  assert.deepEqual(s.weakDrivers, ['B', 'C']);
  assert.deepEqual(
    s.weakSubsets.map((w) => w.drivers),
    [[], ['B'], ['C'], ['B', 'C']],
  );
  const [none, , , both] = s.weakSubsets;
  assert.equal(none.rho, s.meanRho);
  assert.equal(none.rhoZeroTruthAtZero, s.zeroTruthAtZeroRho);
  assert.equal(both.rho, s.weakExactRho);
  assert.ok(both.rho < 1, 'Z1 still ranks wrong');
  assert.equal(both.rhoZeroTruthAtZero, 1);
});
