/**
 * Writes the level_signal of every in-zone frame of a recording (docs/explanations.md § Tools).
 *
 *   npm run explain -- --frames FILE.ndjson[.gz] --out FILE.ndjson [--model FILE.onnx | FILE.ensemble.json]
 *                      [--stats FILE] [--interactions FILE] [--manifest FILE]
 *
 * --model: an .onnx runs in onnxruntime-node, a .json is read as a tree ensemble and evaluated by
 * the JS predictor (default public/models/break-predictor.onnx). Frames are grouped into ticks by
 * their `ts`; each tick is one model batch, as in the worker.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadModel } from './explain-support';
import {
  DEFAULT_INTERACTIONS,
  DEFAULT_MANIFEST,
  DEFAULT_MODEL,
  DEFAULT_STATS,
  NodeExplainer,
  loadCombos,
  loadManifest,
  loadStats,
  median,
  quantile,
  readNdjson,
  ticksOfRecords,
} from './explain-session';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      frames: { type: 'string' },
      out: { type: 'string' },
      model: { type: 'string', default: DEFAULT_MODEL },
      stats: { type: 'string', default: DEFAULT_STATS },
      interactions: { type: 'string', default: DEFAULT_INTERACTIONS },
      manifest: { type: 'string', default: DEFAULT_MANIFEST },
    },
  });
  if (values.frames === undefined || values.out === undefined) {
    console.error(
      'usage: npm run explain -- --frames FILE.ndjson --out FILE.ndjson [--model FILE.onnx|FILE.json] [--stats FILE]',
    );
    process.exit(2);
  }
  const manifest = loadManifest(values.manifest);
  const stats = loadStats(values.stats);
  const { combos, notes } = loadCombos(values.interactions ?? DEFAULT_INTERACTIONS, manifest);
  for (const n of notes) console.error(n);
  const model = await loadModel(values.model ?? DEFAULT_MODEL);
  const explainer = new NodeExplainer(model.model, { manifest, stats, combos });
  const records = readNdjson(values.frames);
  const ticks = ticksOfRecords(records);
  mkdirSync(dirname(values.out), { recursive: true });
  const out = createWriteStream(values.out);
  const reasons: Record<string, number> = {};
  let rejected = 0;
  let signals = 0;
  const tickMs: number[] = [];
  const modelMs: number[] = [];
  const methods: Record<string, number> = {};
  for (const tick of ticks) {
    const r = await explainer.tick(tick);
    rejected += r.result.rejected.count;
    for (const [k, n] of Object.entries(r.result.rejected.reasons))
      reasons[k] = (reasons[k] ?? 0) + n;
    for (const s of r.result.signals) {
      out.write(JSON.stringify(s) + '\n');
      methods[s.prediction.method] = (methods[s.prediction.method] ?? 0) + 1;
    }
    signals += r.result.signals.length;
    if (r.result.signals.length > 0) {
      tickMs.push(r.totalMs);
      modelMs.push(r.modelMs);
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  await model.release();
  console.log(
    `${values.frames}: ${records.length} frames in ${ticks.length} ticks, ${rejected} rejected, ${signals} level signals (${Object.entries(
      methods,
    )
      .map(([m, n]) => `${m} ${n}`)
      .join(', ')}) → ${values.out}`,
  );
  for (const [k, n] of Object.entries(reasons)) console.log(`  rejected: ${k} × ${n}`);
  for (const w of explainer.warnings) console.error(`warning: ${w}`);
  console.log(
    `model ${model.kind}; per tick with signals: total median ${median(tickMs).toFixed(1)} ms (p95 ${quantile(tickMs, 0.95).toFixed(1)}), model median ${median(modelMs).toFixed(1)} ms`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
