import { expect, test } from '@playwright/test';
import { AppShellPage } from './pages/app-shell.page';
import { appThreads } from '../src/protocol/inference-messages';

test.describe('application shell on the production build', () => {
  test('is cross-origin isolated and shows a number computed by the worker', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const shell = new AppShellPage(page);
    await shell.open();

    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await expect(shell.coiStatus).toHaveText(/^\s*yes\s*$/i);

    const value = await shell.workerNumber();
    expect(Number.isFinite(value)).toBe(true);
    await expect(shell.modelStatus).not.toContainText(/error|unavailable|failed/i);
    // Isolated, so threads are possible: the app asks for up to two and leaves one core to the
    // page (1 thread on a 2-core machine, 2 from 3 cores on).
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await expect(shell.workerThreads).toHaveText(new RegExp(`^\\s*${appThreads(cores)}\\b`));
    expect(errors).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/app-shell.png', fullPage: true });
  });

  test('serves the onnxruntime wasm as application/wasm and 404s a missing asset', async ({ request }) => {
    const wasm = await request.get('/ort/ort-wasm-simd-threaded.wasm');
    expect(wasm.status()).toBe(200);
    expect(wasm.headers()['content-type']).toBe('application/wasm');
    expect(wasm.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    const missing = await request.get('/ort/does-not-exist.wasm');
    expect(missing.status()).toBe(404);
  });
});
