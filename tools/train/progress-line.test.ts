import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainGbdt, type TrainingProgress } from './gbdt';
import { formatProgressLine } from './progress-line';
import { makeSyntheticDataset } from './synthetic';

test('progress lines show the bar, the round, losses and the best round', () => {
  const line = formatProgressLine(
    {
      iteration: 50,
      maxIterations: 200,
      trainLogLoss: 0.51234,
      validLogLoss: 0.6,
      bestIteration: 47,
      elapsedMs: 3250,
    },
    20,
  );
  assert.equal(line, '[#####---------------]  50/200 train 0.5123 valid 0.6000 best 47 3.3 s');
  const done = formatProgressLine(
    { iteration: 8, maxIterations: 8, trainLogLoss: 0.4, bestIteration: 8, elapsedMs: 10 },
    4,
  );
  assert.equal(done, '[####] 8/8 train 0.4000 best 8 0.0 s');
});

test('trainGbdt reports progress after every round', () => {
  const train = makeSyntheticDataset(500, 8, 1);
  const seen: TrainingProgress[] = [];
  trainGbdt(train, { nTrees: 6, maxDepth: 2 }, { onProgress: (p) => seen.push(p) });
  assert.deepEqual(
    seen.map((p) => p.iteration),
    [1, 2, 3, 4, 5, 6],
  );
  assert.ok(seen.every((p) => p.maxIterations === 6 && p.elapsedMs >= 0));
  assert.ok(formatProgressLine(seen[5]).startsWith('[####################] 6/6'));
});
