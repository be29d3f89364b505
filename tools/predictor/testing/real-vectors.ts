/**
 * Real episode vectors for tests: one simulated session pushed through the frame builder and the
 * EpisodeVectorBuilder exactly as the live path does (every frame in feed order), keeping the
 * vectors of active frames (in the approach zone or not).
 */
import { buildLevelFrames } from '../../../src/domain/frames/build-level-frames';
import { simulateMarketDay } from '../../../src/domain/sim/session-generator';
import { EpisodeVectorBuilder } from '../../../src/domain/vector/episode-vector-builder';
import { VECTOR_DIMENSION } from '../../../src/domain/vector/feature-table';

export function sessionVectors(date: string, seed: number, maxRows: number): Float32Array {
  const frames = buildLevelFrames(simulateMarketDay(date, seed).day);
  const builder = new EpisodeVectorBuilder();
  const v = new Float32Array(VECTOR_DIMENSION);
  const out: Float32Array[] = [];
  for (const f of [...frames].sort((a, b) => a.seq - b.seq)) {
    builder.push(f, v);
    if (f.level_active && out.length < maxRows) out.push(v.slice());
  }
  const rows = new Float32Array(out.length * VECTOR_DIMENSION);
  out.forEach((r, i) => rows.set(r, i * VECTOR_DIMENSION));
  return rows;
}
