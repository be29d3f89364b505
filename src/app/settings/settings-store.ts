import { DOCUMENT, DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  activeThreshold,
  defaultSettings,
  mapBuckets,
  type AnalystSettings,
} from '../../domain/settings/analyst-settings';
import { parseSettings } from '../../domain/settings/parse-settings';
import { bucketThresholdsFromTimeStratification } from '../../domain/settings/time-stratification-thresholds';
import type { TimeBucket } from '../../domain/time/time-bucket';
import { SETTINGS_STORAGE, SETTINGS_STORAGE_KEY } from './settings-storage';

export type SettingsChange =
  { readonly ok: true } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * The analysts' settings for the whole app. `settings` is the saved settings or, when nothing is
 * saved, the defaults; every change is validated, saved to storage at once and seen by every
 * consumer of the signals. A saved value that does not validate is refused with `loadError`
 * (shown on the settings page) and the defaults are used; it stays in storage until the next
 * change or reset overwrites it.
 */
@Injectable({ providedIn: 'root' })
export class SettingsStore {
  private readonly storage = inject(SETTINGS_STORAGE);
  private readonly defaultsState = signal(defaultSettings());
  private readonly saved = signal<AnalystSettings | null>(null);
  private readonly loadErrorState = signal<string | null>(null);
  private readonly saveErrorState = signal<string | null>(null);

  /** The defaults (per-bucket thresholds from the analysis once `applyTimeStratification` ran). */
  readonly defaults = this.defaultsState.asReadonly();
  /** The settings in force. */
  readonly settings = computed(() => this.saved() ?? this.defaultsState());
  /** True when the analyst has saved settings (false: the defaults are in force). */
  readonly customised = computed(() => this.saved() !== null);
  /** Why the saved settings were refused at start-up, or null. */
  readonly loadError = this.loadErrorState.asReadonly();
  /** Why the last change could not be written to storage (it still applies to this page), or null. */
  readonly saveError = this.saveErrorState.asReadonly();
  /** The threshold in force for each time bucket. */
  readonly activeThresholds = computed(() =>
    mapBuckets((bucket) => activeThreshold(this.settings(), bucket)),
  );

  constructor() {
    this.load();
    // Another tab of the app saved or reset the settings: follow it, so a dashboard in one window
    // uses what the settings page in another window set.
    const view = inject(DOCUMENT).defaultView;
    const onStorage = (event: StorageEvent): void => {
      if (event.key === SETTINGS_STORAGE_KEY || event.key === null) this.load();
    };
    view?.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => view?.removeEventListener('storage', onStorage));
  }

  /** The threshold in force for `bucket`; reactive when read in a template, computed or effect. */
  activeThreshold(bucket: TimeBucket): number {
    return this.activeThresholds()[bucket];
  }

  /** Validates, applies and saves `next`. Invalid settings change nothing. */
  update(next: AnalystSettings): SettingsChange {
    const parsed = parseSettings(next);
    if (!parsed.ok) return parsed;
    this.saved.set(parsed.settings);
    this.loadErrorState.set(null);
    this.write(JSON.stringify(parsed.settings));
    return { ok: true };
  }

  /**
   * Applies settings read from an exported file. The text must be JSON that validates; otherwise
   * nothing changes and the errors say why. A file without a feed token (exports leave it out)
   * keeps the current token.
   */
  importJson(text: string): SettingsChange {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      // JSON.parse throws a SyntaxError on text that is not JSON.
      return {
        ok: false,
        errors: [`the file is not JSON (${e instanceof Error ? e.message : e})`],
      };
    }
    const parsed = parseSettings(data);
    if (!parsed.ok) return parsed;
    const imported = parsed.settings;
    const token = imported.feed.token || this.settings().feed.token;
    return this.update({ ...imported, feed: { ...imported.feed, token } });
  }

  /** The settings as a JSON document for export, without the feed token (a personal secret). */
  exportJson(): string {
    const s = this.settings();
    return JSON.stringify({ ...s, feed: { ...s.feed, token: '' } }, null, 2) + '\n';
  }

  /** Forgets the saved settings: the defaults are in force again. */
  reset(): void {
    this.saved.set(null);
    this.loadErrorState.set(null);
    this.saveErrorState.set(null);
    try {
      this.storage?.removeItem(SETTINGS_STORAGE_KEY);
    } catch (e) {
      // Storage access throws a SecurityError when the browser blocks it for this page.
      this.saveErrorState.set(`the saved settings could not be removed (${describeError(e)})`);
    }
  }

  /**
   * Uses the per-bucket optimal thresholds of time_stratification.json (already parsed JSON) as
   * the default bucket thresholds. Returns the reason when the artifact is malformed; the
   * defaults then stay as they were.
   */
  applyTimeStratification(artifact: unknown): string | null {
    const result = bucketThresholdsFromTimeStratification(artifact);
    if (!result.ok) return result.error;
    this.defaultsState.set(defaultSettings(result.thresholds));
    return null;
  }

  /** Reads the saved settings (start-up, or another tab changed them). */
  private load(): void {
    let raw: string | null;
    try {
      raw = this.storage ? this.storage.getItem(SETTINGS_STORAGE_KEY) : null;
    } catch (e) {
      // Storage access throws a SecurityError when the browser blocks it for this page.
      this.refuse(`saved settings could not be read (${describeError(e)})`);
      return;
    }
    if (raw === null) {
      this.saved.set(null);
      this.loadErrorState.set(null);
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      // JSON.parse throws a SyntaxError: the stored text is not JSON.
      this.refuse('the saved settings are not valid JSON; the defaults are in use');
      return;
    }
    const parsed = parseSettings(data);
    if (parsed.ok) {
      this.saved.set(parsed.settings);
      this.loadErrorState.set(null);
    } else {
      this.refuse(
        `the saved settings were refused (${parsed.errors.join('; ')}); the defaults are in use`,
      );
    }
  }

  private refuse(reason: string): void {
    this.saved.set(null);
    this.loadErrorState.set(reason);
  }

  private write(json: string): void {
    if (!this.storage) {
      this.saveErrorState.set(
        'this browser does not allow saving; changes last until the page closes',
      );
      return;
    }
    try {
      this.storage.setItem(SETTINGS_STORAGE_KEY, json);
      this.saveErrorState.set(null);
    } catch (e) {
      // setItem throws a QuotaExceededError when storage is full, a SecurityError when blocked.
      this.saveErrorState.set(
        `the settings could not be saved (${describeError(e)}); they apply until the page closes`,
      );
    }
  }
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
