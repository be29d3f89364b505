/**
 * The project's own inputs: a simulator output folder (episodes built in memory with the same
 * code as `npm run episodes`, labels at the requested horizon) and an episodes file written by
 * `npm run episodes` (FILE.ndjson + FILE.f32). `sessionAnalysisRows` turns one session's frames
 * and bars into analysis rows; the folder loader and the simulator-based tests both use it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LevelFrame } from '../../src/domain/frame/level-frame';
import type { PriceBar10s } from '../../src/domain/market/price-bar';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import { buildSessionEpisodes } from '../dataset/build-episodes';
import { parseEpisodeRow, parseEpisodesHeader, type EpisodeRow } from '../dataset/episode-rows';
import { listSessionDates, readSessionBars, readSessionFrames } from '../dataset/simulated-data';
import {
  BadRowCounter,
  hashFiles,
  inRange,
  type AnalysisRow,
  type LoadOptions,
  type LoadedInput,
} from './input-common';

/** An episodes row (as `npm run episodes` writes it) and its vector, as an analysis row. */
function analysisRow(r: EpisodeRow, vector: Float32Array): AnalysisRow {
  return {
    date: r.date,
    ts: r.ts,
    tMs: r.t_ms,
    levelKind: r.level_kind,
    direction: r.direction,
    bucket: r.bucket,
    outcome: r.outcome,
    episodeStart: r.episode_start,
    vector,
  };
}

/**
 * The labelled in-zone rows of one session (every in-zone active frame, `episodeStart` on the
 * first frame of each episode), labelled at `horizonMin` from the 10-s bars, as `npm run
 * episodes` builds them. Unsorted: loaders sort with `compareRows`.
 */
export function sessionAnalysisRows(
  frames: readonly LevelFrame[],
  bars: readonly PriceBar10s[],
  horizonMin: number,
): AnalysisRow[] {
  const session = buildSessionEpisodes(frames, bars, new Map(), { horizonMin });
  return session.rows.map((r, i) =>
    analysisRow(r, session.vectors.slice(i * VECTOR_DIMENSION, (i + 1) * VECTOR_DIMENSION)),
  );
}

export function loadSimulator(dir: string, o: LoadOptions): LoadedInput {
  const dates = listSessionDates(dir).filter((d) => inRange(d, o));
  const bad = new BadRowCounter();
  const rows: AnalysisRow[] = [];
  const files: string[] = [];
  let rowsRead = 0;
  dates.forEach((date, k) => {
    o.onProgress?.(k, dates.length, `session ${date}`);
    const { frames, invalid } = readSessionFrames(dir, date);
    rowsRead += frames.length + invalid.length;
    for (const inv of invalid)
      bad.add(
        inv.line,
        `${date} frame: ${inv.errors[0]?.field ?? '?'} ${inv.errors[0]?.reason ?? ''}`.trim(),
      );
    const bars = readSessionBars(dir, date);
    for (const suffix of ['frames', 'bars']) {
      const p = join(dir, 'sessions', `${date}.${suffix}.ndjson`);
      files.push(existsSync(p) ? p : `${p}.gz`);
    }
    for (const row of sessionAnalysisRows(frames, bars, o.horizonMin)) rows.push(row);
  });
  o.onProgress?.(dates.length, dates.length, 'sessions read');
  return {
    kind: 'simulator',
    rows,
    rowsRead,
    bad: bad.result(),
    inputHash: hashFiles(files),
    horizonMin: o.horizonMin,
    featuresPresent: VECTOR_DIMENSION,
  };
}

export function loadEpisodesFile(path: string, o: LoadOptions): LoadedInput {
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = parseEpisodesHeader(JSON.parse(lines[0]));
  if (typeof header === 'string') throw new Error(`${path}: ${header}`);
  if (header.dimension !== VECTOR_DIMENSION)
    throw new Error(`${path}: dimension ${header.dimension}, expected ${VECTOR_DIMENSION}`);
  const vectorsPath = join(dirname(path), header.vectors_file);
  const bytes = readFileSync(vectorsPath);
  const nVectors = Math.floor(bytes.length / (4 * VECTOR_DIMENSION));
  const bad = new BadRowCounter();
  const rows: AnalysisRow[] = [];
  let rowsRead = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    rowsRead++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(lines[i]);
    } catch {
      bad.add(i + 1, 'not JSON');
      continue;
    }
    const r = parseEpisodeRow(parsed);
    if (typeof r === 'string') {
      bad.add(i + 1, r);
      continue;
    }
    if (!Number.isInteger(r.row) || r.row < 0 || r.row >= nVectors) {
      bad.add(i + 1, 'row: no vector in the .f32 file');
      continue;
    }
    if (!inRange(r.date, o) || !r.in_zone) continue;
    const vector = new Float32Array(VECTOR_DIMENSION);
    for (let j = 0; j < VECTOR_DIMENSION; j++)
      vector[j] = bytes.readFloatLE((r.row * VECTOR_DIMENSION + j) * 4);
    rows.push(analysisRow(r, vector));
  }
  return {
    kind: 'episodes',
    rows,
    rowsRead,
    bad: bad.result(),
    inputHash: hashFiles([path, vectorsPath]),
    horizonMin: header.horizon_min,
    featuresPresent: VECTOR_DIMENSION,
  };
}
