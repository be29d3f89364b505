import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DashboardPage } from './pages/dashboard.page';

const SEED_PANELS = [
  'level-header',
  'prediction',
  'p-break',
  'p-reject',
  'edge',
  'confidence',
  'break-drivers',
  'reject-drivers',
  'combos',
  'context',
  'sections',
  'watchlist',
  'status-strip',
];

test.describe('dashboard on the production build', () => {
  test('without data shows the empty state and no numbers', async ({ page }) => {
    const dashboard = new DashboardPage(page);
    // Paused before the first tick of the demo replay: no frame has been emitted.
    await dashboard.openReplay({ autoplay: 0 });
    await expect(page.getByTestId('replay-tick')).toHaveText(/^0 \/ \d+$/, { timeout: 30_000 });
    await expect(dashboard.empty).toContainText('Waiting for frames…');
    await expect(dashboard.fixtureBanner).toHaveCount(0);
    await expect(dashboard.panel('p-break')).toHaveCount(0);
    await expect(dashboard.watchlistRows).toHaveCount(0);
  });

  test('fixture mode shows every seed panel under a FIXTURE DATA banner', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const dashboard = new DashboardPage(page);
    await dashboard.open('demo');
    await expect(dashboard.fixtureBanner).toContainText('FIXTURE DATA');
    for (const id of SEED_PANELS) await expect(dashboard.panel(id), id).toBeVisible();
    await expect(dashboard.panel('p-break')).toContainText('67%');
    await expect(dashboard.panel('p-reject')).toContainText('33%');
    await expect(dashboard.panel('edge')).toHaveText(/Edge: \+21\.8 pp vs base rate \(45%\)/);
    await expect(dashboard.panel('break-drivers').getByTestId('driver-row')).toHaveCount(5);
    await expect(dashboard.panel('reject-drivers').getByTestId('driver-row')).toHaveCount(2);
    expect(await dashboard.rowKinds()).toEqual([
      'OR_LOW',
      'SMA_90',
      'PM_LOW',
      'OR_HIGH',
      'PM_HIGH',
    ]);
    expect(await dashboard.focusedKind()).toBe('OR_LOW');
    await expect(page.getByTestId('nav-dashboard')).toHaveAttribute('aria-current', 'page');
    await page.screenshot({ path: 'test-results/screenshots/dashboard.png' });
    expect(errors).toEqual([]);
  });

  test('clicking a watchlist row focuses that level; stale and base-rate levels show no bars', async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open('demo');
    await dashboard.row('PM_LOW').click();
    await expect(dashboard.header).toHaveAttribute('data-kind', 'PM_LOW');
    await expect(dashboard.panel('p-break')).toContainText('31%');
    await dashboard.row('SMA_90').click();
    await expect(dashboard.header).toHaveAttribute('data-kind', 'SMA_90');
    await expect(dashboard.panel('prediction-state')).toHaveAttribute('data-state', 'stale');
    await expect(dashboard.panel('p-break')).toHaveCount(0);
    await dashboard.row('OR_HIGH').focus();
    await page.keyboard.press('Enter');
    await expect(dashboard.header).toHaveAttribute('data-kind', 'OR_HIGH');
    await expect(dashboard.panel('prediction-state')).toHaveAttribute('data-state', 'unavailable');
    await expect(dashboard.panel('p-break')).toHaveCount(0);
  });

  test('keyboard: j/k and the arrows move the focus, Space pauses, s opens the settings', async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open('demo');
    await expect(dashboard.header).toHaveAttribute('data-kind', 'OR_LOW');
    await page.keyboard.press('j');
    await expect(dashboard.header).toHaveAttribute('data-kind', 'SMA_90');
    await page.keyboard.press('ArrowDown');
    await expect(dashboard.header).toHaveAttribute('data-kind', 'PM_LOW');
    await page.keyboard.press('k');
    await expect(dashboard.header).toHaveAttribute('data-kind', 'SMA_90');
    await page.keyboard.press('ArrowUp');
    await expect(dashboard.header).toHaveAttribute('data-kind', 'OR_LOW');
    await page.keyboard.press('k');
    await expect(dashboard.header).toHaveAttribute('data-kind', 'PM_HIGH');
    await page.keyboard.press(' ');
    await expect(page.getByTestId('status-paused')).toBeVisible();
    await page.keyboard.press(' ');
    await expect(page.getByTestId('status-paused')).toHaveCount(0);
    await page.keyboard.press('s');
    await expect(page).toHaveURL(/\/settings$/);
  });

  test('has no serious or critical accessibility violations', async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open('demo');
    await expect(dashboard.header).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
      [],
    );
  });
});
