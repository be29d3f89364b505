import { mkdirSync, writeFileSync } from 'node:fs';
import { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { startFeed, stopFeed } from './support/feed-process';
import { DashboardPage, demoFrames, demoTestTick } from './pages/dashboard.page';

/** A tick of the demo with a level in the approach zone (two if the recording has such a tick). */
const TICK = demoTestTick();
const PREFIX_FILE = 'test-results/tmp/demo-prefix.ndjson';

interface Shown {
  readonly kind: string | null;
  readonly p: number;
  readonly breakDrivers: string[];
  readonly rejectDrivers: string[];
  readonly edge: string;
}

async function shown(dashboard: DashboardPage): Promise<Shown> {
  return {
    kind: await dashboard.focusedKind(),
    p: await dashboard.pBreak(),
    breakDrivers: await dashboard.driverNames('break-drivers'),
    rejectDrivers: await dashboard.driverNames('reject-drivers'),
    edge: await dashboard.page.getByTestId('edge').innerText(),
  };
}

test.describe('live mode', () => {
  let feed: ChildProcess | null = null;

  test.beforeAll(() => {
    expect(TICK).toBeDefined();
    // The demo recording up to the tick, so the feed's last tick is the one compared.
    const frames = demoFrames().filter((f) => Date.parse(String(f['ts'])) <= Date.parse(TICK!.ts));
    mkdirSync('test-results/tmp', { recursive: true });
    writeFileSync(PREFIX_FILE, frames.map((f) => JSON.stringify(f)).join('\n') + '\n');
  });

  test.afterEach(() => {
    if (feed !== null) stopFeed(feed);
    feed = null;
  });

  test('the live feed of the demo recording shows the same signals as its replay', async ({
    browser,
  }) => {
    expect(TICK).toBeDefined();
    const tick = TICK!;

    const replayPage = await browser.newPage();
    const replay = new DashboardPage(replayPage);
    await replay.openReplay({ seek: tick.index, autoplay: 0 });
    await replay.waitForSignal(tick.ts);

    const started = await startFeed(PREFIX_FILE, ['--speed', '600']);
    feed = started.child;
    const livePage = await browser.newPage();
    const live = new DashboardPage(livePage);
    // The replay first (paused), then the source switch to the live feed of `?feed=`.
    await live.openReplay({ feed: started.url, autoplay: 0 });
    await expect(livePage.getByTestId('source-replay').getByRole('radio')).toBeChecked({
      timeout: 30_000,
    });
    await livePage.getByTestId('source-live').click();
    await expect(livePage.getByTestId('source-live').getByRole('radio')).toBeChecked();
    await expect(livePage.getByTestId('live-url')).toHaveText(started.url);
    await expect(livePage.getByTestId('replay-play')).toHaveCount(0);
    await expect(livePage.getByTestId('status-source')).toContainText(`live ${started.url}`);
    await live.waitForSignal(tick.ts);
    await expect(livePage.getByTestId('status-model')).toHaveAttribute('data-model', 'ready');

    for (const kind of tick.inZone) {
      await replay.row(kind).click();
      await live.row(kind).click();
      await replay.waitForSignal(tick.ts);
      await live.waitForSignal(tick.ts);
      const a = await shown(replay);
      const b = await shown(live);
      expect(b.kind).toBe(kind);
      expect(b).toEqual(a);
    }
    // The feed ended: the live source says so, the signals stay.
    await expect(livePage.getByTestId('status-connection')).toHaveText('disconnected', {
      timeout: 15_000,
    });
    await expect(livePage.getByTestId('p-break')).toBeVisible();

    // Back to the replay: it starts over where it stood (before the first tick, paused).
    await livePage.getByTestId('source-replay').click();
    await expect(livePage.getByTestId('status-source')).toContainText('replay 2025-11-03');
    await expect(livePage.getByTestId('replay-tick')).toHaveText(/^0 \/ \d+$/);
    await expect(live.empty).toBeVisible();
  });

  test('?source=live opens on the live feed', async ({ page }) => {
    const started = await startFeed(PREFIX_FILE, ['--speed', '600']);
    feed = started.child;
    const dashboard = new DashboardPage(page);
    await dashboard.openReplay({ source: 'live', feed: started.url });
    // The first load of a freshly started server is slow (it compresses what it serves).
    await expect(page.getByTestId('source-live').getByRole('radio')).toBeChecked({
      timeout: 30_000,
    });
    await dashboard.waitForSignal();
    await expect(page.getByTestId('status-source')).toContainText(`live ${started.url}`);
  });
});
