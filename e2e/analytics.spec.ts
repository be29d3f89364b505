import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ANALYTICS_PANELS, AnalyticsPage } from './pages/analytics.page';
import { SettingsPage } from './pages/settings.page';

async function artifact(path: string): Promise<unknown> {
  return JSON.parse(await readFile(`public/${path}`, 'utf8'));
}

function field(value: unknown, ...keys: string[]): unknown {
  let v = value;
  for (const k of keys) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new Error(`no ${keys.join('.')}`);
    const entry: unknown = new Map<string, unknown>(Object.entries(v)).get(k);
    v = entry;
  }
  return v;
}

const pct1 = (x: number): string => `${(x * 100).toFixed(1)}%`;

test.describe('analytics view on the production build', () => {
  test('every panel draws its chart from the committed artifacts', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const analytics = new AnalyticsPage(page);
    await analytics.open();
    for (const id of ANALYTICS_PANELS) {
      await expect(analytics.panel(id), id).toHaveAttribute('data-rendered', 'true');
      await expect(analytics.panel(id).locator('canvas').first(), id).toBeVisible();
      await expect(analytics.panelError(id), id).toHaveCount(0);
    }

    const interactions = await artifact('artifacts/feature_interactions.json');
    const significant = field(interactions, 'summary', 'significant_pairs');
    if (!Array.isArray(significant)) throw new Error('summary.significant_pairs');
    await expect(analytics.interactionFigures()).toHaveCount(significant.length);

    const levels = await artifact('artifacts/level_specificity.json');
    const first = field(levels, 'sequence_analysis', 'first_touch', 'break_rate');
    const firstN = field(levels, 'sequence_analysis', 'first_touch', 'n_resolved');
    if (typeof first !== 'number' || typeof firstN !== 'number')
      throw new Error('first touch block');
    await expect(analytics.panel('analytics-levels')).toContainText(
      `first touch of the day ${pct1(first)} (n ${firstN})`,
    );
    const time = await artifact('artifacts/time_stratification.json');
    const decision = field(time, 'recommendation', 'decision');
    expect(decision).toBe('global_model');
    await expect(page.getByTestId('analytics-time-recommendation')).toContainText('Global model');

    const axe = await new AxeBuilder({ page }).include('main').analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    // The shell scrolls inside <main>: a tall window shows the whole page in one picture.
    await page.setViewportSize({ width: 1440, height: 1320 });
    for (const id of ANALYTICS_PANELS) {
      await expect(analytics.panel(id), id).toHaveAttribute('data-rendered', 'true');
    }
    await page.screenshot({ path: 'test-results/screenshots/analytics.png' });
    expect(errors).toEqual([]);
  });

  test('the reliability diagram says which predictions it shows', async ({ page }) => {
    const manifest = await artifact('models/break-predictor.manifest.json');
    const independent = field(manifest, 'metrics', 'independent');
    const hasBins =
      typeof independent === 'object' && independent !== null && 'reliability' in independent;
    const analytics = new AnalyticsPage(page);
    await analytics.open();
    const panel = analytics.panel('analytics-reliability');
    await expect(panel).toHaveAttribute('data-rendered', 'true');
    if (hasBins) {
      const n = field(manifest, 'metrics', 'independent', 'reliability', 'n');
      const days = field(manifest, 'metrics', 'independent', 'n_days');
      const seed = field(manifest, 'metrics', 'independent', 'data_seed');
      if (typeof n !== 'number') throw new Error('reliability.n');
      await expect(page.getByTestId('analytics-reliability-caption')).toContainText(
        `n ${n.toLocaleString('en-US')} resolved frames on ${String(days)} independent days of seed ${String(seed)}`,
      );
      await expect(page.getByTestId('analytics-reliability-fallback')).toHaveCount(0);
    } else {
      await expect(page.getByTestId('analytics-reliability-fallback')).toBeVisible();
      await expect(page.getByTestId('analytics-reliability-caption')).toContainText('out-of-fold');
    }
  });

  test('a manifest with bins on independent days is drawn from them; an older one falls back', async ({
    page,
  }) => {
    const manifest = await artifact('models/break-predictor.manifest.json');
    if (typeof manifest !== 'object' || manifest === null) throw new Error('manifest');
    const metrics = field(manifest, 'metrics');
    const independent = field(manifest, 'metrics', 'independent');
    if (typeof metrics !== 'object' || metrics === null) throw new Error('metrics');
    if (typeof independent !== 'object' || independent === null) throw new Error('independent');
    const bins = Array.from({ length: 10 }, (_, i) => ({
      lo: i / 10,
      hi: (i + 1) / 10,
      n: 100 + i,
      mean_p: i / 10 + 0.05,
      observed: i / 10 + 0.04,
    }));
    const total = bins.reduce((s, b) => s + b.n, 0);
    const withBins = {
      ...manifest,
      metrics: {
        ...metrics,
        independent: {
          ...independent,
          n_days: 60,
          data_seed: 2,
          reliability: { method: '10 equal-width bins', n: total, bins },
        },
      },
    };
    await page.route('**/models/break-predictor.manifest.json', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify(withBins) }),
    );
    const analytics = new AnalyticsPage(page);
    await analytics.open();
    await expect(analytics.panel('analytics-reliability')).toHaveAttribute('data-rendered', 'true');
    await expect(page.getByTestId('analytics-reliability-caption')).toContainText(
      `10 bins, n ${total.toLocaleString('en-US')} resolved frames on 60 independent days of seed 2`,
    );
    await expect(page.getByTestId('analytics-reliability-fallback')).toHaveCount(0);
    await analytics.panel('analytics-reliability').screenshot({
      path: 'test-results/screenshots/analytics-reliability-independent.png',
    });

    const older = { ...withBins, metrics: { ...metrics, independent: { ...independent } } };
    delete (older.metrics.independent as { reliability?: unknown }).reliability;
    await page.unroute('**/models/break-predictor.manifest.json');
    await page.route('**/models/break-predictor.manifest.json', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify(older) }),
    );
    await analytics.open();
    await expect(analytics.panel('analytics-reliability')).toHaveAttribute('data-rendered', 'true');
    await expect(page.getByTestId('analytics-reliability-fallback')).toBeVisible();
    await analytics.panel('analytics-reliability').screenshot({
      path: 'test-results/screenshots/analytics-reliability-fallback.png',
    });
  });

  test('a missing or invalid artifact turns only its panel into a message', async ({ page }) => {
    await page.route('**/artifacts/level_specificity.json', (route) =>
      route.fulfill({ status: 404, body: 'not here' }),
    );
    await page.route('**/artifacts/feature_interactions.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          hypothesized_interactions: {},
          summary: { pairs_tested: 'many', correction: 'Benjamini–Hochberg' },
        }),
      }),
    );
    const analytics = new AnalyticsPage(page);
    await analytics.open();
    await expect(analytics.panelError('analytics-levels')).toContainText(
      'artifacts/level_specificity.json could not be loaded (HTTP 404)',
    );
    await expect(analytics.panelError('analytics-interactions')).toContainText(
      'feature_interactions.json: summary.pairs_tested must be a whole number ≥ 0 (found "many")',
    );
    for (const id of [
      'analytics-time-buckets',
      'analytics-thresholds',
      'analytics-reliability',
    ] as const) {
      await expect(analytics.panel(id), id).toHaveAttribute('data-rendered', 'true');
    }
    await expect(analytics.panel('analytics-levels').locator('canvas')).toHaveCount(0);
    await page.screenshot({
      path: 'test-results/screenshots/analytics-errors.png',
      fullPage: true,
    });
  });

  test('the settings use the per-bucket thresholds of time_stratification.json as defaults', async ({
    page,
  }) => {
    const time = await artifact('artifacts/time_stratification.json');
    const analytics = new AnalyticsPage(page);
    await analytics.open();
    await expect(analytics.panel('analytics-thresholds')).toHaveAttribute('data-rendered', 'true');
    await page.getByTestId('nav-settings').click();
    const settings = new SettingsPage(page);
    await settings.globalThreshold.waitFor();
    await expect(page.getByTestId('settings-source')).toHaveText('Defaults in use.');
    for (const bucket of ['T0_15', 'T15_30', 'T30_60', 'T60_120', 'T120_180']) {
      const t = field(time, 'optimal_thresholds', bucket, 'optimal_threshold');
      if (typeof t !== 'number') continue;
      const shown = Number(await settings.bucketThreshold(bucket).inputValue());
      expect(Math.abs(shown - t), bucket).toBeLessThan(0.005);
    }
  });
});
