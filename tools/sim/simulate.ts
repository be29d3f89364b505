/**
 * npm run simulate -- --days N --seed S --start YYYY-MM-DD --out DIR [--gzip] [--workers W]
 *
 * Simulates N weekday sessions and writes per session the level frames, the 10-s bars and the
 * generator's ground truth, plus DIR/manifest.json (docs/data-formats.md). Same arguments →
 * identical bytes. Progress goes to stderr.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { runSimulation } from './simulation-runner';

function main(): void {
  const { values } = parseArgs({
    options: {
      days: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      start: { type: 'string', default: '2025-01-06' },
      out: { type: 'string', default: 'data/sim' },
      gzip: { type: 'boolean', default: false },
      workers: { type: 'string' },
    },
    strict: true,
  });
  const days = Number(values.days);
  const seed = Number(values.seed);
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`--days must be a positive integer: ${values.days}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new Error(`--seed must be an integer in 0…2^32−1: ${values.seed}`);
  const workers =
    values.workers === undefined ? Math.min(2, availableParallelism()) : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0)
    throw new Error(`--workers must be a non-negative integer: ${values.workers}`);
  const started = performance.now();
  runSimulation(
    { days, seed, start: values.start, outDir: values.out, gzip: values.gzip, workers },
    (done, total, date) => process.stderr.write(`simulate: ${done}/${total} ${date}\n`),
  ).then(
    (manifest) => {
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(
        `simulate: ${manifest.counts.sessions} sessions, ${manifest.counts.frames} frames, ${manifest.counts.truth} truth records in ${seconds.toFixed(1)} s → ${values.out}\n`,
      );
    },
    (error: unknown) => {
      process.stderr.write(
        `simulate failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}

main();
