import { LEVEL_KINDS, LevelFrame } from '../../src/domain/frame/level-frame';
import { sampleLevelFrame } from '../../src/domain/frame/sample-level-frame';

/**
 * A plausible session of frames for benchmarks and tests: a seeded random-walk spot, four levels,
 * 361 frames each (09:30:00 … 12:30:00, every 30 s), interleaved by time as a feed delivers them.
 */
export function syntheticSession(
  seed = 1,
  sessionDate = '2025-11-03',
  levelCount = 4,
): LevelFrame[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const openMs = Date.parse(`${sessionDate}T14:30:00.000Z`);
  const kinds = LEVEL_KINDS.slice(0, levelCount);
  const levels = kinds.map((_, i) => 6000 + (i - 1.5) * 8);
  const frames: LevelFrame[] = [];
  let spot = 6000;
  for (let step = 0; step <= 360; step++) {
    spot += (rand() - 0.5) * 2;
    const minutes = step / 2;
    kinds.forEach((kind, li) => {
      const level = levels[li];
      const atr = 3 + rand();
      const active = !kind.startsWith('OR_') || minutes >= 15;
      frames.push(
        sampleLevelFrame({
          seq: frames.length,
          ts: new Date(openMs + step * 30_000).toISOString(),
          session_date: sessionDate,
          minutes_since_open: minutes,
          level_kind: kind,
          level_price: level,
          level_active: active,
          direction: spot < level ? 'UP' : 'DOWN',
          spot,
          atr,
          distance_signed_atr: (spot - level) / atr,
          tape_imbalance: rand() * 2 - 1,
          tape_velocity: (rand() - 0.5) / 10,
          ofi_60s: Math.round((rand() - 0.5) * 400),
          barrier_delta_liq: Math.round((rand() - 0.5) * 300),
          wall_ratio: rand() * 3,
          gamma_exposure: (rand() - 0.5) * 5000,
          barrier_depth_current: Math.round(rand() * 2000),
        }),
      );
    });
  }
  return frames;
}
