/**
 * The p_break timeline as a pure function: inputs in, ECharts option out (no DOM, no Angular), so
 * the chart's content is tested without drawing it.
 */
import type { Decision } from '../../../domain/signal/level-signal';
import type { ChartOption, LineSeriesOption, ScatterSeriesOption } from '../chart-option';
import { clockTick, easternClock, percent, percentTick, sessionOpenMs } from '../chart-format';
import { AXIS_LABEL, AXIS_LINE, CHART_COLORS, SPLIT_LINE, TOOLTIP_STYLE } from '../chart-theme';

/** One model prediction of the level. */
export interface TimelinePoint {
  /** ISO instant (feed time) of the prediction. */
  readonly ts: string;
  readonly p_break: number;
  /** The decision shown at the time; derived from the threshold (p ≥ threshold → BREAK) if absent. */
  readonly decision?: Decision | null;
  /** The threshold in force for this point (per-bucket thresholds); else the component's. */
  readonly threshold?: number | null;
}

export type TimelineOutcomeKind = 'BREAK' | 'REJECT' | 'UNRESOLVED';

/** A realised outcome of a touch of the level (the context's session history). */
export interface TimelineOutcome {
  readonly ts: string;
  readonly outcome: TimelineOutcomeKind;
}

export interface TimelineInput {
  readonly points: readonly TimelinePoint[];
  /** Threshold for points that carry none; null draws no threshold. */
  readonly threshold: number | null;
  readonly outcomes: readonly TimelineOutcome[];
  /** A pause longer than this between two predictions (the level left the zone) breaks the line. */
  readonly gapMs: number;
}

/** A prediction after validation: time in ms, its threshold and decision resolved. */
export interface TimelineRow {
  readonly ms: number;
  readonly pBreak: number;
  readonly threshold: number | null;
  readonly decision: Decision | null;
  /** The decision this point flipped to (it differs from the previous point's), else null. */
  readonly flippedTo: Decision | null;
}

export interface TimelineMarker {
  readonly ms: number;
  readonly outcome: TimelineOutcomeKind;
  /** Height of the marker: the p_break in force at the outcome's time (0.5 without one). */
  readonly y: number;
}

export type ThresholdShape =
  | { readonly kind: 'none' }
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'steps' };

export interface TimelineModel {
  readonly rows: readonly TimelineRow[];
  readonly outcomes: readonly TimelineMarker[];
  readonly threshold: ThresholdShape;
  /** Predictions dropped because their time or p_break was not usable. */
  readonly dropped: number;
}

export const DEFAULT_GAP_MS = 90_000;
/** The analysed session, 09:30–12:30 ET: the time axis always spans it. */
export const SESSION_SPAN_MS = 180 * 60_000;
/** One time-axis label every half hour (09:30, 10:00, …, 12:30). */
export const TIME_LABEL_STEP_MS = 30 * 60_000;

export const OUTCOME_COLORS: Readonly<Record<TimelineOutcomeKind, string>> = {
  BREAK: CHART_COLORS.break,
  REJECT: CHART_COLORS.reject,
  UNRESOLVED: CHART_COLORS.neutral,
};

/**
 * The font of every text on the chart, the axis labels': each further font or size costs ECharts a
 * first text measurement of its own (a few ms, in the first draw or in a later one).
 */
export const LABEL_FONT = {
  fontFamily: AXIS_LABEL.fontFamily,
  fontSize: AXIS_LABEL.fontSize,
} as const;

const DECISION_COLORS: Readonly<Record<Decision, string>> = {
  BREAK: CHART_COLORS.break,
  REJECT: CHART_COLORS.reject,
};

