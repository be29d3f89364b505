import type { LevelFrame } from '../../domain/frame/level-frame';
import type { RejectionCounts } from '../../domain/feed/rejection-counts';
import type { LevelSignal } from '../../domain/signal/level-signal';
import type { DashboardStore, PredictionPoint } from '../dashboard/dashboard-store';
import type { SourceStatus } from '../dashboard/source-status';
import type { dashboardStatusPatch } from '../feed/dashboard-status-patch';

export type PipelineModelState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly selfTest: string }
  | { readonly status: 'unavailable'; readonly reason: string };

/** One screen update: a tick explained in full, with everything the screen shows up to it. */
export interface StoreUpdate {
  /** The latest frame of each level up to the tick (positions, "far" levels). */
  readonly positions: readonly LevelFrame[];
  /** p_break of the frames since the previous update that were not explained in full. */
  readonly predictions: readonly PredictionPoint[];
  readonly signals: readonly LevelSignal[];
}

/** Writes one update into the store: positions first, then the p_break series, then the signals. */
export function applyStoreUpdate(store: DashboardStore, update: StoreUpdate): void {
  for (const f of update.positions) {
    // Inactive levels (OR before 09:45) are not shown.
    if (!f.level_active) continue;
    store.trackLevel(
      {
        kind: f.level_kind,
        price: f.level_price,
        direction: f.direction,
        distance_atr: Math.abs(f.distance_signed_atr),
      },
      f.ts,
    );
  }
  store.recordPredictions(update.predictions);
  for (const s of update.signals) store.ingest(s);
}

export function addCounts(
  a: RejectionCounts,
  reasons: Readonly<Record<string, number>>,
): RejectionCounts {
  const byReason: Record<string, number> = { ...a.byReason };
  let count = a.count;
  for (const [reason, n] of Object.entries(reasons)) {
    byReason[reason] = (byReason[reason] ?? 0) + n;
    count += n;
  }
  return { count, byReason };
}

/** The status strip's patch: the source's state plus the worker's rejections and model state. */
export function pipelineStatusPatch(
  source: ReturnType<typeof dashboardStatusPatch>,
  workerRejected: RejectionCounts,
  model: PipelineModelState,
): Partial<SourceStatus> {
  const rejected = addCounts(
    { count: source.rejectedFrames, byReason: {} },
    Object.fromEntries(source.rejectReasons.map((r): [string, number] => [r.reason, r.count])),
  );
  const all = addCounts(rejected, workerRejected.byReason);
  return {
    ...source,
    rejectedFrames: all.count,
    rejectReasons: Object.entries(all.byReason)
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    model: model.status,
    modelDetail: model.status === 'unavailable' ? model.reason : null,
  };
}
