/**
 * Time buckets of the analysed window (09:30–12:30 ET) and their trader labels (domain §1).
 * Boundaries are half-open except the last: T120_180 is [120, 180].
 */
export const TIME_BUCKETS = ['T0_15', 'T15_30', 'T30_60', 'T60_120', 'T120_180'] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

export const TIME_BUCKET_LABELS: Readonly<Record<TimeBucket, string>> = {
  T0_15: 'Opening Range Forming',
  T15_30: 'Post-OR Early',
  T30_60: 'Peak Breakout Window',
  T60_120: 'Late Morning',
  T120_180: 'Midday',
};

/** Lower bounds (minutes since open) of each bucket, in bucket order. */
export const TIME_BUCKET_STARTS: Readonly<Record<TimeBucket, number>> = {
  T0_15: 0,
  T15_30: 15,
  T30_60: 30,
  T60_120: 60,
  T120_180: 120,
};

/** Minutes since open at which the analysed window ends (inclusive). */
export const SESSION_WINDOW_MINUTES = 180;

/**
 * The bucket of `minutesSinceOpen`. Throws a RangeError outside [0, 180] (validated frames are
 * always inside it).
 */
export function timeBucket(minutesSinceOpen: number): TimeBucket {
  if (!(minutesSinceOpen >= 0 && minutesSinceOpen <= SESSION_WINDOW_MINUTES)) {
    throw new RangeError(`minutes since open out of [0, 180]: ${minutesSinceOpen}`);
  }
  if (minutesSinceOpen < 15) return 'T0_15';
  if (minutesSinceOpen < 30) return 'T15_30';
  if (minutesSinceOpen < 60) return 'T30_60';
  if (minutesSinceOpen < 120) return 'T60_120';
  return 'T120_180';
}

export function timeBucketLabel(bucket: TimeBucket): string {
  return TIME_BUCKET_LABELS[bucket];
}

export function isTimeBucket(value: unknown): value is TimeBucket {
  return typeof value === 'string' && (TIME_BUCKETS as readonly string[]).includes(value);
}
