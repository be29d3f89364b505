/**
 * Times the explanation path in real Chromium with the real worker and model (docs/explanations.md
 * § Speed), and the same frames in Node with onnxruntime-node.
 *
 *   npx ng build && npm run bench:attribution -- [--dist dist/pentaview/browser] [--port 4312]
 *        [--frames data/sim-holdout/sessions/2025-06-04.frames.ndjson] [--stats FILE] [--threads 2|1|1,2]
 *
 * `--threads` is the worker's `maxThreads` (default: what the app sends on this machine,
 * `appThreads(cores)` of src/protocol/inference-messages.ts — 1 on 2 cores, 2 from 3 cores); a list runs one browser pass per value, each in a fresh
 * worker (onnxruntime-web fixes its thread pool when its wasm starts). The model's tree count and the
 * load averages are printed so figures can be compared across models and machine states.
 *
 * Serves the production build with the project's static server (COOP/COEP), creates the bundled
 * worker in a page, sends `init` + `explain-init`, then replays a recorded session twice:
 * 1. one request per level (each frame alone), 2. one request per tick (all levels). For requests
 * that produce signals it records the worker's total time (arrival → reply), the model batch
 * inside it (`modelMs`: the bare onnxruntime run of exactly the explanation's rows, the reference of
 * the ×ratio) and the page round trip; then a `predict` request of as many random rows (random rows
 * take other tree paths, so that figure is only indicative). The stats file, when given, is
 * copied into the served folder as artifacts/historical_stats.json.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import onnxProto from 'onnx-proto';
import { appThreads } from '../../src/protocol/inference-messages';
import { launchHeadlessChromium } from '../bench/headless-chromium';
import { startStaticServer } from '../serve/static-server';
import { loadModel } from './explain-support';
import {
  DEFAULT_MANIFEST,
  DEFAULT_MODEL,
  DEFAULT_STATS,
  NodeExplainer,
  loadManifest,
  loadStats,
  median,
  quantile,
  readNdjson,
  ticksOfRecords,
} from './explain-session';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface PageInput {
  readonly workerUrl: string;
  readonly ticks: readonly (readonly unknown[])[];
  /** Ticks whose four levels were all moved into the approach zone (the four-level case). */
  readonly fourLevelTicks: readonly (readonly unknown[])[];
  readonly maxThreads: number;
}

interface Sample {
  readonly mode: 'level' | 'tick' | 'tick4';
  readonly signals: number;
  readonly rows: number;
  readonly totalMs: number;
  readonly modelMs: number;
  /** Validation, vectors, planning, finishing and the signals (the engine's own time). */
  readonly attributionMs: number;
  readonly roundTripMs: number;
  readonly bareMs: number;
}

interface PageResult {
  readonly ready: Record<string, unknown>;
  readonly explainReady: Record<string, unknown>;
  readonly samples: Sample[];
}

interface PageWorker {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onerror: ((event: { readonly message: string }) => void) | null;
  terminate(): void;
}
interface PageGlobals {
  readonly Worker: new (url: string, options: { type: 'module' }) => PageWorker;
  readonly document: { readonly baseURI: string };
  readonly setTimeout: (f: () => void, ms: number) => number;
  readonly clearTimeout: (id: number) => void;
}

