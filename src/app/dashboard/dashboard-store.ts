import { Injectable, computed, signal } from '@angular/core';
import { LevelKind } from '../../domain/frame/level-frame';
import { LevelSignal, SignalLevel } from '../../domain/signal/level-signal';
import { APPROACH_ZONE_ATR } from '../../domain/time/distance-label';
import { LevelEntry, LevelView, byProximity, levelView } from './level-view';
import { INITIAL_SOURCE_STATUS, SourceStatus } from './source-status';

/** Recent p_break values kept per level for the watchlist sparkline. */
export const SPARKLINE_POINTS = 40;

/** Model predictions kept per level for the timeline (a session has 361 ticks). */
export const TIMELINE_POINTS = 1000;

export type PlaybackIntent = 'playing' | 'paused';

/** A model p_break of one level's frame that was not explained in full. */
export interface PredictionPoint {
  readonly kind: LevelKind;
  readonly timestamp: string;
  readonly p_break: number;
  /** The frame's time bucket. */
  readonly bucket: string;
}

/**
 * State of the dashboard: the latest signal and position of every level, the focused level and the
 * source status. The frame pipeline feeds it through `ingest`, `trackLevel` and `setStatus`; the
 * page reads the computed views. Staleness is measured in feed time (the newest timestamp seen),
 * so a paused or replayed feed ages its signals consistently.
 */
@Injectable({ providedIn: 'root' })
export class DashboardStore {
  private readonly entries = signal<ReadonlyMap<LevelKind, LevelEntry>>(new Map());
  private readonly feedMs = signal<number | null>(null);
  private readonly selected = signal<LevelKind | null>(null);
  private readonly statusState = signal<SourceStatus>(INITIAL_SOURCE_STATUS);
  private readonly playbackState = signal<PlaybackIntent>('playing');
  private readonly lastArrivalMs = signal<number | null>(null);

  readonly status = this.statusState.asReadonly();
  /** Only the model's availability affects the levels (not frames/s or rejections). */
  private readonly modelAvailability = computed(() => this.statusState().model);
  /** The pause/play intent of the user (Space); a replay source follows it. */
  readonly playback = this.playbackState.asReadonly();
  /** Wall-clock time (ms) at which the latest signal or position arrived. */
  readonly lastArrivalWallMs = this.lastArrivalMs.asReadonly();
  /** Newest feed timestamp seen (ISO), null before any data. */
  readonly feedTime = computed(() => {
    const ms = this.feedMs();
    return ms === null ? null : new Date(ms).toISOString();
  });

  /** Every known level, nearest first. */
  readonly levels = computed<readonly LevelView[]>(() => {
    const feedMs = this.feedMs();
    if (feedMs === null) return [];
    const model = this.modelAvailability();
    return [...this.entries().values()].map((e) => levelView(e, feedMs, model)).sort(byProximity);
  });

  readonly hasData = computed(() => this.levels().length > 0);

  /** The level the user chose, else the nearest level in the approach zone, else the nearest. */
  readonly focused = computed<LevelView | null>(() => {
    const levels = this.levels();
    const chosen = this.selected();
    const byChoice = chosen === null ? undefined : levels.find((l) => l.kind === chosen);
    return byChoice ?? levels.find((l) => l.distanceAtr <= APPROACH_ZONE_ATR) ?? levels[0] ?? null;
  });

  /** Takes one signal. An older signal than the level's latest is ignored; returns whether kept. */
  ingest(levelSignal: LevelSignal): boolean {
    const ms = Date.parse(levelSignal.timestamp);
    if (Number.isNaN(ms)) return false;
    const previous = this.entries().get(levelSignal.level.kind);
    if (previous?.signalMs != null && ms < previous.signalMs) return false;
    const model = levelSignal.prediction.method === 'model';
    const history = model
      ? [...(previous?.pBreakHistory ?? []), levelSignal.prediction.p_break].slice(
          -SPARKLINE_POINTS,
        )
      : (previous?.pBreakHistory ?? []);
    const point = {
      ts: levelSignal.timestamp,
      p_break: levelSignal.prediction.p_break,
      bucket: levelSignal.context.time_bucket,
    };
    const timeline = model
      ? [...(previous?.timeline ?? []), point].slice(-TIMELINE_POINTS)
      : (previous?.timeline ?? []);
    const newerPosition = previous !== undefined && previous.positionMs > ms;
    this.put({
      level: newerPosition ? previous.level : levelSignal.level,
      positionMs: newerPosition ? previous.positionMs : ms,
      signal: levelSignal,
      signalMs: ms,
      pBreakHistory: history,
      timeline,
    });
    this.advanceFeed(ms);
    return true;
  }

