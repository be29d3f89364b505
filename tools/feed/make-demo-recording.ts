/**
 * npm run demo:recording [-- --out public/demo]
 *
 * Writes the embedded demo recording (DEMO_DATE, DEMO_SEED) as OUT/demo-session.ndjson.gz and its
 * description OUT/index.json. Same generator version → identical bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_FILE, buildDemoRecording } from './demo-recording';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'public/demo' } },
  strict: true,
});
const out = values.out;
const demo = buildDemoRecording();
mkdirSync(out, { recursive: true });
writeFileSync(join(out, DEMO_FILE), demo.gzip);
writeFileSync(join(out, 'index.json'), JSON.stringify(demo.index, null, 2) + '\n');
const s = demo.index;
process.stderr.write(
  `demo:recording: ${s.date} seed ${s.seed}: ${s.frames} frames, ${s.ticks} ticks, ${s.bytes} bytes → ${join(out, DEMO_FILE)}\n`,
);
