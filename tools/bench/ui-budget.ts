/**
 * npm run bench:ui — the dashboard's budgets on the production build (docs/pipeline.md § Budgets):
 *
 * 1. initial JS, gzip: the scripts index.html loads (module script + modulepreloads), and all JS
 *    the default route loads before its first signal (the lazy dashboard chunk included; the
 *    worker and the onnxruntime wasm apart);
 * 2. first signal on screen: navigation start → the first P(BREAK) bar of a model signal on the
 *    default route (demo replay playing at 60×), median of several loads, each in a fresh
 *    browser context (empty cache) against the local server;
 * 3. a whole-session replay at 600× (`/?speed=600`): main-thread long tasks observed with
 *    PerformanceObserver('longtask') from load to the last tick;
 * 4. a seek (no budget, for docs/pipeline.md): from the seek slider's `change` to tick 120 (the
 *    first tick from there with a level in the approach zone) to that tick's signal on screen,
 *    median of several seeks on a paused, warm page.
 *
 * Needs `npx ng build` first. Options: --port N (default 4391), --loads N (default 5).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Server } from 'node:http';
import type { Browser } from '@playwright/test';
import { launchHeadlessChromium } from './headless-chromium';
import { startStaticServer } from '../serve/static-server';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'pentaview', 'browser');
const BUDGET = { initialJsGzipKb: 500, firstSignalMs: 3000, longTaskMs: 50 } as const;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const gzipKb = (file: string): number =>
  gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length / 1024;

/** The JS files index.html loads before anything else. */
function initialScripts(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g))
    files.add(m[1]);
  return [...files];
}

interface LoadFigures {
  readonly firstSignalMs: number;
  /** JS files (paths under the site root) the page loaded in the main thread. */
  readonly scripts: readonly string[];
}

