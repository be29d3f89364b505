/**
 * npm run bench:analyses [-- --data data/sim60 --seed 1 --runs 1]
 * Times each analysis end to end in this process (loading and episode building included) on the
 * given data, plus interactions with --discover-all, and prints wall and CPU seconds. Targets on
 * 60 simulated days, 2 cores: each analysis ≤ 120 s, discover-all ≤ 600 s. Nothing is written.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { parseAnalysisArgs } from './common';
import { discoverInteractions } from './interactions';
import { analyzeLevelSpecificity } from './level-specificity';
import { analyzeTimeStratification } from './time-stratification';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'data/sim60' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '1' },
  },
});
const runs = Math.max(1, Number(values.runs));
const base = ['--data', values.data ?? 'data/sim60', '--seed', values.seed ?? '1', '--quiet'];
const cases: { name: string; target: number; run: () => unknown }[] = [
  {
    name: 'time-stratification',
    target: 120,
    run: () => analyzeTimeStratification(parseAnalysisArgs(base, '-')),
  },
  {
    name: 'level-specificity',
    target: 120,
    run: () => analyzeLevelSpecificity(parseAnalysisArgs(base, '-')),
  },
  {
    name: 'interactions (hypothesised)',
    target: 120,
    run: () => discoverInteractions(parseAnalysisArgs(base, '-')),
  },
  {
    name: 'interactions --discover-all',
    target: 600,
    run: () => discoverInteractions(parseAnalysisArgs([...base, '--discover-all'], '-')),
  },
];
console.log(
  `data ${values.data}, seed ${values.seed}, ${runs} run(s) each, ${cpus().length} cores, Node ${process.version}`,
);
for (const c of cases) {
  const walls: number[] = [];
  let cpu = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const u0 = process.cpuUsage();
    c.run();
    const u = process.cpuUsage(u0);
    walls.push((performance.now() - t0) / 1000);
    cpu = (u.user + u.system) / 1e6;
  }
  walls.sort((a, b) => a - b);
  const median = walls[Math.floor(walls.length / 2)];
  console.log(
    `${c.name.padEnd(30)} median ${median.toFixed(1).padStart(6)} s wall (runs ${walls.map((w) => w.toFixed(1)).join(' / ')}), last run ${cpu.toFixed(1)} s CPU, target ≤ ${c.target} s ${median <= c.target ? 'OK' : 'OVER'}`,
  );
}
