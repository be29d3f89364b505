/**
 * Loads labelled episode rows for the predictor tools from either a simulator output folder
 * (the episodes are built in memory with the same code as `npm run episodes`) or an episodes
 * file written by `npm run episodes`, and selects the training view: resolved in-zone frames.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import { defaultManifestContent, manifestHash } from '../../src/domain/vector/feature-manifest';
import { buildSessionEpisodes } from '../dataset/build-episodes';
import { EPISODES_SCHEMA, type EpisodeRow, type EpisodesHeader } from '../dataset/episode-rows';
import { loadEpisodes, type LoadedEpisodes } from '../dataset/episodes-file';
import {
  listSessionDates,
  readSessionBars,
  readSessionFrames,
  readSessionTruth,
} from '../dataset/simulated-data';

/** What the simulator's manifest.json says about the data (null fields when unknown). */
export interface DataOrigin {
  readonly generatorName: string | null;
  readonly generatorVersion: string | null;
  readonly dataSeed: number | null;
  readonly source: string;
}

export interface TrainingEpisodes {
  readonly episodes: LoadedEpisodes;
  readonly origin: DataOrigin;
}

/** Parses `4min`, `4m` or `4` into minutes (2, 4 or 8). */
export function parseHorizon(text: string): number {
  const m = /^(\d+)\s*(?:min|m)?$/.exec(text.trim());
  const h = m === null ? Number.NaN : Number(m[1]);
  if (h !== 2 && h !== 4 && h !== 8) throw new Error(`bad horizon ${text}: use 2min, 4min or 8min`);
  return h;
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads DIR/manifest.json of a simulator output folder, if there is one. */
export function readDataOrigin(dir: string): DataOrigin {
  const path = join(dir, 'manifest.json');
  const none: DataOrigin = {
    generatorName: null,
    generatorVersion: null,
    dataSeed: null,
    source: dir,
  };
  if (!existsSync(path)) return none;
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isRecord(json) || json['schema'] !== 'pentaview-dataset/1') return none;
  const gen = json['generator'];
  const seed = json['seed'];
  return {
    generatorName: isRecord(gen) && typeof gen['name'] === 'string' ? gen['name'] : null,
    generatorVersion: isRecord(gen) && typeof gen['version'] === 'string' ? gen['version'] : null,
    dataSeed: typeof seed === 'number' && Number.isInteger(seed) ? seed : null,
    source: dir,
  };
}

/** Builds the in-zone episode rows of every session of a simulator folder, in memory. */
export function episodesFromSimulation(dir: string, horizonMin: number): LoadedEpisodes {
  const dates = listSessionDates(dir);
  if (dates.length === 0) throw new Error(`no sessions in ${dir}/sessions`);
  const rows: EpisodeRow[] = [];
  const chunks: Float32Array[] = [];
  for (const date of dates) {
    const { frames, invalid } = readSessionFrames(dir, date);
    if (invalid.length > 0)
      process.stderr.write(`${date}: ${invalid.length} invalid frame(s) skipped\n`);
    const session = buildSessionEpisodes(
      frames,
      readSessionBars(dir, date),
      readSessionTruth(dir, date),
      { horizonMin, firstRow: rows.length },
    );
    rows.push(...session.rows);
    chunks.push(session.vectors);
  }
  const dim = VECTOR_DIMENSION;
  const vectors = new Float32Array(rows.length * dim);
  let offset = 0;
  for (const c of chunks) {
    vectors.set(c, offset);
    offset += c.length;
  }
  const header: EpisodesHeader = {
    schema: EPISODES_SCHEMA,
    horizon_min: horizonMin,
    dimension: dim,
    count: rows.length,
    vectors_file: '',
    feature_manifest_hash: manifestHash(defaultManifestContent()),
    all_frames: false,
    sessions: dates,
    source: dir,
  };
  return { header, rows, vectors, vector: (i) => vectors.subarray(i * dim, (i + 1) * dim) };
}

/**
 * `path` is a simulator output folder (its episodes are built at `horizonMin`) or an episodes
 * .ndjson file (its header's horizon must equal `horizonMin`).
 */
export function loadTrainingEpisodes(path: string, horizonMin: number): TrainingEpisodes {
  if (!existsSync(path)) throw new Error(`${path} does not exist`);
  if (statSync(path).isDirectory()) {
    return { episodes: episodesFromSimulation(path, horizonMin), origin: readDataOrigin(path) };
  }
  const episodes = loadEpisodes(path);
  if (episodes.header.horizon_min !== horizonMin) {
    throw new Error(
      `${path} is labelled at ${episodes.header.horizon_min} min, not ${horizonMin} min`,
    );
  }
  const src = episodes.header.source;
  const origin = existsSync(src) ? readDataOrigin(src) : readDataOrigin(join(path, '..'));
  return { episodes, origin: { ...origin, source: src } };
}

/** The training view: resolved (BREAK = 1, REJECT = 0) in-zone frames. */
export interface ResolvedFrames {
  /** n × 144 row-major. */
  readonly rows: Float32Array;
  readonly labels: Uint8Array;
  readonly dates: readonly string[];
  /** The episode rows behind each selected frame. */
  readonly meta: readonly EpisodeRow[];
  /** The generator's P(BREAK) at the horizon per frame (NaN without truth). */
  readonly truth: Float64Array;
}

export function resolvedInZoneFrames(ds: LoadedEpisodes): ResolvedFrames {
  const h = String(ds.header.horizon_min);
  const meta = ds.rows.filter((r) => r.in_zone && r.outcome !== 'CHOP');
  const dim = ds.header.dimension;
  const rows = new Float32Array(meta.length * dim);
  meta.forEach((r, i) => rows.set(ds.vector(r.row), i * dim));
  return {
    rows,
    labels: Uint8Array.from(meta, (r) => (r.outcome === 'BREAK' ? 1 : 0)),
    dates: meta.map((r) => r.date),
    meta,
    truth: Float64Array.from(meta, (r) => r.truth?.p_break[h] ?? Number.NaN),
  };
}

/** Rows `idx` of a ResolvedFrames. */
export function subsetFrames(f: ResolvedFrames, idx: ArrayLike<number>): ResolvedFrames {
  const dim = f.rows.length / Math.max(1, f.labels.length) || VECTOR_DIMENSION;
  const n = idx.length;
  const rows = new Float32Array(n * dim);
  const labels = new Uint8Array(n);
  const truth = new Float64Array(n);
  const dates: string[] = [];
  const meta: EpisodeRow[] = [];
  for (let k = 0; k < n; k++) {
    const i = idx[k];
    rows.set(f.rows.subarray(i * dim, (i + 1) * dim), k * dim);
    labels[k] = f.labels[i];
    truth[k] = f.truth[i];
    dates.push(f.dates[i]);
    meta.push(f.meta[i]);
  }
  return { rows, labels, dates, meta, truth };
}
