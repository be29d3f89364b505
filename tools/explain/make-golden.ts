/**
 * Writes the worker self-test's golden file (docs/explanations.md § Self-test): frames of a
 * simulated session around its in-zone stretches, and the P(BREAK) the JS tree predictor computes
 * for their vectors from the model's ensemble JSON.
 *
 *   npm run explain:golden -- [--manifest public/models/break-predictor.manifest.json]
 *                             [--out public/artifacts/explain_golden.json] [--seed 5] [--rows 48]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_GOLDEN_TOLERANCE,
  GOLDEN_SCHEMA,
  goldenRows,
} from '../../src/domain/explain/golden';
import { predictBatch } from '../../src/domain/model/tree-ensemble';
import { inZone } from '../../src/domain/time/approach-zone';
import { parseModelManifest } from '../../src/protocol/model-manifest';
import { parseEnsemble } from '../predictor/model-files';
import { readJson, simulatedSessions } from './explain-support';

const { values } = parseArgs({
  options: {
    manifest: { type: 'string', default: 'public/models/break-predictor.manifest.json' },
    out: { type: 'string', default: 'public/artifacts/explain_golden.json' },
    seed: { type: 'string', default: '5' },
    rows: { type: 'string', default: '32' },
  },
});
const manifestPath = values.manifest ?? '';
const parsed = parseModelManifest(readJson(manifestPath));
if (!parsed.ok) throw new Error(`${manifestPath}: ${parsed.error}`);
const m = parsed.value;
if (m.ensemble_file === null)
  throw new Error(`${manifestPath}: no ensemble_file to compute the golden values`);
const ensemble = parseEnsemble(readJson(join(dirname(manifestPath), m.ensemble_file)));

// One level of a simulated session: its frames from 10 before its first in-zone frame up to the
// frame where the wanted number of in-zone frames is reached (the vectors need some history; the
// worker rebuilds them from exactly these frames).
const wanted = Number(values.rows);
const [session] = simulatedSessions(1, Number(values.seed), '2025-09-02');
const counts = new Map<string, number>();
for (const f of session.frames)
  if (inZone(f)) counts.set(f.level_kind, (counts.get(f.level_kind) ?? 0) + 1);
const kind = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
const levelFrames = session.frames.filter((f) => f.level_kind === kind);
const first = Math.max(0, levelFrames.findIndex((f) => inZone(f)) - 10);
let count = 0;
let end = levelFrames.length;
for (let i = first; i < levelFrames.length; i++) {
  if (inZone(levelFrames[i])) count++;
  if (count === wanted) {
    end = i + 1;
    break;
  }
}
// keep the in-zone frames and the 10 frames before each (the file stays small; the history the
// vectors see is the same here and in the worker)
const frames = levelFrames
  .slice(first, end)
  .filter((_, k, all) => all.slice(k, k + 11).some((f) => inZone(f)));
const { rows, seqs } = goldenRows(frames);
const out = predictBatch(ensemble, rows);
const golden = {
  schema: GOLDEN_SCHEMA,
  created_by: 'tools/explain/make-golden.ts',
  model_file: m.file,
  model_sha256: m.sha256,
  tolerance: DEFAULT_GOLDEN_TOLERANCE,
  source: `simulated session ${session.date} (seed ${values.seed}), ${kind}: its first ${count} in-zone frames and the 10 frames before each`,
  frames,
  expected: seqs.map((seq, i) => ({ seq, p_break: out[i] })),
};
const outPath = values.out ?? '';
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, JSON.stringify(golden) + '\n');
const ps = Array.from(out);
console.log(
  `wrote ${outPath}: ${frames.length} frames, ${seqs.length} golden rows for ${m.file} (p_break ${Math.min(...ps).toFixed(3)}…${Math.max(...ps).toFixed(3)})`,
);
