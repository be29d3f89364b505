import { Locator, Page } from '@playwright/test';

/** Page helper for the analysts' settings panel (/settings). Test ids: docs/settings.md. */
export class SettingsPage {
  readonly globalThreshold: Locator;
  readonly timeAdjusted: Locator;
  readonly reset: Locator;
  readonly exportButton: Locator;
  readonly importFile: Locator;
  readonly error: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.globalThreshold = page.getByTestId('settings-global-threshold');
    this.timeAdjusted = page.getByTestId('settings-time-adjusted');
    this.reset = page.getByTestId('settings-reset');
    this.exportButton = page.getByTestId('settings-export');
    this.importFile = page.getByTestId('settings-import-file');
    this.error = page.getByTestId('settings-error');
    this.status = page.getByTestId('settings-status');
  }

  async open(): Promise<void> {
    await this.page.goto('/settings');
    await this.globalThreshold.waitFor();
  }

  bucketEnabled(bucket: string): Locator {
    return this.page.getByTestId(`settings-bucket-${bucket}-enabled`).getByRole('switch');
  }

  bucketThreshold(bucket: string): Locator {
    return this.page.getByTestId(`settings-bucket-${bucket}-threshold`);
  }

  /** The "in force" cell of a bucket: threshold and whether it is the bucket's or the global one. */
  bucketActive(bucket: string): Locator {
    return this.page.getByTestId(`settings-bucket-${bucket}-active`);
  }

  timeAdjustedSwitch(): Locator {
    return this.timeAdjusted.getByRole('switch');
  }

  /** Types a value into a number field and leaves it (as a user would). */
  async fill(field: Locator, value: string): Promise<void> {
    await field.fill(value);
    await field.blur();
  }

  async importText(name: string, text: string): Promise<void> {
    await this.importFile.setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(text, 'utf8'),
    });
  }
}
