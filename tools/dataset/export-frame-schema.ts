/**
 * Writes docs/frame.schema.json (JSON Schema draft 2020-12 of `level-frame/1`) from the field table
 * the validator uses. Usage: npm run schema:frame [-- --out FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { frameJsonSchema } from './frame-json-schema';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'docs/frame.schema.json' } },
});
const out = values.out ?? 'docs/frame.schema.json';
writeFileSync(out, `${JSON.stringify(frameJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