  /**
   * Adds model p_break values of frames that were not explained in full (the ticks between two
   * shown ones at high replay speed, the history before a seek's target) to the levels' sparkline
   * and timeline, oldest first. The latest signal, the positions and the feed time stay as they
   * are. A value not newer than the level's last one, or of an unknown level, is left out.
   */
  recordPredictions(points: readonly PredictionPoint[]): void {
    if (points.length === 0) return;
    const next = new Map(this.entries());
    let changed = false;
    for (const p of points) {
      const entry = next.get(p.kind);
      const ms = Date.parse(p.timestamp);
      if (entry === undefined || Number.isNaN(ms)) continue;
      const lastTs = entry.timeline.at(-1)?.ts;
      if (lastTs !== undefined && Date.parse(lastTs) >= ms) continue;
      if (entry.signalMs !== null && entry.signalMs >= ms) continue;
      next.set(p.kind, {
        ...entry,
        pBreakHistory: [...entry.pBreakHistory, p.p_break].slice(-SPARKLINE_POINTS),
        timeline: [
          ...entry.timeline,
          { ts: p.timestamp, p_break: p.p_break, bucket: p.bucket },
        ].slice(-TIMELINE_POINTS),
      });
      changed = true;
    }
    if (changed) this.entries.set(next);
  }

  /**
   * Updates where a level is without a prediction (frames outside the approach zone produce no
   * signal, but the watchlist still shows the level as "far"). Returns whether it was kept.
   */
  trackLevel(level: SignalLevel, timestamp: string): boolean {
    const ms = Date.parse(timestamp);
    if (Number.isNaN(ms)) return false;
    const previous = this.entries().get(level.kind);
    if (previous !== undefined && ms < previous.positionMs) return false;
    this.put({
      level,
      positionMs: ms,
      signal: previous?.signal ?? null,
      signalMs: previous?.signalMs ?? null,
      pBreakHistory: previous?.pBreakHistory ?? [],
      timeline: previous?.timeline ?? [],
    });
    this.advanceFeed(ms);
    return true;
  }

  setStatus(patch: Partial<SourceStatus>): void {
    this.statusState.update((s) => ({ ...s, ...patch }));
  }

  focus(kind: LevelKind): void {
    this.selected.set(kind);
  }

  /** Focuses the next level in watchlist order (wraps around). */
  focusNext(): void {
    this.focusBy(1);
  }

  /** Focuses the previous level in watchlist order (wraps around). */
  focusPrev(): void {
    this.focusBy(-1);
  }

  setPlayback(intent: PlaybackIntent): void {
    this.playbackState.set(intent);
  }

  togglePlayback(): void {
    this.playbackState.update((p) => (p === 'playing' ? 'paused' : 'playing'));
  }

  /** Forgets every level, the focus and the status (a new session or source). */
  reset(): void {
    this.entries.set(new Map());
    this.feedMs.set(null);
    this.selected.set(null);
    this.statusState.set(INITIAL_SOURCE_STATUS);
    this.lastArrivalMs.set(null);
  }

  private focusBy(step: number): void {
    const levels = this.levels();
    if (levels.length === 0) return;
    const current = this.focused();
    const index = current === null ? -1 : levels.findIndex((l) => l.kind === current.kind);
    const next = index < 0 ? 0 : (index + step + levels.length) % levels.length;
    this.selected.set(levels[next].kind);
  }

  private put(entry: LevelEntry): void {
    this.entries.update((m) => new Map(m).set(entry.level.kind, entry));
    this.lastArrivalMs.set(Date.now());
  }

  private advanceFeed(ms: number): void {
    this.feedMs.update((f) => (f === null || ms > f ? ms : f));
  }
}
