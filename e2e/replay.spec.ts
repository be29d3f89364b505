import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DashboardPage, demoTestTick, demoTicks } from './pages/dashboard.page';

const SEED_PANELS = [
  'level-header',
  'prediction',
  'p-break',
  'p-reject',
  'edge',
  'confidence',
  'decision',
  'break-drivers',
  'reject-drivers',
  'combos',
  'context',
  'sections',
  'watchlist',
  'status-strip',
];

const TICKS = demoTicks();
/** A tick of the demo with a level in the approach zone (two if the recording has such a tick). */
const TWO_LEVELS = demoTestTick(TICKS);

/** "Σ +4.0 pp" / "Edge: −8.0 pp vs …" → 4.0 / −8.0 (typographic minus). */
function points(text: string): number {
  const m = /([+\-−]?\d+(?:\.\d+)?) pp/.exec(text);
  if (m === null) throw new Error(`no points in "${text}"`);
  return Number(m[1].replace('−', '-'));
}

test.describe('dashboard: replay of the demo recording explained by the model', () => {
  test.beforeAll(() => {
    expect(TWO_LEVELS, 'the demo recording has a tick with a level in the zone').toBeDefined();
  });

  test('every seed panel shows real model output at a seeked tick', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const tick = TWO_LEVELS!;
    const dashboard = new DashboardPage(page);
    await dashboard.openReplay({ seek: tick.index, autoplay: 0 });
    await dashboard.waitForSignal(tick.ts);

    await expect(dashboard.fixtureBanner).toHaveCount(0);
    await expect(page.getByTestId('status-model')).toHaveAttribute('data-model', 'ready');
    await expect(page.getByTestId('status-source')).toContainText('replay 2025-11-03');
    await expect(page.getByTestId('replay-tick')).toHaveText(`${tick.index + 1} / ${TICKS.length}`);
    await expect(page.getByTestId('replay-play')).toHaveAttribute('data-state', 'paused');
    for (const id of SEED_PANELS) await expect(dashboard.panel(id).first()).toBeVisible();

    // The focused level is one of the levels in the zone at this tick, with model numbers.
    expect(tick.inZone).toContain(await dashboard.focusedKind());
    const p = await dashboard.pBreak();
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    await expect(page.getByTestId('p-break')).toContainText(`${Math.round(p * 100)}%`);
    await expect(page.getByTestId('confidence')).toHaveAttribute(
      'data-tier',
      /^(VERY HIGH|HIGH|MODERATE|LOW)$/,
    );
    await expect(page.getByTestId('decision')).toHaveAttribute(
      'data-decision',
      p >= 0.5 ? 'BREAK' : 'REJECT',
    );
    expect(
      (await dashboard.driverNames('break-drivers')).length +
        (await dashboard.driverNames('reject-drivers')).length,
    ).toBeGreaterThan(1);
    // The BREAK and REJECT sums add up to the edge (one-decimal rounding of each).
    const totals = await page.getByTestId('driver-total').allInnerTexts();
    const edge = points(await page.getByTestId('edge').innerText());
    expect(totals.length).toBe(2);
    expect(Math.abs(points(totals[0]) + points(totals[1]) - edge)).toBeLessThanOrEqual(0.15);
    await expect(page.getByTestId('context-time')).toContainText(/T\d+_\d+/);
    await expect(page.getByTestId('section-row')).toHaveCount(6);
    // The focused level's P(BREAK) timeline is drawn from its model predictions.
    await expect(page.getByTestId('pbreak-timeline')).toBeVisible();
    await expect(page.getByTestId('pbreak-timeline-empty')).toHaveCount(0);

    await page.screenshot({ path: 'test-results/screenshots/dashboard-replay.png' });
    expect(errors).toEqual([]);
  });

  test('focusing another level from the watchlist shows that level', async ({ page }) => {
    const tick = TWO_LEVELS!;
    const dashboard = new DashboardPage(page);
    await dashboard.openReplay({ seek: tick.index, autoplay: 0 });
    await dashboard.waitForSignal(tick.ts);
    const first = await dashboard.focusedKind();
    const firstP = await dashboard.pBreak();
    expect(tick.inZone).toContain(first);
    const other = (await dashboard.rowKinds()).find((k) => k !== first);
    expect(other).toBeDefined();

    await dashboard.row(other!).click();
    await expect(dashboard.header).toHaveAttribute('data-kind', other!);
    if (tick.inZone.includes(other!)) {
      // Another level in the zone: its own model signal.
      await dashboard.waitForSignal(tick.ts);
      expect(await dashboard.pBreak()).not.toBe(firstP);
      await expect(dashboard.row(other!)).toHaveAttribute('data-state', 'live');
    } else {
      // A level out of the zone: no numbers, said so.
      await expect(page.getByTestId('prediction-state')).toHaveAttribute('data-state', 'far');
      await expect(page.getByTestId('p-break')).toHaveCount(0);
    }

    await dashboard.row(first!).focus();
    await page.keyboard.press('Enter');
    await expect(dashboard.header).toHaveAttribute('data-kind', first!);
    expect(await dashboard.pBreak()).toBe(firstP);
  });

  test('replay controls: play/pause, speed, seek slider and Space', async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.openReplay({ seek: 10, autoplay: 0, speed: 10 });
    const tickLabel = page.getByTestId('replay-tick');
    await expect(tickLabel).toHaveText(`11 / ${TICKS.length}`, { timeout: 30_000 });
    await expect(page.getByTestId('replay-speed-10').getByRole('radio')).toBeChecked();

    // Paused: the position stands still.
    await page.waitForTimeout(1500);
    await expect(tickLabel).toHaveText(`11 / ${TICKS.length}`);

    // The slider moves one tick per arrow key.
    const seek = page.getByTestId('replay-seek');
    await seek.focus();
    await page.keyboard.press('ArrowRight');
    await expect(tickLabel).toHaveText(`12 / ${TICKS.length}`);
    const time = await page.getByTestId('replay-time').innerText();
    expect(time).toMatch(/^\d{2}:\d{2}:\d{2} ET$/);

    // 600×: one tick every 50 ms once playing.
    await page.getByTestId('replay-speed-600').click();
    await expect(page.getByTestId('replay-speed-600').getByRole('radio')).toBeChecked();
    await page.getByTestId('replay-play').click();
    await expect(page.getByTestId('replay-play')).toHaveAttribute('data-state', 'playing');
    await expect
      .poll(async () => Number((await tickLabel.innerText()).split(' / ')[0]), { timeout: 10_000 })
      .toBeGreaterThan(20);

    // Space (focus on the page, not a control) pauses.
    await page.getByTestId('status-strip').click();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('replay-play')).toHaveAttribute('data-state', 'paused');
    await expect(page.getByTestId('status-paused')).toBeVisible();
    const stopped = await tickLabel.innerText();
    await page.waitForTimeout(800);
    await expect(tickLabel).toHaveText(stopped);
    expect(await page.getByTestId('replay-time').innerText()).not.toBe(time);
  });

  test('the replay page with its controls has no serious or critical accessibility violations', async ({
    page,
  }) => {
    const tick = TWO_LEVELS!;
    const dashboard = new DashboardPage(page);
    await dashboard.openReplay({ seek: tick.index, autoplay: 0 });
    await dashboard.waitForSignal(tick.ts);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
      [],
    );
  });

  test('a model that cannot load is shown as unavailable with the reason, never hidden', async ({
    page,
    context,
  }) => {
    await context.route('**/models/break-predictor.onnx', (route) =>
      route.fulfill({ status: 404, body: 'gone' }),
    );
    const tick = TWO_LEVELS!;
    const dashboard = new DashboardPage(page);
    await dashboard.openReplay({ seek: tick.index, autoplay: 0 });
    const model = page.getByTestId('status-model');
    await expect(model).toHaveAttribute('data-model', 'unavailable', { timeout: 45_000 });
    await expect(model).toContainText('the model failed to load');
    await expect(dashboard.row(tick.inZone[0])).toHaveAttribute('data-state', 'unavailable', {
      timeout: 45_000,
    });
    await expect(page.getByTestId('prediction-state')).toHaveAttribute('data-state', 'unavailable');
    await expect(page.getByTestId('p-break')).toHaveCount(0);
  });
});
