/**
 * Entry point of the three analyses:
 *   npm run analyze:time-stratification -- --data DIR|FILE [flags]
 *   npm run analyze:level-specificity   -- --data DIR|FILE [flags]
 *   npm run discover:interactions       -- --data DIR|FILE [flags] [--discover-all]
 * Flags: see USAGE in common.ts and docs/analyses.md. Progress goes to stderr; the JSON artifact
 * is written to --output-json (default public/artifacts/<name>.json).
 */
import { parseAnalysisArgs, runCli, writeJson, type AnalysisArgs } from './common';
import { analyzeTimeStratification } from './time-stratification';
import { analyzeLevelSpecificity } from './level-specificity';
import { discoverInteractions } from './interactions';

export const ANALYSES: Readonly<
  Record<string, { output: string; run: (a: AnalysisArgs) => Record<string, unknown> }>
> = {
  'time-stratification': {
    output: 'public/artifacts/time_stratification.json',
    run: analyzeTimeStratification,
  },
  'level-specificity': {
    output: 'public/artifacts/level_specificity.json',
    run: analyzeLevelSpecificity,
  },
  interactions: { output: 'public/artifacts/feature_interactions.json', run: discoverInteractions },
};

const name = process.argv[2] ?? '';
runCli(name, () => {
  const analysis = ANALYSES[name];
  if (analysis === undefined)
    throw new Error(`unknown analysis '${name}'; one of ${Object.keys(ANALYSES).join(', ')}`);
  const args = parseAnalysisArgs(process.argv.slice(3), analysis.output);
  const started = Date.now();
  const result = analysis.run(args);
  writeJson(args.outputJson, result);
  process.stderr.write(
    `${name}: wrote ${args.outputJson} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
});
