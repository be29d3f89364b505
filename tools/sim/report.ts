/**
 * npm run report:dataset -- --data DIR
 *
 * Reads a simulated dataset (manifest, bars, truth, frames) and prints frames per level per
 * session, episodes per day, BREAK/REJECT/CHOP rates by level kind × direction × time bucket
 * (labels from src/domain/labels over the bars) and the Bayes AUC of the generator's ground truth.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { datasetStats, SessionSample } from './dataset-stats';
import {
  countFramesPerLevel,
  observedFrames,
  parseBar,
  parseTruth,
  readManifest,
  readNdjson,
} from './dataset-reader';
import { formatStats } from './format-stats';

function main(): void {
  const { values } = parseArgs({
    options: { data: { type: 'string', default: 'data/sim' } },
    strict: true,
  });
  const dir = values.data;
  const manifest = readManifest(dir);
  const samples: SessionSample[] = manifest.dates.map((date) => {
    const file = (kind: 'frames' | 'bars' | 'truth'): string | null => {
      const f = manifest.files.find((x) => x.date === date && x.kind === kind);
      return f ? join(dir, f.path) : null;
    };
    const barsPath = file('bars');
    const truthPath = file('truth');
    if (!barsPath || !truthPath)
      throw new Error(`${date}: the manifest lists no bars or truth file`);
    const framesPath = file('frames');
    const frames = framesPath ? readNdjson(framesPath) : null;
    return {
      date,
      bars: readNdjson(barsPath).map((b, i) => parseBar(b, `${barsPath}:${i + 1}`)),
      truth: readNdjson(truthPath).map((r, i) => parseTruth(r, `${truthPath}:${i + 1}`)),
      framesPerLevel: frames ? countFramesPerLevel(frames) : null,
      observed: frames ? observedFrames(frames) : null,
    };
  });
  process.stdout.write(formatStats(datasetStats(samples)).join('\n') + '\n');
}

main();
