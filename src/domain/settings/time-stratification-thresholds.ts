/**
 * Reads the per-bucket decision thresholds out of time_stratification.json:
 * `optimal_thresholds[bucket].optimal_threshold`, each chosen out of sample by the analysis
 * (domain §7). The file is `unknown` until checked here.
 */
import { isTimeBucket } from '../time/time-bucket';
import { isUnitInterval, type BucketThresholds } from './analyst-settings';
import type { TimeBucket } from '../time/time-bucket';

export type BucketThresholdsResult =
  | { readonly ok: true; readonly thresholds: BucketThresholds }
  | { readonly ok: false; readonly error: string };

/**
 * The thresholds of the buckets the artifact has one for. A bucket whose `optimal_threshold` is
 * null (the analysis had too few rows to choose one) or that is absent is left out, so the caller
 * falls back to its default. Anything else malformed — a key that is not a time bucket, a
 * threshold outside [0, 1] — makes the whole artifact an error.
 */
export function bucketThresholdsFromTimeStratification(input: unknown): BucketThresholdsResult {
  if (!isRecord(input)) return fail('time_stratification.json must be a JSON object');
  const table = input['optimal_thresholds'];
  if (!isRecord(table)) return fail('time_stratification.json has no optimal_thresholds object');
  const thresholds: Partial<Record<TimeBucket, number>> = {};
  for (const [bucket, entry] of Object.entries(table)) {
    const path = `optimal_thresholds.${bucket}`;
    if (!isTimeBucket(bucket)) return fail(`${path}: '${bucket}' is not a time bucket`);
    if (!isRecord(entry)) return fail(`${path} must be an object`);
    const value = entry['optimal_threshold'];
    if (value === null) continue;
    if (!isUnitInterval(value)) {
      return fail(`${path}.optimal_threshold must be a number from 0 to 1 or null`);
    }
    thresholds[bucket] = value;
  }
  return { ok: true, thresholds };
}

function fail(error: string): BucketThresholdsResult {
  return { ok: false, error };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
