/**
 * Building blocks of the analytics charts: labelled bars (an insufficient value is a stub labelled
 * "insufficient data", never 0), break-rate bars with Wilson whiskers, axes and label styles.
 */
import type { RateBlock } from '../../domain/analytics-artifacts/common-blocks';
import type { BarSeriesOption } from '../charts/chart-option';
import { count, percent, percentTick } from '../charts/chart-format';
import {
  AXIS_LABEL,
  AXIS_LINE,
  CHART_COLORS,
  CHART_MONO_FONT,
  SPLIT_LINE,
} from '../charts/chart-theme';
import { intervalSeries } from '../charts/interval-series';

export const INSUFFICIENT = 'insufficient data';

export const LABEL = {
  color: CHART_COLORS.text,
  fontFamily: CHART_MONO_FONT,
  fontSize: 10,
  lineHeight: 13,
} as const;
export const AXIS_NAME = { color: CHART_COLORS.mutedText, fontSize: 10 } as const;

/** One bar: its value (null = insufficient data), the n behind it and its tooltip. */
export interface BarDatum {
  readonly value: number | null;
  /** Label inside the bar's base (bars with an error bar above them). */
  readonly inside?: boolean;
  readonly label: string;
  readonly tooltip: string;
  readonly color: string;
}

export function rateTooltip(title: string, b: RateBlock): string {
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

export function bars(id: string, data: readonly BarDatum[], axis = 0, name = id): BarSeriesOption {
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

export function rateBars(
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

export function categoryAxis(names: readonly string[], gridIndex = 0) {
  return {
    type: 'category' as const,
    gridIndex,
    data: [...names],
    axisLabel: { ...AXIS_LABEL, interval: 0, fontSize: 10, lineHeight: 12 },
    axisLine: AXIS_LINE,
    axisTick: { show: false },
  };
}

/** The analytics charts' legend: small keys in the top-right corner. */
export function cornerLegend(data: readonly string[]) {
  return {
    right: 8,
    top: 0,
    itemWidth: 10,
    itemHeight: 8,
    textStyle: { color: CHART_COLORS.mutedText, fontSize: 10 },
    data: [...data],
  };
}

export function unitAxis(name: string, gridIndex = 0, max = 1) {
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
