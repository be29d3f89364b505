import {
  FormControl,
  FormGroup,
  type AbstractControl,
  type ValidationErrors,
  type ValidatorFn,
} from '@angular/forms';
import {
  SETTINGS_VERSION,
  isUnitInterval,
  mapBuckets,
  type AnalystSettings,
} from '../../domain/settings/analyst-settings';
import {
  cutoffOrderErrors,
  feedUrlError,
  replaySpeedError,
  unitIntervalError,
} from '../../domain/settings/parse-settings';
import type { TimeBucket } from '../../domain/time/time-bucket';

/**
 * The typed reactive form of the settings page. Its validators call the domain's field checks,
 * so the form accepts exactly what `parseSettings` accepts; a validator's error is
 * `{ settings: message }`.
 */
export type BucketForm = FormGroup<{
  enabled: FormControl<boolean>;
  threshold: FormControl<number>;
}>;

export type SettingsForm = FormGroup<{
  globalThreshold: FormControl<number>;
  timeAdjusted: FormControl<boolean>;
  perBucket: FormGroup<Record<TimeBucket, BucketForm>>;
  levelAdjustedBaseRates: FormControl<boolean>;
  confidence: FormGroup<{
    veryHigh: FormControl<number>;
    high: FormControl<number>;
    moderate: FormControl<number>;
  }>;
  feed: FormGroup<{ url: FormControl<string>; token: FormControl<string> }>;
  replay: FormGroup<{ speed: FormControl<number> }>;
}>;

export type SettingsFormValue = ReturnType<SettingsForm['getRawValue']>;

/** Wraps a domain field check (message or null) as a validator. */
function check(fieldError: (value: unknown) => string | null): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const message = fieldError(control.value);
    return message ? { settings: capitalise(message) } : null;
  };
}

export const unitIntervalValidator = check(unitIntervalError);
export const feedUrlValidator = check(feedUrlError);
export const replaySpeedValidator = check(replaySpeedError);

/** VERY HIGH > HIGH > MODERATE, checked once every cut-off is itself valid. */
export const cutoffOrderValidator: ValidatorFn = (group) => {
  const read = (name: string): unknown => group.get(name)?.value;
  const [veryHigh, high, moderate] = [read('veryHigh'), read('high'), read('moderate')];
  if (!isUnitInterval(veryHigh) || !isUnitInterval(high) || !isUnitInterval(moderate)) return null;
  const errors = cutoffOrderErrors({ veryHigh, high, moderate });
  return errors.length > 0 ? { settings: errors.map(capitalise).join('. ') } : null;
};

function unitControl(value: number): FormControl<number> {
  return new FormControl(value, { nonNullable: true, validators: unitIntervalValidator });
}

function toggleControl(value: boolean): FormControl<boolean> {
  return new FormControl(value, { nonNullable: true });
}

export function createSettingsForm(s: AnalystSettings): SettingsForm {
  return new FormGroup({
    globalThreshold: unitControl(s.globalThreshold),
    timeAdjusted: toggleControl(s.timeAdjusted),
    perBucket: new FormGroup(
      mapBuckets(
        (bucket): BucketForm =>
          new FormGroup({
            enabled: toggleControl(s.perBucket[bucket].enabled),
            threshold: unitControl(s.perBucket[bucket].threshold),
          }),
      ),
    ),
    levelAdjustedBaseRates: toggleControl(s.levelAdjustedBaseRates),
    confidence: new FormGroup(
      {
        veryHigh: unitControl(s.confidence.veryHigh),
        high: unitControl(s.confidence.high),
        moderate: unitControl(s.confidence.moderate),
      },
      { validators: cutoffOrderValidator },
    ),
    feed: new FormGroup({
      url: new FormControl(s.feed.url, { nonNullable: true, validators: feedUrlValidator }),
      token: new FormControl(s.feed.token, { nonNullable: true }),
    }),
    replay: new FormGroup({
      speed: new FormControl(s.replay.speed, {
        nonNullable: true,
        validators: replaySpeedValidator,
      }),
    }),
  });
}

/** The form's shape of a settings value (for `setValue`). */
export function toFormValue(s: AnalystSettings): SettingsFormValue {
  return {
    globalThreshold: s.globalThreshold,
    timeAdjusted: s.timeAdjusted,
    perBucket: mapBuckets((bucket) => ({ ...s.perBucket[bucket] })),
    levelAdjustedBaseRates: s.levelAdjustedBaseRates,
    confidence: { ...s.confidence },
    feed: { ...s.feed },
    replay: { ...s.replay },
  };
}

/** The settings the form describes (the store validates them again before applying). */
export function fromFormValue(v: SettingsFormValue): AnalystSettings {
  return { version: SETTINGS_VERSION, ...v };
}

export function sameSettings(a: AnalystSettings, b: AnalystSettings): boolean {
  return JSON.stringify(toFormValue(a)) === JSON.stringify(toFormValue(b));
}

function capitalise(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
