/** Spec helpers: reach into a built ECharts option by series id, with runtime checks. */
import type { ChartOption } from '../chart-option';

type Series = Exclude<NonNullable<ChartOption['series']>, readonly unknown[]>;

export function allSeries(option: ChartOption): Series[] {
  const series = option.series;
  if (series === undefined) return [];
  return Array.isArray(series) ? series : [series];
}

export function seriesById(option: ChartOption, id: string): Series {
  const found = allSeries(option).find((s) => s.id === id);
  if (found === undefined) throw new Error(`no series '${id}'`);
  return found;
}

/** The `value` of each data item (an array or `{ value }` object). */
export function dataValues(series: Series): unknown[] {
  const data: unknown = 'data' in series ? series.data : undefined;
  if (!Array.isArray(data)) return [];
  return data.map((d: unknown) =>
    typeof d === 'object' && d !== null && !Array.isArray(d) && 'value' in d ? d.value : d,
  );
}

/** Waits (polling) until `check` is true or the time runs out; returns whether it became true. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}
