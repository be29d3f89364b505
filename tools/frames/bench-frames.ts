/**
 * Benchmark of the frame builder: median milliseconds to build every frame of one day.
 *
 *   npm run bench:frames -- [--runs 15] [--trades-per-second 8] [--moving-averages] [--simulated]
 *
 * By default the days are the seeded synthetic days of src/domain/frames/testing (realistic sizes:
 * bars from 04:00, 1-s quotes and 10-s depth from 09:00, Poisson trades, same-day option trades);
 * with --simulated they come from the session simulator (src/domain/sim).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildLevelFrames } from '../../src/domain/frames/build-level-frames';
import { syntheticDay } from '../../src/domain/frames/testing/synthetic-day';
import { simulateMarketDay } from '../../src/domain/sim/session-generator';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    'trades-per-second': { type: 'string', default: '8' },
    'moving-averages': { type: 'boolean', default: false },
    simulated: { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(values.runs));
const tradesPerSecond = Number(values['trades-per-second']);
const includeMovingAverages = values['moving-averages'];

const days = [1, 2, 3].map((seed) =>
  values.simulated ? simulateMarketDay(`2025-11-0${seed + 2}`, seed).day : syntheticDay({ seed, tradesPerSecond }),
);
const sizes = days[0];
console.log(
  `${values.simulated ? 'simulated' : 'synthetic'} day: ${sizes.bars.length} bars, ${sizes.quotes.length} quotes, ${sizes.depth.length} depth snapshots, ` +
    `${sizes.trades.length} trades, ${sizes.optionTrades.length} option trades`,
);

// Warm-up so the JIT has compiled the hot paths before timing.
for (const day of days) buildLevelFrames(day, { includeMovingAverages });

const times: number[] = [];
const cpuTimes: number[] = [];
let frames = 0;
for (let r = 0; r < runs; r++) {
  const day = days[r % days.length];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  frames = buildLevelFrames(day, { includeMovingAverages }).length;
  times.push(performance.now() - t0);
  const cpu = process.cpuUsage(cpu0);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `buildLevelFrames: ${frames} frames/day, median ${median(times).toFixed(1)} ms/day wall, ` +
    `${median(cpuTimes).toFixed(1)} ms/day CPU over ${runs} runs` +
    (includeMovingAverages ? ', with moving averages' : '') +
    ` (load average ${loadavg()[0].toFixed(1)} on this machine: wall time grows with other work)`,
);
