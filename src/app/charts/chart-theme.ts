/**
 * Colours and shared axis styles of the charts, matching the dashboard palette of styles.scss
 * (blue = BREAK, red = REJECT, amber = threshold / warning) on the Material 3 dark surfaces.
 * ECharts draws on a canvas and cannot read CSS variables, so the values are repeated here.
 */
export const CHART_COLORS = {
  break: '#6cb4ff',
  breakFill: '#3d8fe6',
  reject: '#ff7b7b',
  rejectFill: '#d9534f',
  warn: '#ffc266',
  neutral: '#9aa0aa',
  line: '#e2e2e9',
  text: '#e2e2e9',
  mutedText: '#a9adb6',
  rule: '#2c2f36',
  axis: '#4a4f58',
  tooltipBg: '#1d2024',
} as const;

export const CHART_FONT = 'Roboto, sans-serif';
export const CHART_MONO_FONT = "'Roboto Mono', ui-monospace, monospace";

/** Text style of axis labels: small, muted, tabular figures. */
export const AXIS_LABEL = {
  color: CHART_COLORS.mutedText,
  fontFamily: CHART_MONO_FONT,
  fontSize: 10,
} as const;

export const SPLIT_LINE = { lineStyle: { color: CHART_COLORS.rule } } as const;
export const AXIS_LINE = { lineStyle: { color: CHART_COLORS.axis } } as const;

/** The tooltip box: dark, compact, monospace numbers. */
export const TOOLTIP_STYLE = {
  backgroundColor: CHART_COLORS.tooltipBg,
  borderColor: CHART_COLORS.axis,
  textStyle: { color: CHART_COLORS.text, fontFamily: CHART_MONO_FONT, fontSize: 11 },
  confine: true,
} as const;
