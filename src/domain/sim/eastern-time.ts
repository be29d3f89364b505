/**
 * America/New_York wall-clock time ↔ UTC without Intl: the US daylight-saving rules since 2007
 * (DST from the second Sunday of March, 02:00 local, to the first Sunday of November, 02:00 local).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface CivilDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}

/** Parses YYYY-MM-DD strictly; throws on anything else. */
export function parseIsoDate(text: string): CivilDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${text}`);
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (
    check.getUTCFullYear() !== date.year ||
    check.getUTCMonth() !== date.month - 1 ||
    check.getUTCDate() !== date.day
  ) {
    throw new Error(`not a calendar date: ${text}`);
  }
  return date;
}

export function formatIsoDate(date: CivilDate): string {
  return `${date.year.toString().padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** Day of month of the n-th (1-based) given weekday in a month. */
function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + 7 * (n - 1);
}

/** UTC instants at which DST starts and ends in New York in a given year (rules since 2007). */
export function dstBoundsUtcMs(year: number): { readonly startMs: number; readonly endMs: number } {
  const startDay = nthWeekdayOfMonth(year, 3, 0, 2);
  const endDay = nthWeekdayOfMonth(year, 11, 0, 1);
  // 02:00 EST = 07:00 UTC; 02:00 EDT = 06:00 UTC.
  return {
    startMs: Date.UTC(year, 2, startDay, 7),
    endMs: Date.UTC(year, 10, endDay, 6),
  };
}

/** UTC offset of New York (hours: −4 in summer, −5 in winter) at a UTC instant. */
export function easternOffsetHoursAt(utcMs: number): -4 | -5 {
  const year = new Date(utcMs).getUTCFullYear();
  const { startMs, endMs } = dstBoundsUtcMs(year);
  return utcMs >= startMs && utcMs < endMs ? -4 : -5;
}

/**
 * UTC epoch ms of a New York wall-clock time on a date. Times inside the spring-forward gap
 * are read as standard time; the repeated hour in autumn resolves to the first (daylight) one.
 */
export function easternToUtcMs(date: CivilDate, hour: number, minute = 0, second = 0): number {
  const naive = Date.UTC(date.year, date.month - 1, date.day, hour, minute, second);
  const asDaylight = naive + 4 * HOUR_MS;
  if (easternOffsetHoursAt(asDaylight) === -4) return asDaylight;
  return naive + 5 * HOUR_MS;
}

export interface EasternWallClock {
  readonly date: CivilDate;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly offsetHours: -4 | -5;
}

/** New York wall-clock reading of a UTC instant. */
export function utcMsToEastern(utcMs: number): EasternWallClock {
  const offsetHours = easternOffsetHoursAt(utcMs);
  const local = new Date(utcMs + offsetHours * HOUR_MS);
  return {
    date: { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() },
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    offsetHours,
  };
}

/** The civil date n days after a date. */
export function addDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function pad2(n: number): string {
  return n.toString().padStart(2, '0');
}
