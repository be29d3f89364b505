import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildLevelFrames } from '../../src/domain/frames/build-level-frames';
import { LevelFrame } from '../../src/domain/frame/level-frame';
import {
  barrierWeaknessCause,
  cleanSetupCause,
  flowAccelerationCause,
  orderFlowCause,
  touchHistoryCause,
} from '../../src/domain/sim/planted-causes';
import { simulateMarketDay } from '../../src/domain/sim/session-generator';
import type { SimulatedSession } from '../../src/domain/sim/session-types';
import { evaluateReading } from '../../src/domain/vector/driver-reading';
import { EpisodeVectorBuilder } from '../../src/domain/vector/episode-vector-builder';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import { DEFAULT_DRIVERS } from '../../src/domain/vector/default-drivers';

const CLEAN_SETUP = DEFAULT_DRIVERS.find((d) => d.name === 'Clean Setup');

let cached: { session: SimulatedSession; frames: LevelFrame[] } | null = null;
const day = (): { session: SimulatedSession; frames: LevelFrame[] } => {
  if (!cached) {
    const session = simulateMarketDay('2025-01-08', 3);
    cached = { session, frames: buildLevelFrames(session.day, { movingAverageContext: true }) };
  }
  return cached;
};

describe('planted causes', () => {
  it('are what the frames and vectors of the engaged level read', () => {
    const { session, frames } = day();
    const builder = new EpisodeVectorBuilder();
    const vector = new Float32Array(VECTOR_DIMENSION);
    const cleanliness = new Map<string, number>();
    const byKey = new Map<string, LevelFrame>();
    for (const f of frames) {
      builder.push(f, vector);
      const key = `${f.ts}|${f.level_kind}`;
      byKey.set(key, f);
      if (CLEAN_SETUP)
        cleanliness.set(key, evaluateReading(CLEAN_SETUP.reading, vector, f.direction));
    }
    const engaged = session.truth.filter((r) => r.engaged);
    assert.ok(engaged.length > 100, `only ${engaged.length} engaged records`);
    let crossed = 0;
    for (const r of engaged) {
      const key = `${r.ts}|${r.level_kind}`;
      const f = byKey.get(key);
      assert.ok(f, `no frame for ${key}`);
      const dir = r.engaged_direction === 'UP' ? 1 : -1;
      const side = f.direction === r.engaged_direction ? 1 : -1;
      if (side < 0) crossed++;
      const c = r.causes;
      assert.equal(c.orderFlow, orderFlowCause(dir, f.ofi_60s), `order flow at ${key}`);
      assert.equal(c.flowAcceleration, flowAccelerationCause(dir, f.ofi_acceleration), key);
      assert.equal(c.barrierWeakness, barrierWeaknessCause(side, f.barrier_delta_liq), key);
      assert.equal(c.touchHistory, touchHistoryCause(f.attempt_index), `touches at ${key}`);
      const reading = cleanliness.get(key) ?? NaN;
      assert.ok(Math.abs(c.cleanSetup - cleanSetupCause(reading)) < 1e-9, `clean setup at ${key}`);
    }
    assert.ok(crossed > 0, 'no engaged frame after a cross of the level');
  });

  it('fill the wall when price trades through the level, so a cross does not move it across the book', () => {
    const { session, frames } = day();
    const byKey = new Map(frames.map((f) => [`${f.ts}|${f.level_kind}`, f]));
    const crossed = session.truth
      .filter((r) => r.engaged && r.direction !== r.engaged_direction)
      .map((r) => byKey.get(`${r.ts}|${r.level_kind}`)?.barrier_delta_liq ?? 0);
    assert.ok(crossed.length > 0);
    // Without the fill, the wall (about 2,000 contracts) would switch sides and dominate.
    const median = [...crossed].sort((a, b) => a - b)[Math.floor(crossed.length / 2)] ?? 0;
    assert.ok(Math.abs(median) < 1000, `median delta after a cross ${median}`);
  });
});
