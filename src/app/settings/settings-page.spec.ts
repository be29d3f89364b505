import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { defaultSettings, type AnalystSettings } from '../../domain/settings/analyst-settings';
import { SettingsPage } from './settings-page';
import { SETTINGS_STORAGE, SETTINGS_STORAGE_KEY } from './settings-storage';
import { SettingsStore } from './settings-store';
import { MemorySettingsStorage } from './testing/memory-settings-storage';

interface Rendered {
  readonly fixture: ComponentFixture<SettingsPage>;
  readonly loader: HarnessLoader;
  readonly store: SettingsStore;
  readonly storage: MemorySettingsStorage;
  readonly root: HTMLElement;
}

async function render(saved?: AnalystSettings | string): Promise<Rendered> {
  const storage = new MemorySettingsStorage();
  if (saved !== undefined) {
    storage.items.set(
      SETTINGS_STORAGE_KEY,
      typeof saved === 'string' ? saved : JSON.stringify(saved),
    );
  }
  TestBed.configureTestingModule({
    imports: [SettingsPage],
    providers: [{ provide: SETTINGS_STORAGE, useValue: storage }],
  });
  const fixture = TestBed.createComponent(SettingsPage);
  await fixture.whenStable();
  return {
    fixture,
    loader: TestbedHarnessEnvironment.loader(fixture),
    store: TestBed.inject(SettingsStore),
    storage,
    root: fixture.nativeElement,
  };
}

const byTestId = (id: string): string => `[data-testid="${id}"]`;

const text = (root: HTMLElement, id: string): string =>
  root.querySelector(byTestId(id))?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Waits (bounded) for work the fixture cannot see, such as reading a File. */
async function until(fixture: ComponentFixture<unknown>, done: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !done(); i++) {
    await new Promise((r) => setTimeout(r, 10));
    await fixture.whenStable();
  }
}

