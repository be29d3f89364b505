/**
 * Validation of settings that come from outside (localStorage, an imported file): `unknown` in,
 * typed `AnalystSettings` or every problem found out. The per-field checks are exported so the
 * settings form validates exactly as this parser does.
 */
import { TIME_BUCKETS } from '../time/time-bucket';
import {
  REPLAY_SPEED_MAX,
  REPLAY_SPEED_MIN,
  SETTINGS_VERSION,
  isUnitInterval,
  mapBuckets,
  type AnalystSettings,
  type BucketThresholdSetting,
  type ConfidenceCutoffs,
} from './analyst-settings';

export type ParseSettingsResult =
  | { readonly ok: true; readonly settings: AnalystSettings }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Problem with a threshold or cut-off value, or null when it is a number in [0, 1]. */
export function unitIntervalError(value: unknown): string | null {
  return isUnitInterval(value) ? null : `must be a number from 0 to 1 (got ${describe(value)})`;
}

/** Problem with a feed URL, or null when it is empty or a ws:/wss: URL. */
export function feedUrlError(value: unknown): string | null {
  if (typeof value !== 'string') return `must be a string (got ${describe(value)})`;
  if (value === '') return null;
  if (WS_URL.test(value)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value);
  return scheme && !/^wss?$/i.test(scheme[1])
    ? `must use ws: or wss: (got ${scheme[1].toLowerCase()}:)`
    : `is not a ws:// or wss:// URL (got ${describe(value)})`;
}

/** ws://host[:port][/path][?query][#fragment]: a scheme, a non-empty host, no whitespace. */
const WS_URL = /^wss?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i;

/** Problem with a replay speed, or null when it lies in [REPLAY_SPEED_MIN, REPLAY_SPEED_MAX]. */
export function replaySpeedError(value: unknown): string | null {
  return typeof value === 'number' && value >= REPLAY_SPEED_MIN && value <= REPLAY_SPEED_MAX
    ? null
    : `must be a number from ${REPLAY_SPEED_MIN} to ${REPLAY_SPEED_MAX} (got ${describe(value)})`;
}

/** Ordering problems of the cut-offs (each assumed in [0, 1]): VERY HIGH > HIGH > MODERATE. */
export function cutoffOrderErrors(c: ConfidenceCutoffs): string[] {
  const errors: string[] = [];
  if (!(c.veryHigh > c.high)) errors.push('the VERY HIGH cut-off must be above the HIGH cut-off');
  if (!(c.high > c.moderate)) errors.push('the HIGH cut-off must be above the MODERATE cut-off');
  return errors;
}

const TOP_KEYS = [
  'version',
  'globalThreshold',
  'timeAdjusted',
  'perBucket',
  'levelAdjustedBaseRates',
  'confidence',
  'feed',
  'replay',
] as const;

/**
 * Checks a settings object of any supported version. Version 1 is the only version so far; a
 * later version adds its migration from the previous one here. Unknown keys are errors (a typo in
 * a hand-edited file must not be dropped silently).
 */
export function parseSettings(input: unknown): ParseSettingsResult {
  if (!isRecord(input)) return { ok: false, errors: ['settings must be a JSON object'] };
  if (input['version'] !== SETTINGS_VERSION) {
    return {
      ok: false,
      errors: [
        `unsupported settings version ${describe(input['version'])} (this version of Pentaview reads version ${SETTINGS_VERSION})`,
      ],
    };
  }
  const errors: string[] = [];
  unknownKeys(input, TOP_KEYS, '', errors);

  const globalThreshold = unit(input['globalThreshold'], 'globalThreshold', errors);
  const timeAdjusted = bool(input['timeAdjusted'], 'timeAdjusted', errors);
  const levelAdjustedBaseRates = bool(
    input['levelAdjustedBaseRates'],
    'levelAdjustedBaseRates',
    errors,
  );

  const perBucketIn = record(input['perBucket'], 'perBucket', errors);
  if (perBucketIn) unknownKeys(perBucketIn, TIME_BUCKETS, 'perBucket.', errors);
  const perBucket = mapBuckets((bucket): BucketThresholdSetting => {
    const path = `perBucket.${bucket}`;
    const entry = perBucketIn ? record(perBucketIn[bucket], path, errors) : null;
    if (!entry) return { enabled: false, threshold: 0 };
    unknownKeys(entry, ['enabled', 'threshold'], `${path}.`, errors);
    return {
      enabled: bool(entry['enabled'], `${path}.enabled`, errors),
      threshold: unit(entry['threshold'], `${path}.threshold`, errors),
    };
  });

  const confidenceIn = record(input['confidence'], 'confidence', errors);
  let confidence: ConfidenceCutoffs = { veryHigh: 0, high: 0, moderate: 0 };
  if (confidenceIn) {
    unknownKeys(confidenceIn, ['veryHigh', 'high', 'moderate'], 'confidence.', errors);
    const before = errors.length;
    confidence = {
      veryHigh: unit(confidenceIn['veryHigh'], 'confidence.veryHigh', errors),
      high: unit(confidenceIn['high'], 'confidence.high', errors),
      moderate: unit(confidenceIn['moderate'], 'confidence.moderate', errors),
    };
    if (errors.length === before) {
      errors.push(...cutoffOrderErrors(confidence).map((e) => `confidence: ${e}`));
    }
  }

  const feedIn = record(input['feed'], 'feed', errors);
  let feed = { url: '', token: '' };
  if (feedIn) {
    unknownKeys(feedIn, ['url', 'token'], 'feed.', errors);
    const urlError = feedUrlError(feedIn['url']);
    if (urlError) errors.push(`feed.url ${urlError}`);
    const token = feedIn['token'];
    if (typeof token !== 'string')
      errors.push(`feed.token must be a string (got ${describe(token)})`);
    feed = {
      url: typeof feedIn['url'] === 'string' ? feedIn['url'] : '',
      token: typeof token === 'string' ? token : '',
    };
  }

  const replayIn = record(input['replay'], 'replay', errors);
  let replay = { speed: 1 };
  if (replayIn) {
    unknownKeys(replayIn, ['speed'], 'replay.', errors);
    const speedError = replaySpeedError(replayIn['speed']);
    if (speedError) errors.push(`replay.speed ${speedError}`);
    else replay = { speed: Number(replayIn['speed']) };
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      version: SETTINGS_VERSION,
      globalThreshold,
      timeAdjusted,
      perBucket,
      levelAdjustedBaseRates,
      confidence,
      feed,
      replay,
    },
  };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(
  value: unknown,
  path: string,
  errors: string[],
): Readonly<Record<string, unknown>> | null {
  if (isRecord(value)) return value;
  errors.push(`${path} must be an object (got ${describe(value)})`);
  return null;
}

function unit(value: unknown, path: string, errors: string[]): number {
  const error = unitIntervalError(value);
  if (error) errors.push(`${path} ${error}`);
  return typeof value === 'number' ? value : 0;
}

function bool(value: unknown, path: string, errors: string[]): boolean {
  if (typeof value !== 'boolean')
    errors.push(`${path} must be true or false (got ${describe(value)})`);
  return value === true;
}

function unknownKeys(
  value: Readonly<Record<string, unknown>>,
  known: readonly string[],
  prefix: string,
  errors: string[],
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) errors.push(`unknown setting ${prefix}${key}`);
  }
}

/** A short rendering of a bad value for an error message. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
