import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifestReliability } from '../../src/protocol/model-manifest';
import { reliabilityTable } from './report';

test('report:model reliability bins: 10 contiguous bins the manifest validator accepts', () => {
  // Deterministic predictions with a known calibration: label 1 for every third row.
  const n = 997;
  const probs = Array.from({ length: n }, (_, i) => (i * 0.618034) % 1);
  probs[0] = 1; // p = 1 belongs to the last bin
  const labels = probs.map((_, i) => (i % 3 === 0 ? 1 : 0));
  const table = reliabilityTable(labels, probs);
  assert.equal(table.bins.length, 10);
  assert.equal(table.n, n);
  assert.equal(
    table.bins.reduce((s, b) => s + b.n, 0),
    n,
  );
  const last = table.bins[9];
  const inLast = probs.filter((p) => p >= 0.9).length;
  assert.equal(last.n, inLast);
  for (const b of table.bins) {
    const inBin = probs
      .map((p, i) => ({ p, y: labels[i] }))
      .filter(({ p }) => Math.min(9, Math.floor(p * 10)) === Math.round(b.lo * 10));
    const meanP = inBin.reduce((s, r) => s + r.p, 0) / inBin.length;
    const observed = inBin.reduce((s, r) => s + r.y, 0) / inBin.length;
    assert.ok(Math.abs((b.mean_p ?? NaN) - meanP) < 1e-3, `bin ${b.lo}: mean p`);
    assert.ok(Math.abs((b.observed ?? NaN) - observed) < 1e-3, `bin ${b.lo}: observed`);
  }
  const parsed = parseManifestReliability(JSON.parse(JSON.stringify(table)), 'reliability');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
});

test('report:model reliability bins: an empty bin has null mean and share, and still validates', () => {
  const probs = [0.05, 0.15, 0.95, 0.97];
  const table = reliabilityTable([0, 1, 1, 1], probs);
  assert.equal(table.bins[5].n, 0);
  assert.equal(table.bins[5].mean_p, null);
  assert.equal(table.bins[5].observed, null);
  assert.ok(parseManifestReliability(table, 'reliability').ok);
});
