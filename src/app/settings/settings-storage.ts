import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/** The part of `Storage` the settings use; specs inject an in-memory fake. */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * localStorage key of the saved settings. The settings version is part of the key, so a future
 * format is stored beside this one and an older build never reads a newer file.
 */
export const SETTINGS_STORAGE_KEY = 'pentaview.settings.v1';

/** Where the settings are saved: the page's localStorage, or null when the browser refuses it. */
export const SETTINGS_STORAGE = new InjectionToken<SettingsStorage | null>('SETTINGS_STORAGE', {
  providedIn: 'root',
  factory: () => {
    try {
      return inject(DOCUMENT).defaultView?.localStorage ?? null;
    } catch {
      // Reading window.localStorage throws a SecurityError when storage is disabled for the page.
      return null;
    }
  },
});
