/**
 * One line of text for a terminal progress bar of a training run, e.g.
 * `[########------------]  80/200 train 0.5123 valid 0.5301 best 74  3.2 s`.
 */
import type { TrainingProgress } from './gbdt';

export function formatProgressLine(p: TrainingProgress, width = 20): string {
  const total = Math.max(1, p.maxIterations);
  const filled = Math.max(0, Math.min(width, Math.round((p.iteration / total) * width)));
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const digits = String(total).length;
  const count = `${String(p.iteration).padStart(digits)}/${total}`;
  const valid = p.validLogLoss === undefined ? '' : ` valid ${p.validLogLoss.toFixed(4)}`;
  return `${bar} ${count} train ${p.trainLogLoss.toFixed(4)}${valid} best ${p.bestIteration} ${(p.elapsedMs / 1000).toFixed(1)} s`;
}
