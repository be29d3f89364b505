/**
 * The analytics charts as pure functions of the validated view models (no DOM, no Angular).
 * Every bar, point and cell carries its n in its label or tooltip; a number the analysis could
 * not compute is drawn as "insufficient data", never as 0.
 */
import type { TimeBucket } from '../../domain/time/time-bucket';
import type { RateBlock } from '../../domain/analytics-artifacts/common-blocks';
import type { TimeStratificationView } from '../../domain/analytics-artifacts/time-stratification-view';
import type { LevelSpecificityView } from '../../domain/analytics-artifacts/level-specificity-view';
import type { InteractionGrid } from '../../domain/analytics-artifacts/feature-interactions-view';
import type { ConfidenceCalibration } from '../../domain/analytics-artifacts/reliability-view';
import type {
  BarSeriesOption,
  ChartOption,
  HeatmapSeriesOption,
  LineSeriesOption,
} from '../charts/chart-option';
import { count, percent, percentTick } from '../charts/chart-format';
import {
  AXIS_LABEL,
  AXIS_LINE,
  CHART_COLORS,
  CHART_MONO_FONT,
  SPLIT_LINE,
  TOOLTIP_STYLE,
} from '../charts/chart-theme';
import { intervalSeries } from '../charts/interval-series';

export const INSUFFICIENT = 'insufficient data';

const LABEL = {
  color: CHART_COLORS.text,
  fontFamily: CHART_MONO_FONT,
  fontSize: 10,
  lineHeight: 13,
} as const;
const AXIS_NAME = { color: CHART_COLORS.mutedText, fontSize: 10 } as const;

/** One bar: its value (null = insufficient data), the n behind it and its tooltip. */
interface BarDatum {
  readonly value: number | null;
  /** Label inside the bar's base (bars with an error bar above them). */
  readonly inside?: boolean;
  readonly label: string;
  readonly tooltip: string;
  readonly color: string;
}

function rateTooltip(title: string, b: RateBlock): string {
  if (b.breakRate === null) return `${title}<br>${INSUFFICIENT} (n resolved ${count(b.nResolved)})`;
  const ci =
    b.breakRateCi95 === null
      ? ''
      : ` (95 % ${percent(b.breakRateCi95[0])}–${percent(b.breakRateCi95[1])})`;
  return (
    `${title}<br>break rate ${percent(b.breakRate, 1)}${ci}<br>` +
    `BREAK ${count(b.nBreak)} · REJECT ${count(b.nReject)} · n resolved ${count(b.nResolved)}<br>` +
    `CHOP ${count(b.nChop)} of ${count(b.n)} episodes`
  );
}

function bars(id: string, data: readonly BarDatum[], axis = 0, name = id): BarSeriesOption {
  return {
    id,
    name,
    type: 'bar',
    xAxisIndex: axis,
    yAxisIndex: axis,
    barMaxWidth: 34,
    data: data.map((d) => ({
      // An insufficient bar is a zero-height stub whose label says so.
      value: d.value ?? 0,
      itemStyle: { color: d.value === null ? 'transparent' : d.color },
      label: {
        show: true,
        position: d.inside === true || d.value === null ? 'insideBottom' : 'top',
        formatter: d.label,
        ...LABEL,
        color: d.value === null ? CHART_COLORS.warn : CHART_COLORS.text,
      },
      tooltip: { formatter: d.tooltip },
    })),
  };
}

function rateBars(
  id: string,
  titles: readonly string[],
  blocks: readonly RateBlock[],
  color: (index: number) => string = () => CHART_COLORS.breakFill,
) {
  const data = blocks.map((b, i) => ({
    value: b.breakRate,
    label: b.breakRate === null ? INSUFFICIENT : percent(b.breakRate),
    tooltip: rateTooltip(titles[i], b),
    color: color(i),
    inside: true,
  }));
  const whiskers = blocks.flatMap((b, i): (readonly [number, number, number])[] =>
    b.breakRateCi95 === null ? [] : [[i, b.breakRateCi95[0], b.breakRateCi95[1]]],
  );
  return [bars(id, data, 0, 'break rate'), intervalSeries(`${id}_ci95`, whiskers, 0)];
}

