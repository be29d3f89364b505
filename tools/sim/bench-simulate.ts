/**
 * npm run bench:simulate [-- --days 60 --runs 3 --workers 2]
 *
 * Times `simulate` end to end (generation, frame building, serialisation, files) for N days into
 * a temporary directory and prints every run and the median.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runSimulation } from './simulation-runner';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      days: { type: 'string', default: '60' },
      runs: { type: 'string', default: '3' },
      workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
      gzip: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const days = Number(values.days);
  const runs = Number(values.runs);
  const workers = Number(values.workers);
  const seconds: number[] = [];
  for (let r = 0; r < runs; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'pv-bench-sim-'));
    try {
      const started = performance.now();
      await runSimulation({
        days,
        seed: 20250106 + r,
        start: '2025-01-06',
        outDir: dir,
        gzip: values.gzip,
        workers,
      });
      seconds.push((performance.now() - started) / 1000);
      process.stdout.write(
        `run ${r + 1}/${runs}: ${days} days in ${(seconds.at(-1) ?? 0).toFixed(1)} s\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  process.stdout.write(
    `simulate ${days} days (${workers} worker${workers === 1 ? '' : 's'}, gzip ${values.gzip ? 'on' : 'off'}): median ${median.toFixed(1)} s over ${runs} run${runs === 1 ? '' : 's'} (target ≤ 60 s)\n`,
  );
}

void main();
