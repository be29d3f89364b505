/**
 * Turns `level_signal` messages into the timeline's inputs, for a page that keeps a level's
 * signals: model predictions become points (base-rate fallbacks are not predictions and are left
 * out), the context's session history of the level becomes outcomes.
 */
import type { LevelKind } from '../../../domain/frame/level-frame';
import type { LevelSignal, SessionHistoryItem } from '../../../domain/signal/level-signal';
import type { TimelineOutcome, TimelinePoint } from './pbreak-timeline-option';

export function timelinePoints(signals: readonly LevelSignal[]): TimelinePoint[] {
  return signals
    .filter((s) => s.prediction.method === 'model')
    .map((s) => ({
      ts: s.timestamp,
      p_break: s.prediction.p_break,
      decision: s.decision ?? null,
      threshold: s.threshold ?? null,
    }));
}

/** Outcomes of `kind`'s touches in a session history (the latest signal's carries all of today). */
export function timelineOutcomes(
  kind: LevelKind,
  history: readonly SessionHistoryItem[] | undefined,
): TimelineOutcome[] {
  return (history ?? [])
    .filter((h) => h.level_kind === kind)
    .map((h) => ({ ts: h.ts, outcome: h.outcome }));
}
