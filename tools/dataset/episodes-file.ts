import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import { EpisodeRow, EpisodesHeader, parseEpisodeRow, parseEpisodesHeader } from './episode-rows';

/**
 * The episodes dataset on disk (docs/labels.md): FILE.ndjson holds a header line then one row per
 * labelled frame; FILE.f32 beside it holds the vectors, row-major, little-endian Float32.
 */
export function vectorsPathFor(ndjsonPath: string): string {
  return ndjsonPath.replace(/\.ndjson$/, '') + '.f32';
}

export function writeEpisodes(
  path: string,
  header: Omit<EpisodesHeader, 'vectors_file' | 'count'>,
  rows: readonly EpisodeRow[],
  vectors: Float32Array,
): EpisodesHeader {
  if (vectors.length !== rows.length * header.dimension)
    throw new Error(
      `expected ${rows.length} × ${header.dimension} vector values, got ${vectors.length}`,
    );
  const vectorsPath = vectorsPathFor(path);
  const full: EpisodesHeader = {
    ...header,
    count: rows.length,
    vectors_file: basename(vectorsPath),
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, [full, ...rows].map((x) => JSON.stringify(x)).join('\n') + '\n');
  const bytes = Buffer.alloc(vectors.length * 4);
  for (let i = 0; i < vectors.length; i++) bytes.writeFloatLE(vectors[i], i * 4);
  writeFileSync(vectorsPath, bytes);
  return full;
}

export interface LoadedEpisodes {
  readonly header: EpisodesHeader;
  readonly rows: readonly EpisodeRow[];
  /** rows.length × dimension, row-major. */
  readonly vectors: Float32Array;
  /** The vector of row i (a view, not a copy). */
  vector(i: number): Float32Array;
}

/** Loads and validates an episodes dataset written by `npm run episodes`. */
export function loadEpisodes(path: string): LoadedEpisodes {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new Error(`${path}: empty`);
  const header = parseEpisodesHeader(JSON.parse(lines[0]));
  if (typeof header === 'string') throw new Error(`${path}: ${header}`);
  if (header.dimension !== VECTOR_DIMENSION)
    throw new Error(`${path}: dimension ${header.dimension}, expected ${VECTOR_DIMENSION}`);
  const rows: EpisodeRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const row = parseEpisodeRow(JSON.parse(lines[i]));
    if (typeof row === 'string') throw new Error(`${path} line ${i + 1}: ${row}`);
    if (row.row !== i - 1)
      throw new Error(`${path} line ${i + 1}: row ${row.row}, expected ${i - 1}`);
    rows.push(row);
  }
  if (rows.length !== header.count)
    throw new Error(`${path}: header says ${header.count} rows, found ${rows.length}`);
  const bytes = readFileSync(join(dirname(path), header.vectors_file));
  if (bytes.length !== rows.length * header.dimension * 4)
    throw new Error(
      `${header.vectors_file}: ${bytes.length} bytes, expected ${rows.length * header.dimension * 4}`,
    );
  const vectors = new Float32Array(rows.length * header.dimension);
  for (let i = 0; i < vectors.length; i++) vectors[i] = bytes.readFloatLE(i * 4);
  const dim = header.dimension;
  return { header, rows, vectors, vector: (i) => vectors.subarray(i * dim, (i + 1) * dim) };
}

export interface BinaryEpisodes {
  /** n × 144 row-major vectors of the selected rows. */
  readonly rows: Float32Array;
  /** 1 = BREAK, 0 = REJECT. */
  readonly labels: Uint8Array;
  /** Session date of each selected row (for folds grouped by day). */
  readonly dates: readonly string[];
  /** Index of each selected row in the loaded dataset. */
  readonly source: readonly number[];
}

/**
 * The training view of an episodes dataset (domain §4): CHOP rows are dropped, BREAK → 1,
 * REJECT → 0. `include` narrows the rows further (e.g. `(r) => r.episode_start`).
 */
export function toBinaryEpisodes(
  ds: LoadedEpisodes,
  include: (row: EpisodeRow) => boolean = () => true,
): BinaryEpisodes {
  const picked = ds.rows.filter((r) => r.outcome !== 'CHOP' && include(r));
  const dim = ds.header.dimension;
  const rows = new Float32Array(picked.length * dim);
  picked.forEach((r, i) => rows.set(ds.vector(r.row), i * dim));
  return {
    rows,
    labels: Uint8Array.from(picked, (r) => (r.outcome === 'BREAK' ? 1 : 0)),
    dates: picked.map((r) => r.date),
    source: picked.map((r) => r.row),
  };
}
