/**
 * The analytics charts as pure functions of the validated view models (no DOM, no Angular).
 * Every bar, point and cell carries its n in its label or tooltip; a number the analysis could
 * not compute is drawn as "insufficient data", never as 0. This file: time buckets, thresholds,
 * level kinds; interaction-grid-option.ts and reliability-option.ts hold the other two.
 */
import type { TimeBucket } from '../../domain/time/time-bucket';
import type { TimeStratificationView } from '../../domain/analytics-artifacts/time-stratification-view';
import type { LevelSpecificityView } from '../../domain/analytics-artifacts/level-specificity-view';
import type { ChartOption } from '../charts/chart-option';
import { count } from '../charts/chart-format';
import { CHART_COLORS, TOOLTIP_STYLE } from '../charts/chart-theme';
import {
  INSUFFICIENT,
  bars,
  categoryAxis,
  cornerLegend,
  rateBars,
  unitAxis,
  type BarDatum,
} from './analytics-chart-parts';

/** Time buckets: break rate with Wilson intervals (left), in-bucket AUCs (right). */
export function timeBucketsOption(view: TimeStratificationView): ChartOption {
  const names = view.buckets.map((b) => `${b.bucket}\nn ${count(b.rates.nResolved)}`);
  const modelNames = view.buckets.map((b) => {
    const n = b.model.status === 'ok' ? b.model.nResolved : b.model.n;
    return `${b.bucket}\nn ${n === null ? '—' : count(n)}`;
  });
  const titles = view.buckets.map((b) => `${b.bucket} · ${b.label}`);
  const auc = (pick: 'aucGlobalModel' | 'aucBucketModel', color: string): BarDatum[] =>
    view.buckets.map((b, i) => {
      const m = b.model;
      const value = m.status === 'ok' ? m[pick] : null;
      const n = m.status === 'ok' ? m.nResolved : m.n;
      const dates = m.status === 'ok' ? ` · ${m.nDates} dates` : '';
      return {
        value,
        label: value === null ? INSUFFICIENT : value.toFixed(2),
        tooltip:
          `${titles[i]}<br>${pick === 'aucGlobalModel' ? 'global model' : 'bucket model'} AUC ` +
          `${value === null ? INSUFFICIENT : value.toFixed(3)}<br>n resolved ${n === null ? '—' : count(n)}${dates}`,
        color,
      };
    });
  return {
    animation: false,
    grid: [
      { left: 40, right: '47%', top: 26, bottom: 34 },
      { left: '60%', right: 8, top: 26, bottom: 34 },
    ],
    xAxis: [categoryAxis(names, 0), categoryAxis(modelNames, 1)],
    yAxis: [
      unitAxis('break rate (resolved), 95 % CI', 0),
      { ...unitAxis('AUC in bucket', 1), min: 0.4, max: 0.9 },
    ],
    legend: cornerLegend(['global model', 'bucket model']),
    tooltip: { ...TOOLTIP_STYLE, trigger: 'item' },
    series: [
      ...rateBars(
        'break_rate',
        titles,
        view.buckets.map((b) => b.rates),
      ),
      {
        ...bars('auc_global', auc('aucGlobalModel', CHART_COLORS.neutral), 1, 'global model'),
        itemStyle: { color: CHART_COLORS.neutral },
      },
      {
        ...bars('auc_bucket', auc('aucBucketModel', CHART_COLORS.breakFill), 1, 'bucket model'),
        itemStyle: { color: CHART_COLORS.breakFill },
      },
    ],
  };
}

/** Per bucket: the analysis' out-of-sample threshold (with n) beside the one in force. */
export function thresholdsOption(
  view: TimeStratificationView,
  inForce: Readonly<Record<TimeBucket, number>>,
): ChartOption {
  const names = view.buckets.map((b) => {
    const n = b.threshold.n;
    return `${b.bucket}\nn ${n === null ? '—' : count(n)}`;
  });
  const optimal: BarDatum[] = view.buckets.map((b) => {
    const t = b.threshold;
    if (t.status !== 'ok') {
      return {
        value: null,
        label: INSUFFICIENT,
        tooltip: `${b.bucket}: ${INSUFFICIENT} to choose a threshold (${t.what})`,
        color: CHART_COLORS.breakFill,
      };
    }
    return {
      value: t.threshold,
      label: t.threshold.toFixed(2),
      tooltip:
        `${b.bucket} · ${b.label}<br>optimal threshold ${t.threshold.toFixed(3)} (median of 5 date folds, IQR ${t.iqr?.toFixed(3) ?? '—'})` +
        `<br>held-out balanced accuracy ${t.balancedAccuracy?.toFixed(2) ?? '—'} · TPR ${t.tpr?.toFixed(2) ?? '—'} · TNR ${t.tnr?.toFixed(2) ?? '—'}` +
        `<br>n resolved ${count(t.n)}`,
      color: CHART_COLORS.breakFill,
    };
  });
  const active: BarDatum[] = view.buckets.map((b) => ({
    value: inForce[b.bucket],
    label: inForce[b.bucket].toFixed(2),
    tooltip: `${b.bucket}: threshold in force ${inForce[b.bucket].toFixed(3)} (settings)`,
    color: CHART_COLORS.warn,
  }));
  return {
    animation: false,
    grid: { left: 40, right: 8, top: 26, bottom: 34 },
    xAxis: categoryAxis(names),
    yAxis: unitAxis('P(BREAK) threshold'),
    legend: cornerLegend(['analysis (out of sample)', 'in force (settings)']),
    tooltip: { ...TOOLTIP_STYLE, trigger: 'item' },
    series: [
      {
        ...bars('optimal', optimal, 0, 'analysis (out of sample)'),
        itemStyle: { color: CHART_COLORS.breakFill },
      },
      {
        ...bars('in_force', active, 0, 'in force (settings)'),
        itemStyle: { color: CHART_COLORS.warn },
      },
    ],
  };
}

/** Level kinds: break rate for all approaches, from below (UP) and from above (DOWN). */
export function levelsOption(view: LevelSpecificityView): ChartOption {
  const groups = view.levels.flatMap((l) => [
    {
      name: `${l.kind}\nall · n ${count(l.rates.nResolved)}`,
      title: `${l.kind} · all`,
      block: l.rates,
    },
    { name: `↑ UP\nn ${count(l.up.nResolved)}`, title: `${l.kind} · from below (UP)`, block: l.up },
    {
      name: `↓ DOWN\nn ${count(l.down.nResolved)}`,
      title: `${l.kind} · from above (DOWN)`,
      block: l.down,
    },
  ]);
  // "all" in the full BREAK blue, the two directions in a darker blue.
  const series = rateBars(
    'level_break_rate',
    groups.map((g) => g.title),
    groups.map((g) => g.block),
    (i) => (i % 3 === 0 ? CHART_COLORS.breakFill : '#2f6db3'),
  );
  return {
    animation: false,
    grid: { left: 40, right: 8, top: 26, bottom: 36 },
    xAxis: categoryAxis(groups.map((g) => g.name)),
    yAxis: unitAxis('break rate (resolved), 95 % CI'),
    tooltip: { ...TOOLTIP_STYLE, trigger: 'item' },
    series,
  };
}
