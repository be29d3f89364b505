import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Outcome } from '../../src/domain/labels/label-frame';
import { EpisodeRow } from './episode-rows';
import { labelCalibration, outcomeShares } from './episodes-summary';

function row(p4: number | null, outcome: Outcome): EpisodeRow {
  return {
    row: 0,
    date: '2025-01-06',
    ts: '2025-01-06T15:00:00.000Z',
    t_ms: 0,
    seq: 0,
    minutes_since_open: 30,
    level_kind: 'PM_HIGH',
    level_price: 6000,
    direction: 'UP',
    spot: 5998,
    atr: 3,
    distance_signed_atr: -0.7,
    bucket: 'T30_60',
    in_zone: true,
    episode_id: '2025-01-06/PM_HIGH/0',
    episode_start: false,
    outcome,
    outcomes: { '2': 'CHOP', '4': outcome, '8': 'CHOP' },
    horizon_covered: true,
    truth:
      p4 === null
        ? null
        : {
            p_break: { '2': 0, '4': p4, '8': 0 },
            engaged: true,
            engaged_level_kind: 'PM_HIGH',
            baseline_4: 0.5,
            contributions_4: {},
            causes: {},
          },
  };
}

test('labelCalibration bins decided rows by truth p_break and ignores CHOP and rows without truth', () => {
  const rows = [
    row(0.1, 'REJECT'),
    row(0.15, 'REJECT'),
    row(0.1, 'BREAK'),
    row(0.1, 'CHOP'),
    row(0.9, 'BREAK'),
    row(1, 'BREAK'),
    row(null, 'BREAK'),
  ];
  const bins = labelCalibration(rows, '4', [0, 0.5, 1]);
  assert.equal(bins.length, 2);
  assert.deepEqual([bins[0].n, bins[0].breaks, bins[0].rejects], [4, 1, 2]);
  assert.equal(bins[0].observed, 1 / 3);
  assert.ok(Math.abs((bins[0].meanTruth ?? 0) - (0.1 + 0.15 + 0.1) / 3) < 1e-12);
  assert.deepEqual([bins[1].n, bins[1].observed], [2, 1]);
  assert.equal(labelCalibration([row(0.3, 'CHOP')], '4', [0, 1])[0].observed, null);
});

test('outcomeShares gives percentages', () => {
  const s = outcomeShares([
    row(null, 'BREAK'),
    row(null, 'REJECT'),
    row(null, 'REJECT'),
    row(null, 'CHOP'),
  ]);
  assert.deepEqual(s, { BREAK: 25, REJECT: 50, CHOP: 25 });
});