async function chooseFile(r: Rendered, name: string, content: string): Promise<void> {
  const input = r.root.querySelector<HTMLInputElement>(byTestId('settings-import-file'));
  if (!input) throw new Error('no file input');
  const transfer = new DataTransfer();
  transfer.items.add(new File([content], name, { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

const timeAdjusted: AnalystSettings = {
  ...defaultSettings({ T30_60: 0.6 }),
  globalThreshold: 0.5,
  timeAdjusted: true,
};

describe('SettingsPage', () => {
  it('toggling a bucket switches its active threshold between its own and the global one', async () => {
    const r = await render(timeAdjusted);
    expect(r.store.activeThreshold('T30_60')).toBe(0.6);
    expect(text(r.root, 'settings-bucket-T30_60-active')).toBe('0.60 bucket');

    const toggle = await r.loader.getHarness(
      MatSlideToggleHarness.with({ selector: byTestId('settings-bucket-T30_60-enabled') }),
    );
    expect(await toggle.isChecked()).toBeTrue();
    expect(await toggle.getLabelText()).toBe('');
    await toggle.toggle();
    expect(r.store.activeThreshold('T30_60')).toBe(0.5);
    expect(text(r.root, 'settings-bucket-T30_60-active')).toBe('0.50 global');
    expect(r.storage.getItem(SETTINGS_STORAGE_KEY)).toContain('"T30_60":{"enabled":false');

    await toggle.toggle();
    expect(r.store.activeThreshold('T30_60')).toBe(0.6);
  });

  it('the master toggle turns every bucket threshold off and on', async () => {
    const r = await render(timeAdjusted);
    const master = await r.loader.getHarness(
      MatSlideToggleHarness.with({ selector: byTestId('settings-time-adjusted') }),
    );
    expect(await master.getLabelText()).toBe('Time-adjusted thresholds');
    await master.uncheck();
    expect(r.store.settings().timeAdjusted).toBeFalse();
    expect(r.store.activeThreshold('T30_60')).toBe(0.5);
    await master.check();
    expect(r.store.activeThreshold('T30_60')).toBe(0.6);
  });

  it('applies a valid threshold at once and shows the error for an invalid one', async () => {
    const r = await render();
    const global = await r.loader.getHarness(
      MatInputHarness.with({ selector: byTestId('settings-global-threshold') }),
    );
    await global.setValue('0.57');
    expect(r.store.settings().globalThreshold).toBe(0.57);

    const bucket = await r.loader.getHarness(
      MatInputHarness.with({ selector: byTestId('settings-bucket-T60_120-threshold') }),
    );
    await bucket.setValue('1.5');
    await bucket.blur();
    expect(r.store.settings().perBucket.T60_120.threshold).toBe(0.5);
    const field = await r.loader.getHarness(
      MatFormFieldHarness.with({
        selector: ':has([data-testid="settings-bucket-T60_120-threshold"])',
      }),
    );
    expect(await field.getTextErrors()).toEqual(['Must be a number from 0 to 1 (got 1.5)']);
    // While one field is invalid, other edits are held back too (the form applies as a whole).
    await global.setValue('0.58');
    expect(r.store.settings().globalThreshold).toBe(0.57);
    expect(text(r.root, 'settings-held-back')).toContain('Not applied');
    await bucket.setValue('0.45');
    expect(text(r.root, 'settings-held-back')).toBe('');
    expect(r.store.settings().perBucket.T60_120.threshold).toBe(0.45);
    expect(r.store.settings().globalThreshold).toBe(0.58);
  });

  it('checks the order of the confidence cut-offs and the feed URL scheme', async () => {
    const r = await render();
    const high = await r.loader.getHarness(
      MatInputHarness.with({ selector: byTestId('settings-confidence-high') }),
    );
    await high.setValue('0.75');
    expect(text(r.root, 'settings-confidence-error')).toBe(
      'The VERY HIGH cut-off must be above the HIGH cut-off.',
    );
    expect(r.store.settings().confidence.high).toBe(0.62);
    await high.setValue('0.65');
    expect(text(r.root, 'settings-confidence-error')).toBe('');
    expect(r.store.settings().confidence.high).toBe(0.65);

    const url = await r.loader.getHarness(
      MatInputHarness.with({ selector: byTestId('settings-feed-url') }),
    );
    await url.setValue('http://feed.example.com');
    await url.blur();
    const field = await r.loader.getHarness(
      MatFormFieldHarness.with({ selector: ':has([data-testid="settings-feed-url"])' }),
    );
    expect(await field.getTextErrors()).toEqual(['Must use ws: or wss: (got http:)']);
    expect(r.store.settings().feed.url).toBe('');
    await url.setValue('wss://feed.example.com/levels');
    expect(r.store.settings().feed.url).toBe('wss://feed.example.com/levels');
  });

  it('a bad import file keeps the current settings and lists the reasons', async () => {
    const r = await render({ ...timeAdjusted, globalThreshold: 0.53 });
    const before = r.store.settings();
    const importButton = await r.loader.getHarness(
      MatButtonHarness.with({ selector: byTestId('settings-import') }),
    );
    expect(await importButton.getText()).toContain('Import');

    const bad = JSON.stringify({ ...before, globalThreshold: 2, timeAdjusted: 'on' });
    await chooseFile(r, 'bad.json', bad);
    await until(r.fixture, () => text(r.root, 'settings-error') !== '');
    const banner = text(r.root, 'settings-error');
    expect(banner).toContain('bad.json was not imported; the current settings are unchanged.');
    expect(banner).toContain('globalThreshold must be a number from 0 to 1 (got 2)');
    expect(banner).toContain('timeAdjusted must be true or false (got "on")');
    expect(r.store.settings()).toEqual(before);
    const global = await r.loader.getHarness(
      MatInputHarness.with({ selector: byTestId('settings-global-threshold') }),
    );
    expect(await global.getValue()).toBe('0.53');

    await chooseFile(r, 'good.json', JSON.stringify({ ...before, globalThreshold: 0.61 }));
    await until(r.fixture, () => text(r.root, 'settings-error') === '');
    expect(text(r.root, 'settings-status')).toBe('Imported good.json.');
    expect(r.store.settings().globalThreshold).toBe(0.61);
    expect(await global.getValue()).toBe('0.61');
  });

  it('reset restores the defaults in the store, the storage and the form', async () => {
    const r = await render({
      ...timeAdjusted,
      globalThreshold: 0.53,
      levelAdjustedBaseRates: true,
    });
    const reset = await r.loader.getHarness(
      MatButtonHarness.with({ selector: byTestId('settings-reset') }),
    );
    await reset.click();
    expect(r.store.settings()).toEqual(defaultSettings());
    expect(r.storage.getItem(SETTINGS_STORAGE_KEY)).toBeNull();
    const global = await r.loader.getHarness(
      MatInputHarness.with({ selector: byTestId('settings-global-threshold') }),
    );
    expect(await global.getValue()).toBe('0.5');
    const bucket = await r.loader.getHarness(
      MatInputHarness.with({ selector: byTestId('settings-bucket-T30_60-threshold') }),
    );
    expect(await bucket.getValue()).toBe('0.5');
    const levelAdjusted = await r.loader.getHarness(
      MatSlideToggleHarness.with({ selector: byTestId('settings-level-adjusted') }),
    );
    expect(await levelAdjusted.isChecked()).toBeFalse();
    expect(text(r.root, 'settings-status')).toBe('Defaults restored.');
  });

  it('shows a refused saved value and works on the defaults', async () => {
    const r = await render('{"version": 1, "globalThreshold": ');
    expect(text(r.root, 'settings-load-error')).toContain('the saved settings are not valid JSON');
    expect(r.store.settings()).toEqual(defaultSettings());
    const global = await r.loader.getHarness(
      MatInputHarness.with({ selector: byTestId('settings-global-threshold') }),
    );
    await global.setValue('0.55');
    expect(text(r.root, 'settings-load-error')).toBe('');
    expect(JSON.parse(r.storage.getItem(SETTINGS_STORAGE_KEY) ?? '{}').globalThreshold).toBe(0.55);
  });
});