/** Runs in the page (serialised; no imports). */
async function benchInPage(input: PageInput): Promise<PageResult> {
  // This function is serialised into the page, where these globals exist.
  const { Worker, document, setTimeout, clearTimeout } = globalThis as unknown as PageGlobals;
  const worker = new Worker(input.workerUrl, { type: 'module' });
  let nextId = 1;
  const call = (
    msg: Record<string, unknown>,
    transfer: ArrayBuffer[] = [],
  ): Promise<Record<string, unknown>> =>
    new Promise((res, rej) => {
      const id = nextId++;
      // a worker that never answers fails the bench instead of hanging it
      const timer = setTimeout(
        () => rej(new Error(`no reply to ${String(msg['type'])} #${id} in 60 s`)),
        60_000,
      );
      worker.onerror = (e): void => {
        clearTimeout(timer);
        rej(new Error(`worker error: ${e.message}`));
      };
      worker.onmessage = (e): void => {
        const data: unknown = e.data;
        if (typeof data !== 'object' || data === null) return rej(new Error('bad reply'));
        const reply = Object.fromEntries(Object.entries(data));
        if (reply['type'] === 'error') {
          clearTimeout(timer);
          rej(new Error(String(reply['message'])));
        } else if (reply['requestId'] === id) {
          clearTimeout(timer);
          res(reply);
        }
      };
      worker.postMessage({ ...msg, requestId: id }, transfer);
    });
  const base = document.baseURI;
  const url = (p: string): string => new URL(p, base).href;
  const ready = await call({
    type: 'init',
    modelUrl: url('models/break-predictor.onnx'),
    manifestUrl: url('models/break-predictor.manifest.json'),
    ortBaseUrl: url('ort/'),
    maxThreads: input.maxThreads,
  });
  const explainReady = await call({
    type: 'explain-init',
    statsUrl: url('artifacts/historical_stats.json'),
    featureManifestUrl: url('artifacts/feature_manifest.json'),
    interactionsUrl: url('artifacts/feature_interactions.json'),
    goldenUrl: url('artifacts/explain_golden.json'),
  });
  const samples: Sample[] = [];
  const bare = async (rows: number): Promise<number> => {
    const data = new Float32Array(rows * 144);
    for (let i = 0; i < data.length; i++) data[i] = Math.random() * 4 - 2;
    const r = await call({ type: 'predict', rows: data, nRows: rows }, [data.buffer]);
    const t = Object.fromEntries(Object.entries(r['timings'] ?? {}));
    return Number(t['modelMs']);
  };
  for (const mode of ['level', 'tick', 'tick4'] as const) {
    // a fresh explanation state for each pass: re-init resets the engine
    await call({
      type: 'explain-init',
      statsUrl: url('artifacts/historical_stats.json'),
      featureManifestUrl: url('artifacts/feature_manifest.json'),
      interactionsUrl: url('artifacts/feature_interactions.json'),
      goldenUrl: url('artifacts/explain_golden.json'),
    });
    for (const tick of mode === 'tick4' ? input.fourLevelTicks : input.ticks) {
      const requests = mode === 'level' ? tick.map((f) => [f]) : [tick];
      for (const frames of requests) {
        const t0 = performance.now();
        const r = await call({ type: 'explain', frames });
        const roundTripMs = performance.now() - t0;
        const signals = Array.isArray(r['signals']) ? r['signals'].length : 0;
        if (signals === 0) continue;
        const t = Object.fromEntries(Object.entries(r['timings'] ?? {}));
        const rows = Number(r['rows']);
        samples.push({
          mode,
          signals,
          rows,
          totalMs: Number(t['totalMs']),
          modelMs: Number(t['modelMs']),
          attributionMs: Number(t['attributionMs']),
          roundTripMs,
          bareMs: await bare(rows),
        });
      }
    }
  }
  worker.terminate();
  return { ready, explainReady, samples };
}

function summary(label: string, xs: readonly Sample[]): void {
  if (xs.length === 0) {
    console.log(`${label}: no samples`);
    return;
  }
  const f = (
    k: keyof Pick<Sample, 'totalMs' | 'modelMs' | 'attributionMs' | 'roundTripMs' | 'bareMs'>,
  ): string =>
    `${median(xs.map((s) => s[k])).toFixed(1)} / ${quantile(
      xs.map((s) => s[k]),
      0.95,
    ).toFixed(1)}`;
  const ratio = median(xs.map((s) => s.totalMs / s.modelMs));
  const usPerRow = median(xs.map((s) => (1000 * s.modelMs) / s.rows));
  console.log(
    `${label.padEnd(24)} n ${String(xs.length).padStart(4)}  rows ${median(xs.map((s) => s.rows))
      .toFixed(0)
      .padStart(
        6,
      )}  explanation (worker) p50/p95 ${f('totalMs')} ms  bare ort run of its rows ${f('modelMs')} (${usPerRow.toFixed(2)} µs/row)  engine ${f('attributionMs')}  predict of as many random rows ${f('bareMs')}  page round trip ${f('roundTripMs')}  explanation / bare run ×${ratio.toFixed(2)}`,
  );
}

/** Trees of the graph's tree-ensemble node(s) (distinct `nodes_treeids`), or null for another kind of model. */
function treeCount(onnxBytes: Uint8Array): number | null {
  const model = onnxProto.onnx.ModelProto.decode(onnxBytes);
  const trees = new Set<string>();
  for (const node of model.graph?.node ?? []) {
    if (!/^TreeEnsemble/.test(node.opType ?? '')) continue;
    const ids = node.attribute?.find((a) => a.name === 'nodes_treeids')?.ints ?? [];
    for (const id of ids) trees.add(`${node.name ?? ''}:${String(id)}`);
  }
  return trees.size > 0 ? trees.size : null;
}