function categoryAxis(names: readonly string[], gridIndex = 0) {
  return {
    type: 'category' as const,
    gridIndex,
    data: [...names],
    axisLabel: { ...AXIS_LABEL, interval: 0, fontSize: 10, lineHeight: 12 },
    axisLine: AXIS_LINE,
    axisTick: { show: false },
  };
}

function unitAxis(name: string, gridIndex = 0, max = 1) {
  return {
    type: 'value' as const,
    gridIndex,
    min: 0,
    max,
    name,
    nameTextStyle: AXIS_NAME,
    axisLabel: { ...AXIS_LABEL, formatter: percentTick },
    splitLine: SPLIT_LINE,
  };
}

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
    legend: {
      right: 8,
      top: 0,
      itemWidth: 10,
      itemHeight: 8,
      textStyle: { color: CHART_COLORS.mutedText, fontSize: 10 },
      data: ['global model', 'bucket model'],
    },
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
    legend: {
      right: 8,
      top: 0,
      itemWidth: 10,
      itemHeight: 8,
      textStyle: { color: CHART_COLORS.mutedText, fontSize: 10 },
      data: ['analysis (out of sample)', 'in force (settings)'],
    },
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

/** A 2×2 high/low grid as a heatmap: break rate and n per cell, feat1 on x, feat2 on y. */
export function interactionGridOption(
  grid: InteractionGrid,
  feat1: string,
  feat2: string,
): ChartOption {
  const cells = [
    { x: 0, y: 0, c: grid.lowLow, name: `${feat1} low · ${feat2} low` },
    { x: 0, y: 1, c: grid.lowHigh, name: `${feat1} low · ${feat2} high` },
    { x: 1, y: 0, c: grid.highLow, name: `${feat1} high · ${feat2} low` },
    { x: 1, y: 1, c: grid.highHigh, name: `${feat1} high · ${feat2} high` },
  ];
  const heat: HeatmapSeriesOption = {
    id: 'grid',
    type: 'heatmap',
    data: cells.map(({ x, y, c, name }) => ({
      value: [x, y, c.breakRate ?? '-'],
      label: {
        show: true,
        formatter:
          c.breakRate === null
            ? `${INSUFFICIENT}\nn ${count(c.n)}`
            : `${percent(c.breakRate)}\nn ${count(c.n)}`,
        ...LABEL,
        fontSize: 11,
        color: c.breakRate === null ? CHART_COLORS.warn : '#ffffff',
      },
      tooltip: {
        formatter:
          `${name}<br>` +
          (c.breakRate === null
            ? INSUFFICIENT
            : `break rate ${percent(c.breakRate, 1)} (${count(c.breaks)} of ${count(c.n)})`) +
          `<br>base rate ${percent(grid.baseRate, 1)} · n ${count(grid.n)}`,
      },
    })),
    itemStyle: { borderColor: '#111318', borderWidth: 2 },
  };
  return {
    animation: false,
    grid: { left: 30, right: 6, top: 4, bottom: 30 },
    xAxis: {
      type: 'category',
      data: ['low', 'high'],
      name: feat1,
      nameLocation: 'middle',
      nameGap: 16,
      nameTextStyle: AXIS_NAME,
      axisLabel: AXIS_LABEL,
      axisTick: { show: false },
      axisLine: AXIS_LINE,
    },
    yAxis: {
      type: 'category',
      data: ['low', 'high'],
      name: feat2,
      nameLocation: 'middle',
      nameGap: 20,
      nameTextStyle: AXIS_NAME,
      axisLabel: { ...AXIS_LABEL, rotate: 90 },
      axisTick: { show: false },
      axisLine: AXIS_LINE,
    },
    visualMap: {
      show: false,
      min: 0,
      max: 1,
      dimension: 2,
      inRange: { color: [CHART_COLORS.rejectFill, '#3a3d44', CHART_COLORS.breakFill] },
    },
    tooltip: { ...TOOLTIP_STYLE, trigger: 'item' },
    series: [heat],
  };
}

