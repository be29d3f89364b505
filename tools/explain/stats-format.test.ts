import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  historicalStatsToJson,
  parseHistoricalStats,
} from '../../src/domain/explain/parse-historical-stats';
import { defaultManifestContent } from '../../src/domain/vector/feature-manifest';
import { statsFromVectors } from './explain-support';
import { simulatedFixture } from './test-fixtures';

const manifest = defaultManifestContent();
const names = manifest.features.map((f) => f.name);
const fixture = simulatedFixture(1, 3);

test('historical stats survive JSON and the parser', () => {
  const samples = fixture.samples.map((s, i) => ({
    ...s,
    label: i % 4 === 0 ? null : ((i % 3 === 0 ? 1 : 0) as 0 | 1),
    prediction: (i % 10) / 10,
  }));
  const stats = statsFromVectors(samples, manifest);
  const json: unknown = JSON.parse(JSON.stringify(historicalStatsToJson(stats, names)));
  const parsed = parseHistoricalStats(json);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.join('; '));
  assert.equal(parsed.stats.strata.size, stats.strata.size);
  for (const [key, s] of stats.strata) {
    const p = parsed.stats.strata.get(key);
    assert.ok(p !== undefined);
    assert.deepEqual(p.featureQuantiles, s.featureQuantiles);
    assert.deepEqual([...p.driverQuantiles], [...s.driverQuantiles]);
    assert.deepEqual(
      Array.from(p.background, (x) => x + 0),
      Array.from(s.background, (x) => x + 0),
    ); // JSON has no −0
    assert.equal(p.nBackground, s.nBackground);
    assert.deepEqual(p.baseRate, s.baseRate);
    assert.deepEqual(p.accuracyBands, stats.pooled?.accuracyBands);
    assert.equal(p.accuracyBands.length, 5);
  }
  // the pooled fallback: the strata's backgrounds, up to 32 rows, with the overall base rate
  assert.equal(parsed.stats.pooled?.nBackground, 32);
  assert.deepEqual(parsed.stats.pooled?.baseRate, stats.pooled?.baseRate);
});

test('the parser lists what is wrong', () => {
  const stats = statsFromVectors(fixture.samples, manifest);
  const good = historicalStatsToJson(stats, names);
  assert.equal(parseHistoricalStats('x').ok, false);
  const bad = parseHistoricalStats({ ...good, schema: 'other', quantile_levels: [0.5, 0.2] });
  assert.ok(!bad.ok);
  assert.ok(bad.errors.some((e) => e.startsWith('schema')));
  assert.ok(bad.errors.some((e) => e.includes('strictly increasing')));
  const strata = good['strata'];
  assert.ok(Array.isArray(strata));
  const broken = parseHistoricalStats({
    ...good,
    strata: [{ ...strata[0], time_bucket: 'T9', background: { rows: [[1, 2]] } }],
  });
  assert.ok(!broken.ok);
  assert.ok(broken.errors.some((e) => e.includes('time_bucket')));
  assert.ok(
    broken.errors.some((e) => e.includes('background.rows[0] has 2 values')),
    broken.errors.join('; '),
  );
});
