/** Text formats shared by the chart labels and tooltips. */

const MINUS = '\u2212';

/** 0.6712 → "67%"; `digits` adds decimals: (0.6712, 1) → "67.1%". */
export function percent(probability: number, digits = 0): string {
  return `${(probability * 100).toFixed(digits)}%`;
}

/** Signed percentage points: 0.221 → "+22.1 pp", −0.05 → "−5.0 pp". */
export function signedPoints(value: number, digits = 1): string {
  const points = Number((value * 100).toFixed(digits));
  if (points === 0) return `${(0).toFixed(digits)} pp`;
  const magnitude = Math.abs(points).toFixed(digits);
  return `${points > 0 ? '+' : MINUS}${magnitude} pp`;
}

/** A count with thousands separators: 63716 → "63,716". */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A p- or q-value: "<0.001" below a thousandth, else three decimals. */
export function pValue(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

const EASTERN_CLOCK = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const EASTERN_CLOCK_SECONDS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Epoch milliseconds → "09:47" (or "09:47:30") in America/New_York, the market's clock. */
export function easternClock(ms: number, withSeconds = false): string {
  return (withSeconds ? EASTERN_CLOCK_SECONDS : EASTERN_CLOCK).format(ms);
}

/** Axis tick label of a time axis in epoch ms: "09:30" (New York). */
export function clockTick(ms: number): string {
  return easternClock(ms);
}

/** Axis tick label of a probability axis: 0.25 → "25%". */
export function percentTick(value: number): string {
  return percent(value);
}

/** 09:30 in minutes after midnight. */
const OPEN_MINUTES = 9 * 60 + 30;

/**
 * Epoch ms of 09:30 ET (the regular open) on the New York calendar day of `ms`: `ms` moved by the
 * difference of its New York wall time and 09:30 (exact for any `ms` from 02:00, where New York's
 * summer-time changes happen, to midnight).
 */
export function sessionOpenMs(ms: number): number {
  const parts = EASTERN_CLOCK_SECONDS.formatToParts(ms);
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const timeOfDay =
    ((field('hour') * 60 + field('minute')) * 60 + field('second')) * 1000 + (ms % 1000);
  return ms - (timeOfDay - OPEN_MINUTES * 60_000);
}
