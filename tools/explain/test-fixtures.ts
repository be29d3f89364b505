/**
 * Fixtures of the explanation tests: simulated frames with their vectors, and a seeded random tree
 * ensemble whose thresholds are drawn from the data (so every driver matters and drivers interact).
 */
import type { LevelFrame } from '../../src/domain/frame/level-frame';
import { DecisionTree, TreeEnsemble } from '../../src/domain/model/tree-ensemble';
import { inZone } from '../../src/domain/time/approach-zone';
import { timeBucket } from '../../src/domain/time/time-bucket';
import { EpisodeVectorBuilder } from '../../src/domain/vector/episode-vector-builder';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import { LabelledVector, simulatedSessions } from './explain-support';

/** Mulberry32. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimulatedFixture {
  readonly sessions: { date: string; frames: LevelFrame[] }[];
  /** In-zone vectors of every session (label unknown). */
  readonly samples: LabelledVector[];
}

export function simulatedFixture(days: number, seed: number): SimulatedFixture {
  const sessions = simulatedSessions(days, seed);
  const samples: LabelledVector[] = [];
  for (const s of sessions) {
    const builder = new EpisodeVectorBuilder();
    for (const f of s.frames) {
      const v = builder.push(f);
      if (inZone(f)) {
        samples.push({
          levelKind: f.level_kind,
          bucket: timeBucket(f.minutes_since_open),
          direction: f.direction,
          vector: v,
          label: null,
        });
      }
    }
  }
  return { sessions, samples };
}

/** Full binary trees of `depth` splits on random features at thresholds taken from random sample rows. */
export function dataDrivenEnsemble(
  samples: readonly LabelledVector[],
  nTrees: number,
  depth: number,
  seed: number,
): TreeEnsemble {
  const r = rng(seed);
  const trees: DecisionTree[] = [];
  for (let t = 0; t < nTrees; t++) {
    const feature: number[] = [];
    const threshold: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const value: number[] = [];
    const grow = (d: number): number => {
      const id = feature.length;
      feature.push(-1);
      threshold.push(0);
      left.push(-1);
      right.push(-1);
      value.push(0);
      if (d === depth) {
        value[id] = (r() - 0.5) * 0.8;
        return id;
      }
      const f = Math.floor(r() * VECTOR_DIMENSION);
      const row = samples[Math.floor(r() * samples.length)];
      feature[id] = f;
      threshold[id] = Math.fround(row.vector[f]);
      left[id] = grow(d + 1);
      right[id] = grow(d + 1);
      return id;
    };
    grow(0);
    trees.push({ feature, threshold, left, right, value });
  }
  return {
    nFeatures: VECTOR_DIMENSION,
    aggregate: 'SUM',
    postTransform: 'LOGISTIC',
    baseScore: -0.2,
    trees,
  };
}
