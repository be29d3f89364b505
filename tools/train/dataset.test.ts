import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidDataset, rowCount, selectRows } from './dataset';
import { trainGbdt } from './gbdt';

const rows = Float32Array.from([1, 2, 3, 4, 5, 6]);

test('assertValidDataset rejects mismatched shapes, labels and weights', () => {
  assert.doesNotThrow(() => assertValidDataset({ rows, nFeatures: 2, labels: [0, 1, 1] }));
  assert.throws(() => assertValidDataset({ rows, nFeatures: 4, labels: [0] }), /multiple of 4/);
  assert.throws(
    () => assertValidDataset({ rows, nFeatures: 2, labels: [0, 1] }),
    /2 labels for 3 rows/,
  );
  assert.throws(
    () => assertValidDataset({ rows, nFeatures: 2, labels: [0, 1, 2] }),
    /label 2 is 2/,
  );
  assert.throws(
    () => assertValidDataset({ rows, nFeatures: 2, labels: [0, 1, 1], weights: [1, -1, 1] }),
    /weight 1/,
  );
  assert.throws(
    () =>
      assertValidDataset({ rows, nFeatures: 2, labels: [0, 1, 1], weights: [1, Number.NaN, 1] }),
    /weight 1/,
  );
  assert.throws(
    () => trainGbdt({ rows, nFeatures: 2, labels: [0, 1, 1] }, { learningRate: 0 }),
    /learningRate/,
  );
});

test('selectRows copies rows, labels and weights in the given order', () => {
  const data = { rows, nFeatures: 2, labels: [0, 1, 1], weights: [0.5, 1, 2] };
  const picked = selectRows(data, [2, 0]);
  assert.equal(rowCount(picked), 2);
  assert.deepEqual(Array.from(picked.rows), [5, 6, 1, 2]);
  assert.deepEqual(Array.from(picked.labels), [1, 0]);
  assert.deepEqual(Array.from(picked.weights ?? []), [2, 0.5]);
  assert.equal(selectRows({ rows, nFeatures: 2, labels: [0, 1, 1] }, [1]).weights, undefined);
});