/** Sorts, validates and annotates the inputs: what the chart will show. */
export function timelineModel(input: TimelineInput): TimelineModel {
  const valid = input.points
    .map((p) => ({ point: p, ms: Date.parse(p.ts) }))
    .filter(({ point, ms }) => Number.isFinite(ms) && isProbability(point.p_break))
    .sort((a, b) => a.ms - b.ms);
  const rows: TimelineRow[] = [];
  for (const { point, ms } of valid) {
    const own = point.threshold;
    const threshold = own != null && isProbability(own) ? own : input.threshold;
    const decision =
      point.decision ??
      (threshold === null ? null : point.p_break >= threshold ? 'BREAK' : 'REJECT');
    const previous = rows.at(-1)?.decision ?? null;
    const flippedTo =
      previous !== null && decision !== null && decision !== previous ? decision : null;
    rows.push({ ms, pBreak: point.p_break, threshold, decision, flippedTo });
  }
  const outcomes = input.outcomes
    .map((o) => ({ ms: Date.parse(o.ts), outcome: o.outcome }))
    .filter((o) => Number.isFinite(o.ms))
    .sort((a, b) => a.ms - b.ms)
    .map((o) => ({ ...o, y: pBreakAt(rows, o.ms) ?? 0.5 }));
  return {
    rows,
    outcomes,
    threshold: thresholdShape(rows),
    dropped: input.points.length - rows.length,
  };
}

/** The ECharts option of the timeline. */
export function buildPBreakTimelineOption(input: TimelineInput): ChartOption {
  const model = timelineModel(input);
  const { rows } = model;
  const lineRows = withGaps(rows, input.gapMs);
  const span = sessionSpan([...rows.map((r) => r.ms), ...model.outcomes.map((o) => o.ms)]);

  const pBreak: LineSeriesOption = {
    id: 'p_break',
    name: 'P(BREAK)',
    type: 'line',
    data: lineRows.map((r) => (r.row === null ? [r.ms, null] : [r.ms, r.row.pBreak])),
    showSymbol: rows.length <= 1,
    symbolSize: 4,
    connectNulls: false,
    lineStyle: { color: CHART_COLORS.line, width: 1.5 },
    itemStyle: { color: CHART_COLORS.line },
    z: 3,
    // Always a mark line (with no data when the threshold is not constant): the chart merges
    // each new option into the drawn one, where a left-out mark line would stay.
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { color: CHART_COLORS.warn, type: 'dashed', width: 1 },
      label: {
        position: 'insideEndTop',
        color: CHART_COLORS.warn,
        ...LABEL_FONT,
        formatter:
          model.threshold.kind === 'constant' ? `threshold ${percent(model.threshold.value)}` : '',
      },
      data: model.threshold.kind === 'constant' ? [{ yAxis: model.threshold.value }] : [],
    },
  };

  const series: (LineSeriesOption | ScatterSeriesOption)[] = [pBreak];
  if (model.threshold.kind === 'steps') {
    series.push({
      id: 'threshold',
      name: 'Threshold',
      type: 'line',
      step: 'end',
      data: lineRows.map((r) => [r.ms, r.row?.threshold ?? null]),
      showSymbol: false,
      connectNulls: false,
      silent: true,
      lineStyle: { color: CHART_COLORS.warn, type: 'dashed', width: 1 },
      itemStyle: { color: CHART_COLORS.warn },
      z: 2,
    });
  }
  series.push({
    id: 'decision_flips',
    name: 'Decision flips',
    type: 'scatter',
    symbol: 'circle',
    symbolSize: 8,
    data: rows
      .filter((r) => r.flippedTo !== null)
      .map((r) => ({
        value: [r.ms, r.pBreak],
        itemStyle: {
          color: DECISION_COLORS[r.flippedTo ?? 'BREAK'],
          borderColor: '#111318',
          borderWidth: 1,
        },
      })),
    z: 4,
  });
  series.push({
    id: 'outcomes',
    name: 'Outcomes',
    type: 'scatter',
    symbol: 'diamond',
    symbolSize: 11,
    data: model.outcomes.map((o) => ({
      value: [o.ms, o.y],
      itemStyle: { color: OUTCOME_COLORS[o.outcome], borderColor: '#111318', borderWidth: 1 },
    })),
    markLine: {
      silent: true,
      symbol: 'none',
      label: { position: 'end', ...LABEL_FONT, distance: 2 },
      data: model.outcomes.map((o) => ({
        xAxis: o.ms,
        lineStyle: { color: OUTCOME_COLORS[o.outcome], type: 'dotted', width: 1 },
        label: { color: OUTCOME_COLORS[o.outcome], formatter: o.outcome.charAt(0) },
      })),
    },
    z: 5,
  });

  return {
    animation: false,
    backgroundColor: 'transparent',
    grid: { left: 38, right: 10, top: 16, bottom: 22 },
    // A fixed axis: the whole session with a label every half hour, and 0–100 % in quarters, so
    // that ECharts neither searches for "nice" ticks nor re-lays out the labels as data arrive.
    xAxis: {
      type: 'value',
      min: span?.min,
      max: span?.max,
      interval: TIME_LABEL_STEP_MS,
      axisLabel: { ...AXIS_LABEL, formatter: clockTick },
      axisLine: AXIS_LINE,
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      interval: 0.25,
      axisLabel: { ...AXIS_LABEL, formatter: percentTick },
      splitLine: SPLIT_LINE,
    },
    tooltip: {
      ...TOOLTIP_STYLE,
      trigger: 'axis',
      axisPointer: { type: 'line', lineStyle: { color: CHART_COLORS.axis } },
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const onLine = list.find((p) => p.seriesId === 'p_break');
        const row = onLine === undefined ? null : (lineRows[onLine.dataIndex]?.row ?? null);
        return row === null ? '' : timelineTooltip(row, model.outcomes);
      },
    },
    series,
  };
}

