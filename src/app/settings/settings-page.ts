import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { DecimalPipe } from '@angular/common';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSliderModule } from '@angular/material/slider';
import {
  REPLAY_SPEED_MAX,
  REPLAY_SPEED_MIN,
  mapBuckets,
} from '../../domain/settings/analyst-settings';
import {
  TIME_BUCKETS,
  TIME_BUCKET_LABELS,
  TIME_BUCKET_STARTS,
  SESSION_WINDOW_MINUTES,
  type TimeBucket,
} from '../../domain/time/time-bucket';
import { SettingsStore } from './settings-store';
import { AnalysisDefaultsLoader } from './analysis-defaults-loader';
import { createSettingsForm, fromFormValue, sameSettings, toFormValue } from './settings-form';

/** File name of an exported settings document. */
export const SETTINGS_EXPORT_FILE = 'pentaview-settings-v1.json';

interface BucketRow {
  readonly bucket: TimeBucket;
  readonly label: string;
  readonly minutes: string;
}

const BUCKET_ROWS: readonly BucketRow[] = TIME_BUCKETS.map((bucket, i) => ({
  bucket,
  label: TIME_BUCKET_LABELS[bucket],
  minutes: `${TIME_BUCKET_STARTS[bucket]}–${TIME_BUCKETS[i + 1] ? TIME_BUCKET_STARTS[TIME_BUCKETS[i + 1]] : SESSION_WINDOW_MINUTES} min`,
}));

/** The confidence cut-off fields, in tier order (their controls are typed by `key`). */
const CUTOFF_FIELDS = [
  { key: 'veryHigh', label: 'VERY HIGH ≥', testId: 'settings-confidence-very-high' },
  { key: 'high', label: 'HIGH ≥', testId: 'settings-confidence-high' },
  { key: 'moderate', label: 'MODERATE ≥', testId: 'settings-confidence-moderate' },
] as const;

/**
 * The analysts' settings panel. Every valid edit applies at once through the `SettingsStore`
 * (and is saved); an invalid field shows its error and changes nothing. Import, export and reset
 * act on the store; the form follows the store.
 */
@Component({
  selector: 'pv-settings-page',
  imports: [
    DecimalPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSlideToggleModule,
    MatSliderModule,
  ],
  templateUrl: './settings-page.html',
  styleUrl: './settings-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [
    {
      provide: MAT_FORM_FIELD_DEFAULT_OPTIONS,
      useValue: { appearance: 'outline', floatLabel: 'always', subscriptSizing: 'dynamic' },
    },
  ],
})
export class SettingsPage {
  protected readonly store = inject(SettingsStore);
  protected readonly analysisDefaults = inject(AnalysisDefaultsLoader);
  private readonly document = inject(DOCUMENT);

  protected readonly form = createSettingsForm(this.store.settings());
  protected readonly buckets = BUCKET_ROWS;
  protected readonly cutoffFields = CUTOFF_FIELDS;
  protected readonly speedMin = REPLAY_SPEED_MIN;
  protected readonly speedMax = REPLAY_SPEED_MAX;
  protected readonly settings = this.store.settings;

  /** Reasons the last imported file was refused. */
  protected readonly importErrors = signal<readonly string[]>([]);
  /** Outcome of the last import, export or reset. */
  protected readonly status = signal('');
  protected readonly confidenceError = signal<string | null>(null);
  /** True while an invalid field holds back the form's other edits. */
  protected readonly heldBack = signal(false);
  /** Per bucket: true when its own threshold is in force (else the global one). */
  protected readonly ownThreshold = computed(() => {
    const s = this.settings();
    return mapBuckets((bucket) => s.timeAdjusted && s.perBucket[bucket].enabled);
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe(() => {
      const group = this.form.controls.confidence;
      this.confidenceError.set(
        typeof group.errors?.['settings'] === 'string' ? group.errors['settings'] : null,
      );
      this.heldBack.set(this.form.invalid);
      if (this.form.valid) this.store.update(fromFormValue(this.form.getRawValue()));
    });
    // The form is an imperative view of the store: follow changes made elsewhere (import, reset,
    // defaults from the analysis) without echoing them back.
    effect(() => {
      const s = this.settings();
      untracked(() => {
        if (this.form.valid && sameSettings(s, fromFormValue(this.form.getRawValue()))) return;
        this.form.setValue(toFormValue(s), { emitEvent: false });
        this.confidenceError.set(null);
        this.heldBack.set(false);
      });
    });
  }

  protected onSlider(value: number): void {
    this.form.controls.globalThreshold.setValue(value);
  }

  protected reset(): void {
    this.store.reset();
    this.importErrors.set([]);
    this.status.set('Defaults restored.');
  }

  protected exportSettings(): void {
    const blob = new Blob([this.store.exportJson()], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = SETTINGS_EXPORT_FILE;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url));
    this.status.set(`Exported ${SETTINGS_EXPORT_FILE} (without the feed token).`);
  }

  protected async importFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      // Blob.text() rejects when the file cannot be read (removed or unreadable).
      this.refuseImport(file.name, [
        `the file could not be read (${e instanceof Error ? e.message : e})`,
      ]);
      return;
    }
    const result = this.store.importJson(text);
    if (result.ok) {
      this.importErrors.set([]);
      this.status.set(`Imported ${file.name}.`);
    } else {
      this.refuseImport(file.name, result.errors);
    }
  }

  protected fieldError(errors: unknown): string {
    if (typeof errors !== 'object' || errors === null || !('settings' in errors)) return '';
    return typeof errors.settings === 'string' ? errors.settings : '';
  }

  private refuseImport(name: string, errors: readonly string[]): void {
    this.importErrors.set(errors);
    this.status.set(`${name} was not imported; the current settings are unchanged.`);
  }
}