/** Opens the default route in a fresh context and waits for the first model signal. */
async function firstSignal(browser: Browser, base: string): Promise<LoadFigures> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(base);
  await page.getByTestId('p-break').waitFor({ timeout: 60_000 });
  // Page-side code as text: the tools are type-checked without the DOM library.
  const raw: unknown = await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const start = nav === undefined ? 0 : nav.startTime;
    const scripts = performance.getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.replace(/^\\//, ''))
      .filter((p) => p.endsWith('.js') && !p.startsWith('worker-'));
    return { firstSignalMs: performance.now() - start, scripts };
  })()`);
  if (!isRecord(raw) || typeof raw['firstSignalMs'] !== 'number' || !Array.isArray(raw['scripts']))
    throw new Error('unexpected page figures');
  const figures: LoadFigures = {
    firstSignalMs: raw['firstSignalMs'],
    scripts: raw['scripts'].filter((x): x is string => typeof x === 'string'),
  };
  await context.close();
  return figures;
}

interface ReplayFigures {
  readonly wallMs: number;
  readonly longTasks: readonly number[];
}

/** Plays the whole demo session at 600× and collects the main thread's long tasks. */
async function wholeSession(browser: Browser, base: string): Promise<ReplayFigures> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(`
    window.__pvLongTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__pvLongTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  `);
  // Paused until the model is ready, so the session is played with the worker warm.
  await page.goto(`${base}?speed=600&autoplay=0`);
  await page.getByTestId('status-model').and(page.locator('[data-model="ready"]')).waitFor();
  const ticks = await page.getByTestId('replay-tick').innerText();
  const total = ticks.split(' / ')[1];
  await page.evaluate('window.__pvLongTasks.length = 0');
  const t0 = Date.now();
  await page.getByTestId('replay-play').click();
  await page
    .getByTestId('replay-tick')
    .filter({ hasText: `${total} / ${total}` })
    .waitFor({ timeout: 120_000 });
  const wallMs = Date.now() - t0;
  // Let the worker's last replies arrive and be drawn.
  await page.waitForTimeout(3000);
  const list: unknown = await page.evaluate('window.__pvLongTasks');
  const longTasks = Array.isArray(list)
    ? list.filter((x): x is number => typeof x === 'number')
    : [];
  await context.close();
  return { wallMs, longTasks };
}

/** Index and `ts` of the demo recording's first tick at or after `from` with an in-zone level. */
function seekTarget(from: number): { index: number; ts: string } {
  const text = gunzipSync(readFileSync(join(DIST, 'demo', 'demo-session.ndjson.gz'))).toString();
  const inZone = new Map<string, boolean>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const f: unknown = JSON.parse(line);
    if (!isRecord(f) || typeof f['ts'] !== 'string') continue;
    const d = f['distance_signed_atr'];
    const zone = f['level_active'] === true && typeof d === 'number' && Math.abs(d) <= 2;
    inZone.set(f['ts'], (inZone.get(f['ts']) ?? false) || zone);
  }
  const ticks = [...inZone.entries()].sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
  const index = ticks.findIndex(([, zone], i) => i >= from && zone);
  if (index < 0) throw new Error(`no in-zone tick from ${from}`);
  return { index, ts: ticks[index][0] };
}

/** Seeks a paused, warm page to `target` with the slider; ms until its signal is on screen. */
async function seekTimes(
  browser: Browser,
  base: string,
  target: { index: number; ts: string },
  seeks: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < seeks; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}?autoplay=0&seek=0`);
    await page.getByTestId('status-model').and(page.locator('[data-model="ready"]')).waitFor();
    await page.waitForTimeout(500);
    const t0 = Date.now();
    // Page-side code as text: the tools are type-checked without the DOM library.
    await page.evaluate(`(() => {
      const input = document.querySelector('[data-testid="replay-seek"]');
      input.value = '${target.index}';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    })()`);
    await page
      .getByTestId('p-break')
      .and(page.locator(`[data-ts="${target.ts}"]`))
      .waitFor({ timeout: 60_000 });
    times.push(Date.now() - t0);
    await context.close();
  }
  return times;
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error(`no build at ${DIST}: run npx ng build`);
  const port = Number(argValue('--port') ?? 4391);
  const loads = Number(argValue('--loads') ?? 5);
  const server: Server = await startStaticServer({
    root: DIST,
    port,
    host: '127.0.0.1',
    warm: ['ort/ort-wasm-simd-threaded.wasm', 'ort/ort-wasm-simd-threaded.mjs'],
  });
  const base = `http://127.0.0.1:${port}/`;
  const browser = await launchHeadlessChromium();
  try {
    const initial = initialScripts();
    const initialKb = initial.reduce((s, f) => s + gzipKb(f), 0);

    // One warm-up load (the server compresses the wasm on its first request), then the measured ones.
    await firstSignal(browser, base);
    const runs: LoadFigures[] = [];
    for (let i = 0; i < loads; i++) runs.push(await firstSignal(browser, base));
    const firstMs = runs.map((r) => r.firstSignalMs);
    const routeScripts = [...new Set(runs.flatMap((r) => r.scripts))].filter((f) =>
      existsSync(join(DIST, f)),
    );
    const routeKb = routeScripts.reduce((s, f) => s + gzipKb(f), 0);

    const replay = await wholeSession(browser, base);
    const worst = replay.longTasks.length === 0 ? 0 : Math.max(...replay.longTasks);
    const target = seekTarget(120);
    const seeks = await seekTimes(browser, base, target, 4);

    const ok = (pass: boolean): string => (pass ? 'ok' : 'OVER BUDGET');
    console.log(
      `initial JS (index.html: ${initial.join(', ')}): ${initialKb.toFixed(1)} kB gzip — budget ${BUDGET.initialJsGzipKb} kB: ${ok(initialKb <= BUDGET.initialJsGzipKb)}`,
    );
    console.log(
      `JS loaded by the default route (${routeScripts.length} files, worker and wasm apart): ${routeKb.toFixed(1)} kB gzip — ${ok(routeKb <= BUDGET.initialJsGzipKb)}`,
    );
    console.log(
      `first signal on screen: median ${median(firstMs).toFixed(0)} ms over ${loads} loads (${firstMs.map((x) => x.toFixed(0)).join(', ')}) — budget ${BUDGET.firstSignalMs} ms: ${ok(median(firstMs) <= BUDGET.firstSignalMs)}`,
    );
    console.log(
      `whole session at 600×: ${(replay.wallMs / 1000).toFixed(1)} s wall, ${replay.longTasks.length} long tasks (> ${BUDGET.longTaskMs} ms), longest ${worst.toFixed(0)} ms: ${ok(replay.longTasks.length === 0)}`,
    );
    if (replay.longTasks.length > 0)
      console.log(`  long tasks (ms): ${replay.longTasks.map((x) => x.toFixed(0)).join(', ')}`);
    console.log(
      `seek to tick ${target.index} → its signal on screen: median ${median(seeks).toFixed(0)} ms over ${seeks.length} seeks (${seeks.map((x) => x.toFixed(0)).join(', ')})`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
