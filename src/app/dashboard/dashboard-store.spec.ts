import { DashboardStore, SPARKLINE_POINTS } from './dashboard-store';
import { testSignal } from './testing/test-signals';
import { LevelSignal } from '../../domain/signal/level-signal';
import { LevelKind } from '../../domain/frame/level-frame';

const T0 = Date.parse('2025-11-03T15:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function signalFor(kind: LevelKind, distance: number, seconds = 0, pBreak = 0.6): LevelSignal {
  const s = testSignal();
  return {
    ...s,
    timestamp: at(seconds),
    level: { ...s.level, kind, distance_atr: distance },
    prediction: { ...s.prediction, p_break: pBreak, p_reject: 1 - pBreak },
  };
}

describe('DashboardStore', () => {
  let store: DashboardStore;
  beforeEach(() => (store = new DashboardStore()));

  it('starts empty with no focus', () => {
    expect(store.hasData()).toBeFalse();
    expect(store.levels()).toEqual([]);
    expect(store.focused()).toBeNull();
    expect(store.feedTime()).toBeNull();
  });

  it('lists levels nearest first and focuses the nearest in-zone level by default', () => {
    store.trackLevel({ kind: 'PM_HIGH', price: 6020, direction: 'DOWN', distance_atr: 0.1 }, at(0));
    store.trackLevel({ kind: 'PM_HIGH', price: 6020, direction: 'DOWN', distance_atr: 3.5 }, at(1));
    store.ingest(signalFor('PM_LOW', 1.3));
    store.ingest(signalFor('OR_LOW', 0.4));
    expect(store.levels().map((l) => l.kind)).toEqual(['OR_LOW', 'PM_LOW', 'PM_HIGH']);
    expect(store.focused()?.kind).toBe('OR_LOW');
    store.ingest(signalFor('PM_LOW', 0.2, 2));
    expect(store.focused()?.kind).toBe('PM_LOW');
  });

  it('keeps the user focus and moves it with next/prev in watchlist order, wrapping', () => {
    store.ingest(signalFor('OR_LOW', 0.4));
    store.ingest(signalFor('PM_LOW', 1.3));
    store.ingest(signalFor('OR_HIGH', 1.8));
    store.focus('PM_LOW');
    store.ingest(signalFor('OR_LOW', 0.1, 1));
    expect(store.focused()?.kind).toBe('PM_LOW');
    store.focusNext();
    expect(store.focused()?.kind).toBe('OR_HIGH');
    store.focusNext();
    expect(store.focused()?.kind).toBe('OR_LOW');
    store.focusPrev();
    expect(store.focused()?.kind).toBe('OR_HIGH');
  });

  it('does nothing on next/prev without levels', () => {
    store.focusNext();
    store.focusPrev();
    expect(store.focused()).toBeNull();
  });

  it('marks a signal stale after 90 s of feed time', () => {
    store.ingest(signalFor('OR_LOW', 0.4, 0));
    store.ingest(signalFor('PM_LOW', 1.0, 90));
    expect(store.levels().find((l) => l.kind === 'OR_LOW')?.state).toBe('live');
    store.ingest(signalFor('PM_LOW', 1.0, 91));
    const orLow = store.levels().find((l) => l.kind === 'OR_LOW');
    expect(orLow?.state).toBe('stale');
    expect(orLow?.signalAgeMs).toBe(91_000);
  });

  it('reports base-rate signals and a model outage as unavailable', () => {
    const s = signalFor('OR_LOW', 0.4);
    store.ingest({ ...s, prediction: { ...s.prediction, method: 'base_rate' } });
    expect(store.focused()?.state).toBe('unavailable');
    store.ingest(signalFor('OR_LOW', 0.4, 1));
    expect(store.focused()?.state).toBe('live');
    store.setStatus({ model: 'unavailable' });
    expect(store.focused()?.state).toBe('unavailable');
  });

  it('shows a level that left the zone as far, keeping its last signal', () => {
    store.ingest(signalFor('OR_LOW', 1.9));
    store.trackLevel(
      { kind: 'OR_LOW', price: 5985.25, direction: 'UP', distance_atr: 2.2 },
      at(30),
    );
    const view = store.focused();
    expect(view?.state).toBe('far');
    expect(view?.distanceLabel).toBe('Far');
    expect(view?.signal).not.toBeNull();
  });

  it('ignores signals older than the latest one and unparseable timestamps', () => {
    expect(store.ingest(signalFor('OR_LOW', 0.4, 10, 0.7))).toBeTrue();
    expect(store.ingest(signalFor('OR_LOW', 0.9, 5, 0.2))).toBeFalse();
    expect(store.ingest({ ...signalFor('OR_LOW', 0.9), timestamp: 'yesterday' })).toBeFalse();
    expect(store.focused()?.signal?.prediction.p_break).toBe(0.7);
    expect(store.focused()?.distanceAtr).toBe(0.4);
  });

  it('keeps the latest model p_break values for the sparkline, base-rate ones excluded', () => {
    for (let i = 0; i < SPARKLINE_POINTS + 5; i++)
      store.ingest(signalFor('OR_LOW', 0.4, i, i / 100));
    const base = signalFor('OR_LOW', 0.4, 100, 0.5);
    store.ingest({ ...base, prediction: { ...base.prediction, method: 'base_rate' } });
    const history = store.focused()?.pBreakHistory ?? [];
    expect(history.length).toBe(SPARKLINE_POINTS);
    expect(history[0]).toBe(0.05);
    expect(history[history.length - 1]).toBe((SPARKLINE_POINTS + 4) / 100);
  });

  it('keeps every model prediction of the day for the timeline, with its time and bucket', () => {
    for (let i = 0; i < 50; i++) store.ingest(signalFor('OR_LOW', 0.4, i * 30, i / 100));
    const base = signalFor('OR_LOW', 0.4, 50 * 30, 0.5);
    store.ingest({ ...base, prediction: { ...base.prediction, method: 'base_rate' } });
    store.trackLevel({ ...base.level, distance_atr: 3 }, at(51 * 30));
    const timeline = store.levels()[0]?.timeline ?? [];
    expect(timeline.length).toBe(50);
    expect(timeline[0]).toEqual({ ts: at(0), p_break: 0, bucket: base.context.time_bucket });
    expect(timeline[49].ts).toBe(at(49 * 30));
    expect(timeline[49].p_break).toBe(0.49);
    store.setPlayback('paused');
    expect(store.playback()).toBe('paused');
  });

  it('toggles the playback intent and merges status patches', () => {
    expect(store.playback()).toBe('playing');
    store.togglePlayback();
    expect(store.playback()).toBe('paused');
    store.setStatus({ source: 'replay', framesPerSecond: 2 });
    expect(store.status().source).toBe('replay');
    expect(store.status().connection).toBe('idle');
  });

  it('forgets everything on reset', () => {
    store.ingest(signalFor('OR_LOW', 0.4));
    store.focus('OR_LOW');
    store.reset();
    expect(store.hasData()).toBeFalse();
    expect(store.focused()).toBeNull();
    expect(store.lastArrivalWallMs()).toBeNull();
  });
});
