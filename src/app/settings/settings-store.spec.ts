import { TestBed } from '@angular/core/testing';
import { defaultSettings } from '../../domain/settings/analyst-settings';
import { SETTINGS_STORAGE, SETTINGS_STORAGE_KEY, type SettingsStorage } from './settings-storage';
import { SettingsStore } from './settings-store';
import { MemorySettingsStorage } from './testing/memory-settings-storage';

function storeOn(storage: SettingsStorage | null): SettingsStore {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({ providers: [{ provide: SETTINGS_STORAGE, useValue: storage }] });
  return TestBed.inject(SettingsStore);
}

describe('SettingsStore', () => {
  it('starts from the defaults when nothing is saved', () => {
    const store = storeOn(new MemorySettingsStorage());
    expect(store.settings()).toEqual(defaultSettings());
    expect(store.customised()).toBeFalse();
    expect(store.loadError()).toBeNull();
  });

  it('saves every change under the versioned key and reads it back in a new page', () => {
    const storage = new MemorySettingsStorage();
    const first = storeOn(storage);
    const edited = {
      ...defaultSettings(),
      globalThreshold: 0.57,
      timeAdjusted: true,
      perBucket: { ...defaultSettings().perBucket, T30_60: { enabled: true, threshold: 0.61 } },
    };
    expect(first.update(edited)).toEqual({ ok: true });
    expect(SETTINGS_STORAGE_KEY).toBe('pentaview.settings.v1');
    expect(storage.items.has(SETTINGS_STORAGE_KEY)).toBeTrue();

    const second = storeOn(storage);
    expect(second.settings()).toEqual(edited);
    expect(second.customised()).toBeTrue();
    expect(second.activeThreshold('T30_60')).toBe(0.61);
    expect(second.activeThreshold('T60_120')).toBe(0.5);
  });

  it('refuses a corrupt saved value with a message and uses the defaults', () => {
    const notJson = new MemorySettingsStorage();
    notJson.items.set(SETTINGS_STORAGE_KEY, '{"version":1,');
    const a = storeOn(notJson);
    expect(a.settings()).toEqual(defaultSettings());
    expect(a.loadError()).toMatch(/not valid JSON/);

    const outOfRange = new MemorySettingsStorage();
    outOfRange.items.set(
      SETTINGS_STORAGE_KEY,
      JSON.stringify({ ...defaultSettings(), globalThreshold: 3 }),
    );
    const b = storeOn(outOfRange);
    expect(b.settings()).toEqual(defaultSettings());
    expect(b.loadError()).toMatch(/globalThreshold must be a number from 0 to 1 \(got 3\)/);
    // The refused value is kept until the analyst changes or resets something.
    expect(outOfRange.items.has(SETTINGS_STORAGE_KEY)).toBeTrue();
    b.reset();
    expect(b.loadError()).toBeNull();
    expect(outOfRange.items.has(SETTINGS_STORAGE_KEY)).toBeFalse();
  });

  it('does not apply invalid settings', () => {
    const store = storeOn(new MemorySettingsStorage());
    const result = store.update({ ...defaultSettings(), globalThreshold: -1 });
    expect(result.ok).toBeFalse();
    expect(store.settings().globalThreshold).toBe(0.5);
  });

  it('recomputes the active thresholds when the settings change', () => {
    const store = storeOn(new MemorySettingsStorage());
    const s = { ...defaultSettings({ T0_15: 0.66 }), globalThreshold: 0.52 };
    store.update(s);
    expect(store.activeThreshold('T0_15')).toBe(0.52);
    store.update({ ...s, timeAdjusted: true });
    expect(store.activeThreshold('T0_15')).toBe(0.66);
    store.update({
      ...s,
      timeAdjusted: true,
      perBucket: { ...s.perBucket, T0_15: { enabled: false, threshold: 0.66 } },
    });
    expect(store.activeThreshold('T0_15')).toBe(0.52);
  });

  it('exports without the token; an import keeps the current token and refuses bad files', () => {
    const store = storeOn(new MemorySettingsStorage());
    const mine = { ...defaultSettings(), feed: { url: 'wss://a.example/feed', token: 'secret' } };
    store.update(mine);
    const exported = store.exportJson();
    expect(exported).not.toContain('secret');

    const shared = { ...JSON.parse(exported), globalThreshold: 0.6 };
    expect(store.importJson(JSON.stringify(shared))).toEqual({ ok: true });
    expect(store.settings().globalThreshold).toBe(0.6);
    expect(store.settings().feed.token).toBe('secret');

    const bad = store.importJson(JSON.stringify({ ...shared, globalThreshold: 'high' }));
    expect(bad.ok).toBeFalse();
    const notJson = store.importJson('nope');
    expect(notJson.ok).toBeFalse();
    if (!notJson.ok) expect(notJson.errors[0]).toMatch(/not JSON/);
    expect(store.settings().globalThreshold).toBe(0.6);
  });

  it('reports a failed save but still applies the change to this page', () => {
    const storage = new MemorySettingsStorage();
    storage.failWrites = true;
    const store = storeOn(storage);
    store.update({ ...defaultSettings(), globalThreshold: 0.55 });
    expect(store.settings().globalThreshold).toBe(0.55);
    expect(store.saveError()).toMatch(/could not be saved.*quota exceeded/);

    const none = storeOn(null);
    none.update({ ...defaultSettings(), globalThreshold: 0.55 });
    expect(none.saveError()).toMatch(/does not allow saving/);
  });

  it('takes default bucket thresholds from time_stratification.json unless settings are saved', () => {
    const store = storeOn(new MemorySettingsStorage());
    const artifact = { optimal_thresholds: { T30_60: { optimal_threshold: 0.47 } } };
    expect(store.applyTimeStratification(artifact)).toBeNull();
    expect(store.settings().perBucket.T30_60.threshold).toBe(0.47);
    expect(store.applyTimeStratification({ optimal_thresholds: 3 })).toMatch(/optimal_thresholds/);
    expect(store.defaults().perBucket.T30_60.threshold).toBe(0.47);

    store.update({ ...store.settings(), globalThreshold: 0.6 });
    store.applyTimeStratification({ optimal_thresholds: { T30_60: { optimal_threshold: 0.4 } } });
    expect(store.settings().perBucket.T30_60.threshold).toBe(0.47);
    store.reset();
    expect(store.settings().perBucket.T30_60.threshold).toBe(0.4);
  });

  it('follows settings saved or reset in another tab', () => {
    const storage = new MemorySettingsStorage();
    const store = storeOn(storage);
    const other = { ...defaultSettings(), globalThreshold: 0.64 };
    storage.items.set(SETTINGS_STORAGE_KEY, JSON.stringify(other));
    window.dispatchEvent(new StorageEvent('storage', { key: 'something.else' }));
    expect(store.settings().globalThreshold).toBe(0.5);
    window.dispatchEvent(new StorageEvent('storage', { key: SETTINGS_STORAGE_KEY }));
    expect(store.settings()).toEqual(other);
    expect(store.activeThreshold('T15_30')).toBe(0.64);

    storage.items.set(SETTINGS_STORAGE_KEY, '[]');
    window.dispatchEvent(new StorageEvent('storage', { key: SETTINGS_STORAGE_KEY }));
    expect(store.settings()).toEqual(defaultSettings());
    expect(store.loadError()).toMatch(/settings must be a JSON object/);

    storage.items.delete(SETTINGS_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: null }));
    expect(store.loadError()).toBeNull();
    expect(store.customised()).toBeFalse();
  });
});
