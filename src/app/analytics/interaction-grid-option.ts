import type { InteractionGrid } from '../../domain/analytics-artifacts/feature-interactions-view';
import type { ChartOption, HeatmapSeriesOption } from '../charts/chart-option';
import { count, percent } from '../charts/chart-format';
import { AXIS_LABEL, AXIS_LINE, CHART_COLORS, TOOLTIP_STYLE } from '../charts/chart-theme';
import { AXIS_NAME, INSUFFICIENT, LABEL } from './analytics-chart-parts';

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
