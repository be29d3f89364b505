import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  binRows,
  binValue,
  fitBinMapper,
  fitFeatureEdges,
  float32AtMost,
  FLOAT32_MAX,
  MAX_BINS,
  missingBin,
} from './binning';
import { createPrng } from './prng';

test('float32AtMost returns the largest float32 not above x', () => {
  for (const x of [0.1, -0.1, 1 / 3, -1 / 3, 1e-40, -1e-40, 123456.789, 2.5]) {
    const f = float32AtMost(x);
    assert.equal(Math.fround(f), f, `${f} is a float32`);
    assert.ok(f <= x);
    // The next float32 above f is above x.
    const buf = new Float32Array([f]);
    const bits = new Int32Array(buf.buffer);
    bits[0] += f >= 0 ? 1 : -1;
    if (f === 0) buf[0] = 1.401298464324817e-45;
    assert.ok(buf[0] > x, `next float32 after ${f} is ${buf[0]}, should exceed ${x}`);
  }
});

test('a constant feature has one value bin and a missing bin', () => {
  const upper = fitFeatureEdges([3, 3, 3, 3]);
  assert.deepEqual(Array.from(upper), [FLOAT32_MAX]);
  assert.equal(binValue(upper, 3), 0);
  assert.equal(binValue(upper, -1e30), 0);
  assert.equal(binValue(upper, Number.NaN), 1);
});

test('an all-missing feature has only the missing bin', () => {
  const upper = fitFeatureEdges([Number.NaN, Number.NaN]);
  assert.equal(upper.length, 0);
  assert.equal(binValue(upper, Number.NaN), 0);
  assert.equal(binValue(upper, 5), 0);
});

test('few distinct values get one bin each, edges between neighbours, NaN and +Infinity go to the missing bin', () => {
  const values = [2, 1, 2, Number.NaN, 5, 1, 1, 5, Number.POSITIVE_INFINITY, -0, 0];
  const upper = fitFeatureEdges(values);
  assert.equal(upper.length, 4); // 0 (±0 are one value), 1, 2, 5
  assert.ok(upper[0] >= 0 && upper[0] < 1);
  assert.ok(upper[1] >= 1 && upper[1] < 2);
  assert.ok(upper[2] >= 2 && upper[2] < 5);
  assert.equal(upper[3], FLOAT32_MAX);
  for (const u of upper) assert.equal(Math.fround(u), u);
  assert.deepEqual(
    values.map((v) => binValue(upper, v)),
    [2, 1, 2, 4, 3, 1, 1, 3, 4, 0, 0],
  );
});

test('edges separate neighbouring float32 values that differ in the last bit', () => {
  const a = Math.fround(1.1);
  const buf = new Float32Array([a]);
  new Int32Array(buf.buffer)[0] += 1;
  const b = buf[0];
  const upper = fitFeatureEdges([a, b, a, b]);
  assert.equal(upper.length, 2);
  assert.equal(binValue(upper, a), 0);
  assert.equal(binValue(upper, b), 1);
});

test('many distinct values are cut into at most maxBins bins of similar counts', () => {
  const rand = createPrng(3);
  const values = Array.from({ length: 10_000 }, () => rand() * 100);
  for (const maxBins of [MAX_BINS, 16]) {
    const upper = fitFeatureEdges(values, maxBins);
    assert.equal(upper.length, maxBins);
    const counts = new Array<number>(maxBins).fill(0);
    for (const v of values) counts[binValue(upper, v)]++;
    const expected = values.length / maxBins;
    for (const c of counts)
      assert.ok(c > 0.5 * expected && c < 1.5 * expected, `bin count ${c} vs ${expected}`);
  }
});

test('a heavily tied value keeps its own bin', () => {
  const values = [
    ...Array.from({ length: 1000 }, (_, i) => i / 1000),
    ...new Array<number>(5000).fill(0.5),
  ];
  const upper = fitFeatureEdges(values, 20);
  assert.ok(upper.length <= 20);
  const b = binValue(upper, 0.5);
  // Values just below and just above 0.5 land in other bins than the tie.
  assert.notEqual(binValue(upper, 0.499), b);
  assert.notEqual(binValue(upper, 0.501), b);
});

test('binRows is column-major and agrees with the rule x <= upper edge', () => {
  const rand = createPrng(11);
  const n = 500;
  const d = 4;
  const rows = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    rows[i * d] = rand();
    rows[i * d + 1] = Math.floor(rand() * 5);
    rows[i * d + 2] = rand() < 0.2 ? Number.NaN : rand() * 1e6;
    rows[i * d + 3] = 7;
  }
  const mapper = fitBinMapper(rows, d, 32);
  const binned = binRows(mapper, rows);
  assert.equal(binned.bins.length, n * d);
  for (let f = 0; f < d; f++) {
    const upper = mapper.upper[f];
    for (let i = 0; i < n; i++) {
      const x = rows[i * d + f];
      const b = binned.bins[f * n + i];
      if (Number.isNaN(x)) {
        assert.equal(b, missingBin(mapper, f));
        continue;
      }
      assert.ok(x <= upper[b], 'value is at most its bin edge');
      if (b > 0) assert.ok(x > upper[b - 1], 'value is above the previous edge');
    }
  }
  assert.equal(missingBin(mapper, 3), 1);
});
