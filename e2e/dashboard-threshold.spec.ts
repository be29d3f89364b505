import { expect, test } from '@playwright/test';
import { DashboardPage, demoTestTick } from './pages/dashboard.page';
import { SettingsPage } from './pages/settings.page';

/** A tick of the demo with a level in the approach zone (the focused level gets a signal). */
const TICK = demoTestTick();

test.describe('dashboard: the decision follows the bucket threshold at once', () => {
  test('a bucket threshold either side of p_break flips the decision and back', async ({
    page,
    context,
  }) => {
    expect(TICK).toBeDefined();
    const dashboard = new DashboardPage(page);
    await dashboard.openReplay({ seek: TICK!.index, autoplay: 0 });
    await dashboard.waitForSignal(TICK!.ts);
    const p = await dashboard.pBreak();
    const bucket = /T\d+_\d+/.exec(await page.getByTestId('context-time').innerText())?.[0];
    expect(bucket).toBeDefined();
    const decision = page.getByTestId('decision');
    const initial = p >= 0.5 ? 'BREAK' : 'REJECT';
    await expect(decision).toHaveAttribute('data-decision', initial);
    await expect(decision).toContainText('vs threshold 50%');

    // Thresholds either side of p, halfway to 0 and to 1 (whole percents), whatever p is.
    const below = Math.floor(p * 50) / 100;
    const above = Math.ceil((1 + p) * 50) / 100;
    expect(below).toBeLessThanOrEqual(p);
    expect(above).toBeGreaterThan(p);

    // The settings panel in a second tab; the dashboard follows without a reload.
    const settings = new SettingsPage(await context.newPage());
    await settings.open();
    await settings.timeAdjustedSwitch().click();
    await expect(settings.timeAdjustedSwitch()).toHaveAttribute('aria-checked', 'true');
    await settings.fill(settings.bucketThreshold(bucket!), above.toFixed(2));
    await expect(settings.bucketActive(bucket!)).toContainText(`${Math.round(above * 100)}`);
    await expect(decision).toHaveAttribute('data-decision', 'REJECT');
    await expect(decision).toContainText(`vs threshold ${Math.round(above * 100)}%`);

    await settings.fill(settings.bucketThreshold(bucket!), below.toFixed(2));
    await expect(decision).toHaveAttribute('data-decision', 'BREAK');
    await expect(decision).toContainText(`vs threshold ${Math.round(below * 100)}%`);

    // The bucket switched off: the global threshold is in force again, and so is the decision.
    await settings.bucketEnabled(bucket!).click();
    await expect(settings.bucketEnabled(bucket!)).toHaveAttribute('aria-checked', 'false');
    await expect(decision).toHaveAttribute('data-decision', initial);
    await expect(decision).toContainText('vs threshold 50%');

    // Same signal all along: the model was not reloaded, only the decision recomputed.
    await expect(page.getByTestId('p-break')).toHaveAttribute('data-ts', TICK!.ts);
    expect(await dashboard.pBreak()).toBe(p);
  });
});
