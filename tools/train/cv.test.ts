import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupKFold, holdOutLastDates } from './cv';
import { createPrng } from './prng';

function sessionDates(seed: number, nDates: number): string[] {
  const rand = createPrng(seed);
  const dates: string[] = [];
  for (let d = 0; d < nDates; d++) {
    const date = `2026-${String(1 + Math.floor(d / 28)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`;
    const rows = 5 + Math.floor(rand() * 60);
    for (let r = 0; r < rows; r++) dates.push(date);
  }
  // Interleave rows so groups are not contiguous.
  const shuffled = dates.map((d) => ({ d, k: rand() })).sort((a, b) => a.k - b.k);
  return shuffled.map((x) => x.d);
}

test('grouped folds never split a group and cover every row once', () => {
  const groups = sessionDates(1, 37);
  const folds = groupKFold(groups, 5, 123);
  assert.equal(folds.length, 5);
  const seen = new Int32Array(groups.length);
  const foldOfGroup = new Map<string, number>();
  folds.forEach((fold, f) => {
    assert.equal(fold.train.length + fold.test.length, groups.length);
    const testSet = new Set(fold.test);
    for (const i of fold.train) assert.ok(!testSet.has(i));
    for (const i of fold.test) {
      seen[i]++;
      const prev = foldOfGroup.get(groups[i]);
      assert.ok(prev === undefined || prev === f, `group ${groups[i]} in folds ${prev} and ${f}`);
      foldOfGroup.set(groups[i], f);
    }
    const trainGroups = new Set(Array.from(fold.train, (i) => groups[i]));
    for (const g of fold.testGroups) assert.ok(!trainGroups.has(g));
    assert.deepEqual([...new Set(Array.from(fold.test, (i) => groups[i]))].sort(), fold.testGroups);
  });
  assert.ok(seen.every((c) => c === 1));
  // Folds have similar sizes.
  const sizes = folds.map((f) => f.test.length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 65, `fold sizes ${sizes}`);
});

test('grouped folds are deterministic for a seed and change with it', () => {
  const groups = sessionDates(2, 30);
  const a = groupKFold(groups, 4, 7);
  assert.deepEqual(groupKFold(groups, 4, 7), a);
  const b = groupKFold(groups, 4, 8);
  assert.notDeepEqual(
    b.map((f) => f.testGroups),
    a.map((f) => f.testGroups),
  );
});

test('groupKFold rejects more folds than groups', () => {
  assert.throws(() => groupKFold(['a', 'a', 'b'], 3, 1), /2 groups/);
});

test('holdOutLastDates holds out exactly the rows of the last dates', () => {
  const dates = [
    '2026-03-02',
    '2026-03-04',
    '2026-03-03',
    '2026-03-04',
    '2026-03-02',
    '2026-03-05',
    '2026-03-03',
  ];
  const split = holdOutLastDates(dates, 2);
  assert.deepEqual(split.holdoutDates, ['2026-03-04', '2026-03-05']);
  assert.deepEqual(Array.from(split.holdout), [1, 3, 5]);
  assert.deepEqual(Array.from(split.fit), [0, 2, 4, 6]);
  // Restricted to a subset of rows (e.g. one fold's training rows).
  const sub = holdOutLastDates(dates, 1, [0, 1, 2, 3]);
  assert.deepEqual(sub.holdoutDates, ['2026-03-04']);
  assert.deepEqual(Array.from(sub.holdout), [1, 3]);
  assert.deepEqual(Array.from(sub.fit), [0, 2]);
  assert.throws(() => holdOutLastDates(dates, 4));
});
