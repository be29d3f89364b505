import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { SettingsPage } from './pages/settings.page';

test.describe('analyst settings on the production build', () => {
  test('opened directly, the panel shows the per-bucket thresholds of time_stratification.json', async ({
    page,
    request,
  }) => {
    const artifact: unknown = await (await request.get('/artifacts/time_stratification.json')).json();
    const expected = bucketDefaults(artifact);
    const settings = new SettingsPage(page);
    await settings.open();
    for (const [bucket, threshold] of Object.entries(expected)) {
      await expect(settings.bucketThreshold(bucket)).toHaveValue(String(threshold));
    }
    await expect(page.getByTestId('settings-defaults-problem')).toHaveCount(0);
  });

  test('edits apply at once and survive a reload', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const settings = new SettingsPage(page);
    await settings.open();

    await settings.fill(settings.globalThreshold, '0.56');
    await settings.timeAdjusted.click();
    await expect(settings.timeAdjustedSwitch()).toHaveAttribute('aria-checked', 'true');
    await settings.fill(settings.bucketThreshold('T30_60'), '0.61');
    await settings.bucketEnabled('T0_15').click();
    await expect(settings.bucketActive('T30_60')).toContainText('0.61');
    await expect(settings.bucketActive('T0_15')).toContainText('0.56');
    await expect(settings.bucketActive('T0_15')).toContainText('global');

    await page.reload();
    await settings.globalThreshold.waitFor();
    await expect(settings.globalThreshold).toHaveValue('0.56');
    await expect(settings.timeAdjustedSwitch()).toHaveAttribute('aria-checked', 'true');
    await expect(settings.bucketThreshold('T30_60')).toHaveValue('0.61');
    await expect(settings.bucketEnabled('T0_15')).toHaveAttribute('aria-checked', 'false');
    await expect(settings.bucketActive('T30_60')).toContainText('bucket');
    await expect(page.getByTestId('settings-source')).toHaveText('Saved settings in use.');
    expect(errors).toEqual([]);
  });

  test('a bad import shows the reasons and keeps the settings; export and import round-trip', async ({
    page,
    request,
  }) => {
    const defaults = bucketDefaults(await (await request.get('/artifacts/time_stratification.json')).json());
    const settings = new SettingsPage(page);
    await settings.open();
    await settings.fill(settings.globalThreshold, '0.58');
    await settings.fill(settings.bucketThreshold('T60_120'), '0.63');

    const download = page.waitForEvent('download');
    await settings.exportButton.click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8')) as { globalThreshold: number };
    expect(exported.globalThreshold).toBe(0.58);

    await settings.importText(
      'broken.json',
      JSON.stringify({ ...exported, globalThreshold: 1.7, feed: { url: 'http://x', token: '' } }),
    );
    await expect(settings.error).toBeVisible();
    await expect(settings.error).toContainText(
      'globalThreshold must be a number from 0 to 1 (got 1.7)',
    );
    await expect(settings.error).toContainText('feed.url must use ws: or wss:');
    await expect(settings.globalThreshold).toHaveValue('0.58');
    await page.screenshot({ path: 'test-results/screenshots/settings-import-error.png' });

    await settings.importText('not-json.json', '{ version: 1');
    await expect(settings.error).toContainText('not JSON');
    await page.reload();
    await settings.globalThreshold.waitFor();
    await expect(settings.globalThreshold).toHaveValue('0.58');

    await settings.reset.click();
    await expect(settings.globalThreshold).toHaveValue('0.5');
    // Reset restores the defaults: the analysis' threshold for the bucket.
    await expect(settings.bucketThreshold('T60_120')).toHaveValue(String(defaults['T60_120']));

    await settings.importText('exported.json', await readFile(file, 'utf8'));
    await expect(settings.status).toContainText('Imported exported.json');
    await expect(settings.globalThreshold).toHaveValue('0.58');
    await expect(settings.bucketThreshold('T60_120')).toHaveValue('0.63');
  });

  test('a second tab follows a change made in the first', async ({ context, page }) => {
    const first = new SettingsPage(page);
    await first.open();
    const second = new SettingsPage(await context.newPage());
    await second.open();
    await first.fill(first.globalThreshold, '0.62');
    await expect(second.globalThreshold).toHaveValue('0.62');
    await expect(second.bucketActive('T60_120')).toContainText('0.62');
  });

  test('screenshot of the panel', async ({ page }) => {
    const settings = new SettingsPage(page);
    await settings.open();
    await settings.timeAdjusted.click();
    await settings.fill(settings.bucketThreshold('T30_60'), '0.54');
    await settings.bucketEnabled('T0_15').click();
    await settings.fill(page.getByTestId('settings-feed-url'), 'wss://feed.example.com/levels');
    await page.screenshot({ path: 'test-results/screenshots/settings.png', fullPage: true });

    await settings.fill(settings.bucketThreshold('T60_120'), '1.5');
    await expect(page.getByTestId('settings-held-back')).toBeVisible();
    await expect(page.getByTestId('settings-bucket-T60_120-error')).toHaveText(
      'Must be a number from 0 to 1 (got 1.5)',
    );
    await page.waitForTimeout(300); // let the field's error animation finish before the picture
    await page.screenshot({ path: 'test-results/screenshots/settings-invalid.png' });
  });

  test('has no serious accessibility violations and works from the keyboard', async ({ page }) => {
    const settings = new SettingsPage(page);
    await settings.open();
    await settings.importText('bad.json', '{"version": 7}');
    await expect(settings.error).toBeVisible();
    const results = await new AxeBuilder({ page }).include('pv-settings-page').analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);

    // Keyboard: focus the master toggle and switch it with Space; type into a bucket threshold.
    await settings.timeAdjustedSwitch().focus();
    await page.keyboard.press('Space');
    await expect(settings.timeAdjustedSwitch()).toHaveAttribute('aria-checked', 'true');
    await settings.bucketEnabled('T30_60').focus();
    await page.keyboard.press('Tab');
    await expect(settings.bucketThreshold('T30_60')).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0.57');
    await expect(settings.bucketActive('T30_60')).toContainText('0.57');
  });
});

/** The per-bucket optimal thresholds an analysis artifact publishes, read without trusting its shape. */
function bucketDefaults(artifact: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof artifact !== 'object' || artifact === null || !('optimal_thresholds' in artifact)) return out;
  const table: unknown = artifact.optimal_thresholds;
  if (typeof table !== 'object' || table === null) return out;
  for (const [bucket, entry] of Object.entries(table)) {
    if (typeof entry === 'object' && entry !== null && 'optimal_threshold' in entry && typeof entry.optimal_threshold === 'number') {
      out[bucket] = entry.optimal_threshold;
    }
  }
  return out;
}
