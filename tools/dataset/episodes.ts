/**
 * Builds the labelled episodes dataset from simulator output (docs/labels.md).
 *
 * Usage: npm run episodes -- --data DIR [--horizon 4min] [--out FILE.ndjson] [--all-frames]
 *   --data        simulator output folder (DIR/sessions, DIR/truth)
 *   --horizon     2min | 4min | 8min (default 4min): horizon of `outcome` (all three are in `outcomes`)
 *   --out         output .ndjson (default DIR/episodes-<H>min.ndjson); vectors go to the .f32 beside it
 *   --all-frames  also write active frames outside the approach zone (in_zone false)
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import { manifestHash, defaultManifestContent } from '../../src/domain/vector/feature-manifest';
import { EPISODES_SCHEMA, EpisodeRow } from './episode-rows';
import { buildSessionEpisodes } from './build-episodes';
import { writeEpisodes } from './episodes-file';
import { labelCalibration, outcomeShares } from './episodes-summary';
import {
  listSessionDates,
  readSessionBars,
  readSessionFrames,
  readSessionTruth,
} from './simulated-data';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    horizon: { type: 'string', default: '4min' },
    out: { type: 'string' },
    'all-frames': { type: 'boolean', default: false },
  },
});
if (values.data === undefined) {
  console.error(
    'usage: npm run episodes -- --data DIR [--horizon 4min] [--out FILE.ndjson] [--all-frames]',
  );
  process.exit(2);
}
const m = /^(\d+(?:\.\d+)?)\s*(?:min|m)?$/.exec(values.horizon ?? '4min');
const horizonMin = m === null ? Number.NaN : Number(m[1]);
if (!(horizonMin > 0)) {
  console.error(`bad --horizon ${values.horizon}; use e.g. 4min`);
  process.exit(2);
}
const dir = values.data;
const out = values.out ?? join(dir, `episodes-${horizonMin}min.ndjson`);
const allFrames = values['all-frames'] === true;

const started = Date.now();
const dates = listSessionDates(dir);
if (dates.length === 0) {
  console.error(`no sessions in ${dir}/sessions`);
  process.exit(1);
}
const rows: EpisodeRow[] = [];
const chunks: Float32Array[] = [];
let invalidFrames = 0;
let framesRead = 0;
let truthMissing = 0;
for (const date of dates) {
  const { frames, invalid } = readSessionFrames(dir, date);
  framesRead += frames.length + invalid.length;
  if (invalid.length > 0) {
    invalidFrames += invalid.length;
    const first = invalid[0];
    console.warn(
      `${date}: ${invalid.length} invalid frame(s) skipped; line ${first.line}: ${first.errors
        .slice(0, 3)
        .map((e) => `${e.field} ${e.reason}`)
        .join('; ')}`,
    );
  }
  const bars = readSessionBars(dir, date);
  const truth = readSessionTruth(dir, date);
  const session = buildSessionEpisodes(frames, bars, truth, {
    horizonMin,
    allFrames,
    firstRow: rows.length,
  });
  for (const r of session.rows) if (r.in_zone && r.truth === null && truth.size > 0) truthMissing++;
  rows.push(...session.rows);
  chunks.push(session.vectors);
}
const vectors = new Float32Array(rows.length * VECTOR_DIMENSION);
let offset = 0;
for (const c of chunks) {
  vectors.set(c, offset);
  offset += c.length;
}
writeEpisodes(
  out,
  {
    schema: EPISODES_SCHEMA,
    horizon_min: horizonMin,
    dimension: VECTOR_DIMENSION,
    feature_manifest_hash: manifestHash(defaultManifestContent()),
    all_frames: allFrames,
    sessions: dates,
    source: dir,
  },
  rows,
  vectors,
);

const inZoneRows = rows.filter((r) => r.in_zone);
const starts = rows.filter((r) => r.episode_start);
const fmt = (x: Record<string, number>) =>
  Object.entries(x)
    .map(([k, v]) => `${k} ${v.toFixed(1)}%`)
    .join('  ');
console.log(
  `sessions ${dates.length}, frames read ${framesRead} (${invalidFrames} invalid), rows ${rows.length} (${inZoneRows.length} in zone), episodes ${starts.length}`,
);
console.log(`in-zone outcomes @${horizonMin}min: ${fmt(outcomeShares(inZoneRows))}`);
console.log(`episode outcomes @${horizonMin}min: ${fmt(outcomeShares(starts))}`);
console.log(
  `horizon not covered: ${rows.filter((r) => !r.horizon_covered).length}; in-zone rows without truth: ${truthMissing}`,
);
const horizonKey = horizonMin === 2 ? '2' : horizonMin === 8 ? '8' : horizonMin === 4 ? '4' : null;
if (horizonKey !== null && rows.some((r) => r.truth !== null)) {
  console.log(
    `labels vs truth p_break @${horizonKey}min (observed P(BREAK | BREAK or REJECT) per truth bin):`,
  );
  for (const b of labelCalibration(rows, horizonKey)) {
    const obs = b.observed === null ? '   –' : b.observed.toFixed(2);
    const mean = b.meanTruth === null ? '   –' : b.meanTruth.toFixed(2);
    console.log(
      `  p_break [${b.from.toFixed(1)}, ${b.to.toFixed(1)}${b.to === 1 ? ']' : ')'}  n ${String(b.n).padStart(6)}  observed ${obs}  mean truth ${mean}`,
    );
  }
}
console.log(`wrote ${out} and its .f32 in ${((Date.now() - started) / 1000).toFixed(1)} s`);
