/**
 * Measures the production inference worker in headless Chromium, cross-origin isolated.
 *
 *   npx ng build && npm run bench:inference-web [-- --port 4311 --reps 30]
 *
 * Serves dist/pentaview/browser with the project's static server (COOP/COEP), opens the app,
 * waits for its start page to show a worker-computed number, then drives the bundled worker
 * directly through the protocol: for 1 and 2 threads, session creation time and the median
 * model time (session.run inside the worker) and round trip for 1, 145 and 4097 rows of the
 * placeholder model. Prints medians and writes bench-results/inference-web.json.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchHeadlessChromium } from '../bench/headless-chromium';
import { startStaticServer } from '../serve/static-server';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'pentaview', 'browser');

interface BenchInput {
  readonly workerUrl: string;
  readonly threads: readonly number[];
  readonly batchSizes: readonly number[];
  readonly reps: number;
}

interface BatchFigures {
  readonly rows: number;
  readonly modelMsMedian: number;
  readonly modelMsPerRow: number;
  /** Arrival in the worker to its reply. */
  readonly workerMsMedian: number;
  readonly roundTripMsMedian: number;
}

interface ThreadFigures {
  readonly maxThreads: number;
  readonly threads: number;
  readonly crossOriginIsolated: boolean;
  readonly ortVersion: string;
  readonly sessionMs: number;
  readonly initRoundTripMs: number;
  readonly batches: readonly BatchFigures[];
}

/** The browser globals the page-side code uses (the tools are compiled without the DOM lib). */
interface PageWorker {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  terminate(): void;
}
interface PageGlobals {
  readonly Worker: new (url: string, options: { type: 'module' }) => PageWorker;
  readonly document: { readonly baseURI: string };
}

/** Runs in the page: plain JS after compilation, no imports. */
async function benchInPage(input: BenchInput): Promise<ThreadFigures[]> {
  // This function is serialised into the page, where these globals exist.
  const { Worker, document } = globalThis as unknown as PageGlobals;
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results: ThreadFigures[] = [];
  for (const maxThreads of input.threads) {
    const worker = new Worker(input.workerUrl, { type: 'module' });
    let nextId = 1;
    const call = (
      msg: Record<string, unknown>,
      transfer: ArrayBuffer[] = [],
    ): Promise<Record<string, unknown>> =>
      new Promise((res, rej) => {
        const id = nextId++;
        worker.onmessage = (e): void => {
          const data: unknown = e.data;
          if (typeof data !== 'object' || data === null) return rej(new Error('bad reply'));
          const reply = Object.fromEntries(Object.entries(data));
          if (reply['type'] === 'error') rej(new Error(String(reply['message'])));
          else if (reply['requestId'] === id) res(reply);
        };
        worker.postMessage({ ...msg, requestId: id }, transfer);
      });
    const base = document.baseURI;
    const t0 = performance.now();
    const ready = await call({
      type: 'init',
      modelUrl: new URL('models/break-predictor.onnx', base).href,
      manifestUrl: new URL('models/break-predictor.manifest.json', base).href,
      ortBaseUrl: new URL('ort/', base).href,
      maxThreads,
    });
    const initRoundTripMs = performance.now() - t0;
    const backend = Object.fromEntries(Object.entries(ready['backend'] ?? {}));
    const batches: BatchFigures[] = [];
    for (const rows of input.batchSizes) {
      const modelMs: number[] = [];
      const workerMs: number[] = [];
      const roundTrip: number[] = [];
      for (let r = 0; r < input.reps + 3; r++) {
        const data = new Float32Array(rows * 144);
        for (let i = 0; i < data.length; i++) data[i] = Math.random() * 4 - 2;
        const t = performance.now();
        const reply = await call({ type: 'predict', rows: data, nRows: rows }, [data.buffer]);
        const rt = performance.now() - t;
        const timings = Object.fromEntries(Object.entries(reply['timings'] ?? {}));
        if (r >= 3) {
          modelMs.push(Number(timings['modelMs']));
          workerMs.push(Number(timings['totalMs']));
          roundTrip.push(rt);
        }
      }
      const m = median(modelMs);
      batches.push({
        rows,
        modelMsMedian: m,
        modelMsPerRow: m / rows,
        workerMsMedian: median(workerMs),
        roundTripMsMedian: median(roundTrip),
      });
    }
    worker.terminate();
    results.push({
      maxThreads,
      threads: Number(backend['threads']),
      crossOriginIsolated: backend['crossOriginIsolated'] === true,
      ortVersion: String(backend['ortVersion']),
      sessionMs: Number(backend['sessionMs']),
      initRoundTripMs,
      batches,
    });
  }
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '4311' }, reps: { type: 'string', default: '30' } },
  });
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error(`no production build in ${DIST}: run npx ng build first`);
  const workerFile = readdirSync(DIST).find((f) => /^worker-[A-Z0-9]+\.js$/.test(f));
  if (!workerFile) throw new Error('no worker-*.js in the build');
  const port = Number(values.port);
  const server = await startStaticServer({ root: DIST, port, host: '127.0.0.1' });
  const browser = await launchHeadlessChromium();
  try {
    const page = await browser.newPage();
    const origin = `http://127.0.0.1:${port}/`;
    // The worker check (model status, threads) lives on the diagnostics page.
    await page.goto(new URL('/diagnostics', origin).href);
    await page
      .locator('[data-testid="model-status"][data-status="ready"]')
      .waitFor({ timeout: 30_000 });
    await page
      .locator('[data-testid="worker-result"]')
      .filter({ hasText: /\d/ })
      .waitFor({ timeout: 30_000 });
    const screen: Record<string, string> = {};
    for (const id of [
      'coi-status',
      'worker-threads',
      'ort-backend',
      'worker-result',
      'worker-model-ms',
    ]) {
      screen[id] = ((await page.locator(`[data-testid="${id}"]`).textContent()) ?? '')
        .replace(/\s+/g, ' ')
        .trim();
    }
    console.log('start page:', screen);
    // tsx keeps function names with an esbuild helper that the page lacks.
    await page.evaluate('globalThis.__name = (f) => f');
    const results = await page.evaluate(benchInPage, {
      workerUrl: origin + workerFile,
      threads: [1, 2],
      batchSizes: [1, 145, 4097],
      reps: Number(values.reps),
    });
    for (const r of results) {
      console.log(
        `threads ${r.threads} (asked ${r.maxThreads}, isolated ${r.crossOriginIsolated}, ort ${r.ortVersion}): session ${r.sessionMs.toFixed(1)} ms, init round trip ${r.initRoundTripMs.toFixed(1)} ms`,
      );
      for (const b of r.batches) {
        console.log(
          `  ${String(b.rows).padStart(5)} rows: model ${b.modelMsMedian.toFixed(3)} ms (${(b.modelMsPerRow * 1000).toFixed(2)} µs/row), in worker ${b.workerMsMedian.toFixed(3)} ms, round trip ${b.roundTripMsMedian.toFixed(3)} ms`,
        );
      }
    }
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench-results', 'inference-web.json'),
      JSON.stringify({ screen, results }, null, 2) + '\n',
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
