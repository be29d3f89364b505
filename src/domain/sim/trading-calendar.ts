import { addDays, dayOfWeek, formatIsoDate, parseIsoDate } from './eastern-time';

/**
 * The first `count` weekdays (Monday–Friday) on or after `start` (YYYY-MM-DD). Exchange
 * holidays are not modelled: every weekday is a simulated session.
 */
export function weekdaySessions(start: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`session count must be a non-negative integer: ${count}`);
  const dates: string[] = [];
  let date = parseIsoDate(start);
  while (dates.length < count) {
    const weekday = dayOfWeek(date);
    if (weekday !== 0 && weekday !== 6) dates.push(formatIsoDate(date));
    date = addDays(date, 1);
  }
  return dates;
}
