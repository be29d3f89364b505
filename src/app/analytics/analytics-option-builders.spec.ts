import { readTimeStratification } from '../../domain/analytics-artifacts/time-stratification-view';
import { readLevelSpecificity } from '../../domain/analytics-artifacts/level-specificity-view';
import { readFeatureInteractions } from '../../domain/analytics-artifacts/feature-interactions-view';
import { readConfidenceCalibration } from '../../domain/analytics-artifacts/reliability-view';
import type { ArtifactResult } from '../../domain/analytics-artifacts/field-reader';
import { dataValues, seriesById } from '../charts/testing/chart-option-access';
import { INSUFFICIENT } from './analytics-chart-parts';
import { levelsOption, thresholdsOption, timeBucketsOption } from './analytics-option-builders';
import { interactionGridOption } from './interaction-grid-option';
import { reliabilityOption } from './reliability-option';
import {
  featureInteractionsJson,
  historicalStatsJson,
  levelSpecificityJson,
  timeStratificationJson,
} from './testing/analytics-fixtures';

function valid<T>(result: ArtifactResult<T>): T {
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

/** The label text and tooltip of every data item of a series. */
function itemTexts(series: ReturnType<typeof seriesById>): { label: unknown; tooltip: unknown }[] {
  const data: unknown = 'data' in series ? series.data : undefined;
  if (!Array.isArray(data)) return [];
  return data.map((d: unknown) => {
    const item = typeof d === 'object' && d !== null ? d : {};
    const label =
      'label' in item &&
      typeof item.label === 'object' &&
      item.label !== null &&
      'formatter' in item.label
        ? item.label.formatter
        : undefined;
    const tooltip =
      'tooltip' in item &&
      typeof item.tooltip === 'object' &&
      item.tooltip !== null &&
      'formatter' in item.tooltip
        ? item.tooltip.formatter
        : undefined;
    return { label, tooltip };
  });
}

function categories(option: ReturnType<typeof timeBucketsOption>, index = 0): unknown {
  const axes = option.xAxis;
  const axis = Array.isArray(axes) ? axes[index] : axes;
  return axis !== undefined && 'data' in axis ? axis.data : undefined;
}

describe('analytics option builders', () => {
  const time = valid(readTimeStratification(timeStratificationJson()));

  it('time buckets: break rates with their n, Wilson whiskers, and "insufficient data" not 0', () => {
    const option = timeBucketsOption(time);
    expect(categories(option)).toEqual([
      'T0_15\nn 90',
      'T15_30\nn 0',
      'T30_60\nn 110',
      'T60_120\nn 120',
      'T120_180\nn 130',
    ]);
    const texts = itemTexts(seriesById(option, 'break_rate'));
    expect(texts.map((t) => t.label)).toEqual(['44%', INSUFFICIENT, '55%', '58%', '62%']);
    expect(texts[1].tooltip).toContain('insufficient data (n resolved 0)');
    expect(texts[2].tooltip).toContain('BREAK 60 · REJECT 50 · n resolved 110');
    // No whisker where there is no interval.
    expect(
      dataValues(seriesById(option, 'break_rate_ci95')).map((r) =>
        Array.isArray(r) ? r[0] : null,
      ),
    ).toEqual([0, 2, 3, 4]);
    expect(itemTexts(seriesById(option, 'auc_bucket')).map((t) => t.label)).toEqual([
      '0.60',
      INSUFFICIENT,
      '0.60',
      '0.60',
      '0.60',
    ]);
    expect(categories(option, 1)).toEqual([
      'T0_15\nn 90',
      'T15_30\nn 0',
      'T30_60\nn 110',
      'T60_120\nn 120',
      'T120_180\nn 130',
    ]);
  });

  it('thresholds: the analysis threshold beside the one in force, insufficient data labelled', () => {
    const option = thresholdsOption(time, {
      T0_15: 0.5,
      T15_30: 0.5,
      T30_60: 0.55,
      T60_120: 0.5,
      T120_180: 0.6,
    });
    expect(itemTexts(seriesById(option, 'optimal')).map((t) => t.label)).toEqual([
      '0.40',
      INSUFFICIENT,
      '0.50',
      '0.55',
      '0.60',
    ]);
    expect(dataValues(seriesById(option, 'in_force'))).toEqual([0.5, 0.5, 0.55, 0.5, 0.6]);
    expect(itemTexts(seriesById(option, 'optimal'))[0].tooltip).toContain('n resolved 90');
  });

  it('levels: all, UP and DOWN per kind with n; an empty direction is insufficient data', () => {
    const option = levelsOption(valid(readLevelSpecificity(levelSpecificityJson())));
    expect(categories(option)).toEqual([
      'PM_HIGH\nall · n 70',
      '↑ UP\nn 40',
      '↓ DOWN\nn 30',
      'OR_LOW\nall · n 40',
      '↑ UP\nn 40',
      '↓ DOWN\nn 0',
    ]);
    expect(itemTexts(seriesById(option, 'level_break_rate')).map((t) => t.label)).toEqual([
      '43%',
      '25%',
      '67%',
      '50%',
      '50%',
      INSUFFICIENT,
    ]);
  });

  it('interaction grid: break rate and n in every cell, an empty cell as insufficient data', () => {
    const pairs = valid(readFeatureInteractions(featureInteractionsJson())).pairs;
    const full = pairs[0].grid;
    const empty = pairs[2].grid;
    if (full.status !== 'ok' || empty.status !== 'ok') throw new Error('grids expected');
    expect(
      itemTexts(seriesById(interactionGridOption(full, 'a', 'b'), 'grid')).map((t) => t.label),
    ).toEqual(['36%\nn 423', '58%\nn 144', '42%\nn 144', '84%\nn 45']);
    const emptyCell = itemTexts(seriesById(interactionGridOption(empty, 'a', 'b'), 'grid'))[3];
    expect(emptyCell.label).toBe(`${INSUFFICIENT}\nn 0`);
    expect(dataValues(seriesById(interactionGridOption(empty, 'a', 'b'), 'grid'))[3]).toEqual([
      1,
      1,
      '-',
    ]);
  });

  it('reliability: observed against mean p for non-empty bins, n for every bin', () => {
    const option = reliabilityOption(valid(readConfidenceCalibration(historicalStatsJson())).bins);
    expect(dataValues(seriesById(option, 'observed'))).toEqual([
      [0.3, 0.28],
      [0.7, 0.72],
    ]);
    expect(itemTexts(seriesById(option, 'bin_n')).map((t) => t.label)).toEqual([
      '200',
      '100',
      INSUFFICIENT,
    ]);
    expect(itemTexts(seriesById(option, 'observed'))[1].tooltip).toContain('n 100');
  });
});