/**
 * The time axis' range: the session (09:30–12:30 ET) of the earliest time, widened to whole half
 * hours around any time outside it; null without times.
 */
export function sessionSpan(times: readonly number[]): { min: number; max: number } | null {
  if (times.length === 0) return null;
  const first = Math.min(...times);
  const last = Math.max(...times);
  const open = sessionOpenMs(first);
  const step = TIME_LABEL_STEP_MS;
  return {
    min: Math.min(open, Math.floor(first / step) * step),
    max: Math.max(open + SESSION_SPAN_MS, Math.ceil(last / step) * step),
  };
}

/** Tooltip text of one prediction: time, p_break, threshold, decision, flip, nearby outcomes. */
export function timelineTooltip(row: TimelineRow, outcomes: readonly TimelineMarker[]): string {
  const lines = [`${easternClock(row.ms, true)} ET`, `P(BREAK) ${percent(row.pBreak)}`];
  if (row.threshold !== null) lines.push(`threshold ${percent(row.threshold)}`);
  if (row.decision !== null) lines.push(`decision ${row.decision}`);
  if (row.flippedTo !== null) lines.push(`flipped to ${row.flippedTo}`);
  for (const o of outcomes) {
    if (Math.abs(o.ms - row.ms) <= 15_000) {
      lines.push(`outcome ${o.outcome} (touch ${easternClock(o.ms, true)})`);
    }
  }
  return lines.join('<br>');
}

/** Rows with a null entry where the feed paused longer than `gapMs`, so the line breaks there. */
function withGaps(
  rows: readonly TimelineRow[],
  gapMs: number,
): { readonly ms: number; readonly row: TimelineRow | null }[] {
  const out: { ms: number; row: TimelineRow | null }[] = [];
  rows.forEach((row, i) => {
    const previous = rows[i - 1];
    if (previous !== undefined && row.ms - previous.ms > gapMs) {
      // Right after the last point, so a stepped threshold does not run on into the pause.
      out.push({ ms: previous.ms + 1, row: null });
    }
    out.push({ ms: row.ms, row });
  });
  return out;
}

function thresholdShape(rows: readonly TimelineRow[]): ThresholdShape {
  const values = new Set(rows.map((r) => r.threshold).filter((t) => t !== null));
  if (values.size === 0) return { kind: 'none' };
  const [only] = values;
  if (values.size === 1 && rows.every((r) => r.threshold !== null)) {
    return { kind: 'constant', value: only };
  }
  return { kind: 'steps' };
}

/** p_break of the latest prediction at or before `ms` (the first one if `ms` is earlier). */
function pBreakAt(rows: readonly TimelineRow[], ms: number): number | null {
  let found: TimelineRow | null = rows[0] ?? null;
  for (const r of rows) {
    if (r.ms > ms) break;
    found = r;
  }
  return found?.pBreak ?? null;
}

function isProbability(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 1;
}
