/**
 * Text formats of the dashboard's numbers. Probabilities are shown as whole percents; edges are
 * differences of probabilities, shown in signed percentage points ("pp").
 */

/** U+2212, the typographic minus: same width as "+" in Roboto Mono. */
const MINUS = '\u2212';

/** 0.6712 → "67%". */
export function formatPercent(probability: number): string {
  return `${Math.round(probability * 100)}%`;
}

/** 0.2213 → "+22.1", −0.05 → "−5.0", values that round to zero → "0.0". */
export function formatSignedPoints(edge: number, digits = 1): string {
  const points = Number((edge * 100).toFixed(digits));
  if (points === 0) return (0).toFixed(digits);
  const magnitude = Math.abs(points).toFixed(digits);
  return points > 0 ? `+${magnitude}` : `${MINUS}${magnitude}`;
}

/** Unsigned percentage points, for standard errors: 0.012 → "1.2". */
export function formatPoints(value: number, digits = 1): string {
  return (Math.abs(value) * 100).toFixed(digits);
}

/** 85 → "85th", 1 → "1st", 22 → "22nd", 13 → "13th". */
export function ordinal(value: number): string {
  const n = Math.round(value);
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
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

/** ISO instant → "09:47" in America/New_York; "—" when the text is not a date. */
export function formatEasternTime(iso: string, withSeconds = false): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  return (withSeconds ? EASTERN_CLOCK_SECONDS : EASTERN_CLOCK).format(ms);
}

/** Milliseconds → "4 s", "2 m 05 s"; null → "—". */
export function formatAge(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} m ${String(seconds % 60).padStart(2, '0')} s`;
}
