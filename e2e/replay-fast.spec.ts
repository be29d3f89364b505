import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DashboardPage, demoTestTick, demoTicks } from './pages/dashboard.page';

/**
 * At 600× only the ticks the screen shows are explained in full; the others reach the worker as
 * catch-up (history and p_break). Whatever the screen shows must be what the model says for that
 * tick, and the P(BREAK) timeline must still hold every in-zone tick.
 */
const TICKS = demoTicks();
const TICK = demoTestTick(TICKS);

interface Shown {
  readonly ts: string | null;
  readonly p: number;
  readonly edge: string;
  readonly breakDrivers: string[];
  readonly rejectDrivers: string[];
}

async function shown(dashboard: DashboardPage): Promise<Shown> {
  return {
    ts: await dashboard.page.getByTestId('p-break').getAttribute('data-ts'),
    p: await dashboard.pBreak(),
    edge: await dashboard.page.getByTestId('edge').innerText(),
    breakDrivers: await dashboard.driverNames('break-drivers'),
    rejectDrivers: await dashboard.driverNames('reject-drivers'),
  };
}

/** The replay's position (0-based tick index) from "n / N". */
async function position(page: Page): Promise<number> {
  const text = await page.getByTestId('replay-tick').innerText();
  return Number(text.split(' / ')[0]) - 1;
}

/** Predictions the focused level's timeline draws, from its accessible summary. */
async function timelinePredictions(page: Page): Promise<number> {
  const figure = page.getByTestId('pbreak-timeline').getByRole('img');
  const label = (await figure.getAttribute('aria-label')) ?? '';
  return Number(/(\d+) predictions/.exec(label)?.[1] ?? Number.NaN);
}

/** In-zone ticks of `kind` up to tick `index` (what the timeline should hold). */
function inZoneTicks(kind: string, index: number): number {
  return TICKS.filter((t) => t.index <= index && t.inZone.includes(kind)).length;
}

test.describe('dashboard at 600×', () => {
  test('paused mid-replay, it shows the same signals as a seek to the tick it shows, and every in-zone tick on the timeline', async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    expect(TICK).toBeDefined();
    mkdirSync('test-results/screenshots', { recursive: true });
    const fastPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const fast = new DashboardPage(fastPage);
    await fast.openReplay({ speed: 600, seek: Math.max(0, TICK!.index - 40), autoplay: 0 });
    await expect(fastPage.getByTestId('status-model')).toHaveAttribute('data-model', 'ready', {
      timeout: 45_000,
    });
    const play = fastPage.getByTestId('replay-play');
    await play.click();
    // Mid-replay, past the test tick, with a level near the price and its signal on screen.
    await expect
      .poll(() => position(fastPage), { timeout: 20_000 })
      .toBeGreaterThan(TICK!.index + 1);
    await fast.waitForSignal(undefined, 20_000);
    await fastPage.screenshot({ path: 'test-results/screenshots/dashboard-600x-playing.png' });

    // Pause where the focused level has a live signal (the replay may pass stretches without).
    let index = -1;
    for (let attempt = 0; attempt < 20 && index < 0; attempt++) {
      await expect(play).toHaveAttribute('data-state', 'playing');
      await play.click();
      await expect(play).toHaveAttribute('data-state', 'paused');
      const at = await position(fastPage);
      const tick = TICKS[at];
      const live = fastPage.getByTestId('p-break').and(fastPage.locator(`[data-ts="${tick.ts}"]`));
      if (tick.inZone.length > 0) {
        // The tick the replay stopped on is explained in full shortly after the pause.
        await expect(live).toBeVisible({ timeout: 10_000 }).catch(() => undefined);
        if ((await live.count()) > 0) index = at;
      }
      if (index < 0) {
        await play.click();
        await fastPage.waitForTimeout(150);
      }
    }
    expect(index).toBeGreaterThanOrEqual(0);
    const tick = TICKS[index];
    const kind = (await fast.focusedKind()) ?? '';
    expect(tick.inZone).toContain(kind);
    const fastShown = await shown(fast);
    expect(fastShown.ts).toBe(tick.ts);
    await expect.poll(() => timelinePredictions(fastPage)).toBe(inZoneTicks(kind, index));

    const seekPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const seeked = new DashboardPage(seekPage);
    await seeked.openReplay({ seek: index, autoplay: 0 });
    await seeked.waitForSignal(tick.ts);
    await seeked.row(kind).click();
    await seeked.waitForSignal(tick.ts);
    expect(await shown(seeked)).toEqual(fastShown);
    // The catch-up of a seek gives the timeline every in-zone tick before the target too.
    await expect.poll(() => timelinePredictions(seekPage)).toBe(inZoneTicks(kind, index));
    await seekPage.screenshot({ path: 'test-results/screenshots/dashboard-after-seek.png' });
  });
});