/** Reliability diagram: observed BREAK share against mean predicted p per bin, n per bin. */
export function reliabilityOption(calibration: ConfidenceCalibration): ChartOption {
  const bins = calibration.bins;
  const maxN = Math.max(1, ...bins.map((b) => b.n));
  const points: LineSeriesOption = {
    id: 'observed',
    name: 'observed',
    type: 'line',
    symbolSize: 7,
    lineStyle: { color: CHART_COLORS.break, width: 1.5 },
    itemStyle: { color: CHART_COLORS.break },
    data: bins
      .filter((b) => b.meanP !== null && b.observed !== null)
      .map((b) => ({
        value: [b.meanP ?? 0, b.observed ?? 0],
        tooltip: {
          formatter:
            `bin ${percent(b.lo)}–${percent(b.hi)}<br>mean predicted ${percent(b.meanP ?? 0, 1)}` +
            `<br>observed BREAK ${percent(b.observed ?? 0, 1)}<br>n ${count(b.n)}`,
        },
      })),
  };
  const diagonal: LineSeriesOption = {
    id: 'perfect',
    name: 'perfect calibration',
    type: 'line',
    silent: true,
    showSymbol: false,
    lineStyle: { color: CHART_COLORS.neutral, type: 'dashed', width: 1 },
    data: [
      [0, 0],
      [1, 1],
    ],
  };
  const counts: BarSeriesOption = {
    id: 'bin_n',
    name: 'n per bin',
    type: 'bar',
    xAxisIndex: 1,
    yAxisIndex: 1,
    barWidth: '70%',
    itemStyle: { color: '#3a3d44' },
    data: bins.map((b) => ({
      value: [(b.lo + b.hi) / 2, b.n],
      label: {
        show: true,
        position: 'top',
        formatter: b.n === 0 ? `${INSUFFICIENT}` : count(b.n),
        ...LABEL,
        fontSize: 9,
        color: b.n === 0 ? CHART_COLORS.warn : CHART_COLORS.mutedText,
      },
      tooltip: { formatter: `bin ${percent(b.lo)}–${percent(b.hi)}: n ${count(b.n)}` },
    })),
  };
  return {
    animation: false,
    grid: [
      { left: 40, right: 12, top: 26, bottom: 92 },
      { left: 40, right: 12, height: 44, bottom: 22 },
    ],
    xAxis: [
      {
        type: 'value',
        gridIndex: 0,
        min: 0,
        max: 1,
        axisLabel: { ...AXIS_LABEL, formatter: percentTick },
        splitLine: SPLIT_LINE,
        axisLine: AXIS_LINE,
      },
      {
        type: 'value',
        gridIndex: 1,
        min: 0,
        max: 1,
        name: 'mean predicted P(BREAK)',
        nameLocation: 'middle',
        nameGap: 8,
        nameTextStyle: AXIS_NAME,
        axisLabel: { show: false },
        splitLine: { show: false },
        axisLine: AXIS_LINE,
      },
    ],
    yAxis: [
      unitAxis('observed BREAK share', 0),
      {
        type: 'value',
        gridIndex: 1,
        min: 0,
        max: maxN * 1.35,
        axisLabel: { show: false },
        splitLine: { show: false },
      },
    ],
    legend: {
      right: 8,
      top: 0,
      itemWidth: 10,
      itemHeight: 8,
      textStyle: { color: CHART_COLORS.mutedText, fontSize: 10 },
      data: ['observed', 'perfect calibration'],
    },
    tooltip: { ...TOOLTIP_STYLE, trigger: 'item' },
    series: [diagonal, points, counts],
  };
}
