/**
 * Error bars (e.g. Wilson 95 % intervals) as an ECharts custom series: one vertical whisker with
 * caps per category. Data rows are [categoryIndex, low, high]; rows without an interval are left
 * out by the caller.
 */
import type { CustomSeriesRenderItem } from 'echarts';
import type { CustomSeriesOption } from './chart-option';
import { CHART_COLORS } from './chart-theme';

const CAP_HALF_WIDTH = 5;

const renderWhisker: CustomSeriesRenderItem = (_params, api) => {
  const x = api.value(0);
  const top = api.coord([x, api.value(2)]);
  const bottom = api.coord([x, api.value(1)]);
  const style = { stroke: CHART_COLORS.text, lineWidth: 1 };
  const [cx] = top;
  return {
    type: 'group',
    children: [
      { type: 'line', shape: { x1: cx, y1: top[1], x2: cx, y2: bottom[1] }, style },
      {
        type: 'line',
        shape: { x1: cx - CAP_HALF_WIDTH, y1: top[1], x2: cx + CAP_HALF_WIDTH, y2: top[1] },
        style,
      },
      {
        type: 'line',
        shape: { x1: cx - CAP_HALF_WIDTH, y1: bottom[1], x2: cx + CAP_HALF_WIDTH, y2: bottom[1] },
        style,
      },
    ],
  };
};

export function intervalSeries(
  id: string,
  rows: readonly (readonly [number, number, number])[],
  axisIndex = 0,
): CustomSeriesOption {
  return {
    id,
    type: 'custom',
    name: '95 % interval',
    renderItem: renderWhisker,
    xAxisIndex: axisIndex,
    yAxisIndex: axisIndex,
    encode: { x: 0, y: [1, 2] },
    data: rows.map((r) => [...r]),
    silent: true,
    z: 5,
  };
}
