/**
 * Runs the planted-effects design (simulated-sessions.ts PLANTED_DESIGN, the one
 * planted-effects.test.ts checks at a fixed seed) over several simulator seeds and prints, per
 * seed and dataset, the highest-break bucket and every hypothesised pair's BH q-value
 * (* = significant), then how often each finding came out as planted.
 *
 *   npx tsx tools/analysis/planted-effects-sweep.ts [--seeds 1-10]
 */
import { parseArgs } from 'node:util';
import { discoverInteractions, HYPOTHESIZED_PAIRS } from './interactions';
import { PLANTED_ARGS, PLANTED_DESIGN, simulatedInput } from './simulated-sessions';
import { analyzeTimeStratification } from './time-stratification';

function field(v: unknown, ...keys: string[]): unknown {
  let x = v;
  for (const k of keys) {
    if (typeof x !== 'object' || x === null) return undefined;
    x = new Map(Object.entries(x)).get(k);
  }
  return x;
}

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1-10' } } });
const m = /^(\d+)-(\d+)$/.exec(values.seeds ?? '1-10');
if (m === null) throw new Error('--seeds FIRST-LAST');
const seeds: number[] = [];
for (let s = Number(m[1]); s <= Number(m[2]); s++) seeds.push(s);

const tally = {
  bucketA: 0,
  bucketB: 0,
  plantedA: 0,
  plantedB: 0,
  unplantedTests: 0,
  unplantedFp: 0,
};
for (const seed of seeds) {
  for (const name of ['a', 'b'] as const) {
    const design = PLANTED_DESIGN[name];
    const input = simulatedInput({
      days: PLANTED_DESIGN.days,
      seed,
      start: PLANTED_DESIGN.start,
      params: design.params,
    });
    const stats = field(analyzeTimeStratification(PLANTED_ARGS, input), 'time_bucket_stats');
    const rates = Object.entries(typeof stats === 'object' && stats !== null ? stats : {}).map(
      ([bucket, v]) => ({ bucket, rate: Number(field(v, 'break_rate')) }),
    );
    const best = rates.sort((x, y) => y.rate - x.rate)[0]?.bucket;
    const hyp = field(discoverInteractions(PLANTED_ARGS, input), 'hypothesized_interactions');
    const cells = HYPOTHESIZED_PAIRS.map((p) => {
      const q = Number(field(hyp, p.key, 'q_value'));
      const sig = field(hyp, p.key, 'significant') === true;
      return { key: p.key, q, sig };
    });
    const planted = cells.find((c) => c.key === PLANTED_DESIGN.planted);
    if (best === design.highest) tally[name === 'a' ? 'bucketA' : 'bucketB']++;
    if (planted?.sig === true) tally[name === 'a' ? 'plantedA' : 'plantedB']++;
    for (const c of cells) {
      if (!(PLANTED_DESIGN.unplanted as readonly string[]).includes(c.key)) continue;
      tally.unplantedTests++;
      if (c.sig) tally.unplantedFp++;
    }
    console.log(
      `seed ${String(seed).padStart(3)} ${name.toUpperCase()}: highest ${String(best).padEnd(8)} ` +
        cells.map((c) => `${c.key} q ${c.q.toFixed(3)}${c.sig ? '*' : ' '}`).join('  '),
    );
  }
}
const n = seeds.length;
console.log(
  `\n${n} seeds: A highest = ${PLANTED_DESIGN.a.highest} ${tally.bucketA}/${n}, ` +
    `B highest = ${PLANTED_DESIGN.b.highest} ${tally.bucketB}/${n}; ` +
    `${PLANTED_DESIGN.planted} significant in A (planted) ${tally.plantedA}/${n}, ` +
    `in B (coefficient 0) ${tally.plantedB}/${n}; ` +
    `unplanted pairs significant ${tally.unplantedFp} of ${tally.unplantedTests} tests (A and B)`,
);
