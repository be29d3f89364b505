import type { SettingsStorage } from '../settings-storage';

/** In-memory Storage for specs; `failWrites` makes setItem throw like a full localStorage. */
export class MemorySettingsStorage implements SettingsStorage {
  readonly items = new Map<string, string>();
  failWrites = false;

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }
}