const loads = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: join(ROOT, 'dist', 'pentaview', 'browser') },
      port: { type: 'string', default: '4312' },
      frames: { type: 'string', default: 'data/sim-holdout/sessions/2025-06-04.frames.ndjson' },
      stats: { type: 'string' },
      threads: { type: 'string', default: String(appThreads(availableParallelism())) },
    },
  });
  const dist = values.dist ?? '';
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`no production build in ${dist}: run npx ng build first`);
  const workerFile = readdirSync(dist).find((f) => /^worker-[A-Za-z0-9_-]+\.js$/.test(f));
  if (workerFile === undefined) throw new Error('no worker-*.js in the build');
  if (values.stats !== undefined)
    copyFileSync(values.stats, join(dist, 'artifacts', 'historical_stats.json'));
  if (!existsSync(join(dist, 'artifacts', 'historical_stats.json')))
    throw new Error('the build has no artifacts/historical_stats.json: pass --stats FILE');
  const ticks = ticksOfRecords(readNdjson(values.frames ?? ''));
  // The recording rarely has four levels in the zone at once: for that case, ticks from 10:00 on
  // with every level's distance_signed_atr clamped into ±1.9 ATR (other fields as recorded).
  const fourLevelTicks = ticks.slice(60, 180).map((tick) =>
    tick.map((f) => {
      if (typeof f !== 'object' || f === null || !('distance_signed_atr' in f)) return f;
      const d = Number(f.distance_signed_atr);
      return { ...f, distance_signed_atr: Math.max(-1.9, Math.min(1.9, d)) };
    }),
  );

  // Node: the same frames through onnxruntime-node, one request per tick and per level
  const manifest = loadManifest(DEFAULT_MANIFEST);
  const stats = loadStats(values.stats ?? DEFAULT_STATS);
  const model = await loadModel(DEFAULT_MODEL);
  const node: Sample[] = [];
  for (const mode of ['level', 'tick', 'tick4'] as const) {
    const explainer = new NodeExplainer(model.model, { manifest, stats });
    for (const tick of mode === 'tick4' ? fourLevelTicks : ticks) {
      for (const frames of mode === 'level' ? tick.map((f) => [f]) : [tick]) {
        const r = await explainer.tick(frames);
        if (r.result.signals.length === 0) continue;
        node.push({
          mode,
          signals: r.result.signals.length,
          rows: r.rows,
          totalMs: r.totalMs,
          modelMs: r.modelMs,
          attributionMs: r.result.timings.attribution_ms,
          roundTripMs: r.totalMs,
          bareMs: r.modelMs,
        });
      }
    }
  }
  await model.release();

  const threadList = (values.threads ?? String(appThreads(availableParallelism()))).split(',').map((t) => Number(t.trim()));
  if (threadList.some((t) => !Number.isInteger(t) || t < 1))
    throw new Error(`--threads must be positive integers, got ${values.threads}`);
  const trees = treeCount(readFileSync(join(dist, 'models', 'break-predictor.onnx')));
  console.log(
    `model: ${trees === null ? 'not a tree ensemble' : `${trees} trees`}; frames ${values.frames}: ${ticks.length} ticks; load average ${loads()} at the start; p50 / p95 in ms`,
  );
  const port = Number(values.port);
  const server = await startStaticServer({ root: dist, port, host: '127.0.0.1' });
  const browser = await launchHeadlessChromium();
  try {
    for (const maxThreads of threadList) {
      // a fresh page and worker per setting: onnxruntime-web sizes its thread pool once per wasm instance
      const page = await browser.newPage();
      const origin = `http://127.0.0.1:${port}/`;
      await page.goto(origin);
      await page.evaluate('globalThis.__name = (f) => f');
      const result = await page.evaluate(benchInPage, {
        workerUrl: origin + workerFile,
        ticks,
        fourLevelTicks,
        maxThreads,
      });
      await page.close();
      const backend = Object.fromEntries(Object.entries(result.ready['backend'] ?? {}));
      const threads = String(backend['threads']);
      console.log(
        `Chromium worker (maxThreads ${maxThreads}): ort ${String(backend['ortVersion'])}, threads ${threads}, isolated ${String(backend['crossOriginIsolated'])}; explain-ready: model ${String(result.explainReady['modelEnabled'])}, self-test ${JSON.stringify(result.explainReady['selfTest'])}; load average ${loads()} after the pass`,
      );
      const tag = `browser ${threads}t`;
      summary(
        `${tag}, one level`,
        result.samples.filter((s) => s.mode === 'level'),
      );
      for (const k of [1, 2, 3, 4])
        summary(
          `${tag}, tick of ${k}`,
          result.samples.filter((s) => s.mode === 'tick' && s.signals === k),
        );
      summary(
        `${tag}, 4 levels (forced)`,
        result.samples.filter((s) => s.mode === 'tick4' && s.signals === 4),
      );
    }
    summary(
      'node ort 1t, one level',
      node.filter((s) => s.mode === 'level'),
    );
    for (const k of [1, 2, 3, 4])
      summary(
        `node ort 1t, tick of ${k}`,
        node.filter((s) => s.mode === 'tick' && s.signals === k),
      );
    summary(
      'node ort 1t, 4 levels (forced)',
      node.filter((s) => s.mode === 'tick4' && s.signals === 4),
    );
  } finally {
    await browser.close();
    await new Promise<void>((res) => server.close(() => res()));
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
