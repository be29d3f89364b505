import { DOCUMENT, inject, Injectable, signal } from '@angular/core';
import { SettingsStore } from './settings-store';

/** Where the time-stratification analysis is published (public/artifacts). */
export const TIME_STRATIFICATION_PATH = 'artifacts/time_stratification.json';

/**
 * Loads the per-bucket thresholds of time_stratification.json into the settings' defaults at
 * start-up, so every page (the settings panel opened directly included) shows the analysis'
 * thresholds rather than 0.5. It does not block start-up; when the artifact is missing or
 * malformed the defaults stay at 0.5 and `problem` says why, naming the file (shown on the
 * settings page and among the dashboard's artifact notes).
 */
@Injectable({ providedIn: 'root' })
export class AnalysisDefaultsLoader {
  private readonly settings = inject(SettingsStore);
  private readonly document = inject(DOCUMENT);
  private readonly problemState = signal<string | null>(null);
  readonly problem = this.problemState.asReadonly();

  async load(fetchFn: typeof fetch = fetch): Promise<void> {
    try {
      const response = await fetchFn(new URL(TIME_STRATIFICATION_PATH, this.document.baseURI).href);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const json: unknown = await response.json();
      const error = this.settings.applyTimeStratification(json);
      this.problemState.set(error === null ? null : `time_stratification.json: ${error}`);
    } catch (e: unknown) {
      // Catches a network failure, an HTTP error or a body that is not JSON.
      this.problemState.set(`time_stratification.json could not be loaded (${e instanceof Error ? e.message : String(e)})`);
    }
  }
}
