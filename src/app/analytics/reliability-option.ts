import type { ReliabilityBin } from '../../domain/analytics-artifacts/reliability-view';
import type { BarSeriesOption, ChartOption, LineSeriesOption } from '../charts/chart-option';
import { count, percent, percentTick } from '../charts/chart-format';
import {
  AXIS_LABEL,
  AXIS_LINE,
  CHART_COLORS,
  SPLIT_LINE,
  TOOLTIP_STYLE,
} from '../charts/chart-theme';
import { AXIS_NAME, cornerLegend, INSUFFICIENT, LABEL, unitAxis } from './analytics-chart-parts';

/**
 * Reliability diagram: observed BREAK share against mean predicted p per bin, n per bin.
 * `observedName` names the points in the legend (which predictions they are).
 */
export function reliabilityOption(
  bins: readonly ReliabilityBin[],
  observedName = 'observed',
): ChartOption {
  const maxN = Math.max(1, ...bins.map((b) => b.n));
  const points: LineSeriesOption = {
    id: 'observed',
    name: observedName,
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
    legend: cornerLegend([observedName, 'perfect calibration']),
    tooltip: { ...TOOLTIP_STYLE, trigger: 'item' },
    series: [diagonal, points, counts],
  };
}
