import { TestBed } from '@angular/core/testing';
import { VirtualTimeScheduler } from 'rxjs';
import { sampleFeedFrames, toNdjson } from '../../domain/feed/sample-feed';
import { isRecord } from '../../protocol/guard-result';
import { DashboardStore } from '../dashboard/dashboard-store';
import { testSignal } from '../dashboard/testing/test-signals';
import { FEED_FETCH, FEED_SCHEDULER, FEED_UI_SCHEDULER } from '../feed/feed-tokens';
import { advanceTo } from '../feed/testing/virtual-feed-time';
import { INFERENCE_WORKER_FACTORY, type InferenceWorkerPort } from '../inference/inference-worker';
import { SETTINGS_STORAGE } from '../settings/settings-storage';
import { MemorySettingsStorage } from '../settings/testing/memory-settings-storage';
import { SettingsStore } from '../settings/settings-store';
import { FrameReplayer } from '../feed/frame-replayer';
import { DEFAULT_REPLAY_SPEED, DEFAULT_START_OPTIONS } from './pipeline-options';
import { SignalPipeline } from './signal-pipeline';
import { AnalysisDefaultsLoader } from '../settings/analysis-defaults-loader';

const TICKS = 4;
const P_BREAK = 0.61;

/**
 * The worker's side of the protocol, in-process: answers init, explain-init and explain-reset, one
 * level_signal for the first frame of an explain request and one prediction for the first frame of
 * each catch-up tick (p_break fixed), unless told to fail.
 */
class FakeExplainWorker implements InferenceWorkerPort {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly sent: Record<string, unknown>[] = [];
  explainInitError: string | null = null;

  postMessage(message: unknown): void {
    if (!isRecord(message)) throw new Error('non-object message');
    this.sent.push(message);
    const requestId = message['requestId'];
    queueMicrotask(() =>
      this.onmessage?.(new MessageEvent('message', { data: this.answer(message, requestId) })),
    );
  }

  terminate(): void {
    // Nothing to stop.
  }

  types(): unknown[] {
    return this.sent.map((m) => m['type']);
  }

  private answer(message: Record<string, unknown>, requestId: unknown): unknown {
    switch (message['type']) {
      case 'init':
        return {
          type: 'error',
          requestId,
          code: 'model-fetch-failed',
          message: 'no model in specs',
        };
      case 'explain-init':
        if (this.explainInitError !== null)
          return {
            type: 'error',
            requestId,
            code: 'model-fetch-failed',
            message: this.explainInitError,
          };
        return {
          type: 'explain-ready',
          requestId,
          modelEnabled: true,
          reason: null,
          selfTest: { status: 'passed', rows: 3, maxAbsDiff: 0, detail: 'ok' },
          combos: 0,
          warnings: [],
        };
      case 'explain-reset':
        return { type: 'explain-reset-done', requestId };
      case 'catch-up': {
        const ticks = Array.isArray(message['ticks']) ? message['ticks'] : [];
        const predictions = ticks
          .map((t: unknown) => (Array.isArray(t) ? t.filter(isRecord)[0] : undefined))
          .filter((f): f is Record<string, unknown> => f !== undefined)
          .map((f) => ({
            kind: f['level_kind'],
            timestamp: String(f['ts']),
            p_break: P_BREAK,
            time_bucket: 'T0_15',
          }));
        return {
          type: 'level_predictions',
          requestId,
          predictions: message['predict'] === true ? predictions : [],
          method: 'model',
          reason: null,
          ticks: ticks.length,
          rejected: { count: 0, reasons: {} },
          rows: predictions.length,
          timings: { modelMs: 1, totalMs: 2 },
          warnings: [],
        };
      }
      case 'explain': {
        const frames = Array.isArray(message['frames']) ? message['frames'] : [];
        const signals = frames.filter(isRecord).map((f) =>
          testSignal({
            timestamp: String(f['ts']),
            level: {
              kind: f['level_kind'] === 'PM_LOW' ? 'PM_LOW' : 'PM_HIGH',
              price: Number(f['level_price']),
              direction: 'UP',
              distance_atr: 0.3,
            },
            prediction: {
              p_break: P_BREAK,
              p_reject: 1 - P_BREAK,
              base_rate: 0.45,
              edge: P_BREAK - 0.45,
              confidence: 'HIGH',
              method: 'model',
            },
          }),
        );
        return {
          type: 'level_signals',
          requestId,
          signals: signals.slice(0, 1),
          method: 'model',
          reason: null,
          rejected: { count: 0, reasons: {} },
          rows: 1,
          timings: { modelMs: 1, attributionMs: 1, totalMs: 2 },
          warnings: [],
        };
      }
      default:
        throw new Error(`unexpected ${String(message['type'])}`);
    }
  }
}

interface Setup {
  readonly pipeline: SignalPipeline;
  readonly store: DashboardStore;
  readonly worker: FakeExplainWorker;
  settle(): Promise<void>;
  /** Lets `ms` of virtual time pass, in small steps, with the promises in between. */
  run(ms: number): Promise<void>;
}

function setup(worker = new FakeExplainWorker()): Setup {
  const time = new VirtualTimeScheduler();
  const text = toNdjson(sampleFeedFrames(TICKS, { levels: 2 }));
  TestBed.configureTestingModule({
    providers: [
      { provide: FEED_SCHEDULER, useValue: time },
      { provide: FEED_UI_SCHEDULER, useValue: time },
      { provide: FEED_FETCH, useValue: () => Promise.resolve(new Response(text)) },
      { provide: INFERENCE_WORKER_FACTORY, useValue: () => worker },
      { provide: SETTINGS_STORAGE, useValue: new MemorySettingsStorage() },
    ],
  });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 12; i++) {
      await new Promise((r) => setTimeout(r, 0));
      TestBed.tick();
      advanceTo(time, time.frame + 1);
    }
  };
  const run = async (ms: number): Promise<void> => {
    const end = time.frame + ms;
    while (time.frame < end) {
      await new Promise((r) => setTimeout(r, 0));
      TestBed.tick();
      advanceTo(time, Math.min(end, time.frame + 5));
    }
    await settle();
  };
  return {
    pipeline: TestBed.inject(SignalPipeline),
    store: TestBed.inject(DashboardStore),
    worker,
    settle,
    run,
  };
}

const timestamps = (frames: unknown): string[] =>
  (Array.isArray(frames) ? frames : []).filter(isRecord).map((f) => String(f['ts']));

function explainedTs(worker: FakeExplainWorker): string[][] {
  return worker.sent.filter((m) => m['type'] === 'explain').map((m) => timestamps(m['frames']));
}

/** Every tick sent to the worker (explain or catch-up), in order: [how, first frame's ts]. */
function sentTicks(worker: FakeExplainWorker): [string, string][] {
  return worker.sent.flatMap((m): [string, string][] => {
    if (m['type'] === 'explain') return [['explain', timestamps(m['frames'])[0]]];
    if (m['type'] !== 'catch-up' || !Array.isArray(m['ticks'])) return [];
    return m['ticks'].map((t: unknown): [string, string] => ['catch-up', timestamps(t)[0]]);
  });
}

describe('SignalPipeline', () => {
  it('after explain-init, catches up to a seek target without attribution and explains the target in full; the store shows it with the p_break of every tick', async () => {
    const { pipeline, store, worker, settle } = setup();
    pipeline.start({ ...DEFAULT_START_OPTIONS, autoplay: false, seek: 2 });
    await settle();

    expect(worker.types()).toEqual(['init', 'explain-init', 'catch-up', 'explain']);
    const catchUp = worker.sent.find((m) => m['type'] === 'catch-up');
    expect(catchUp?.['predict']).toBeTrue();
    const caught = Array.isArray(catchUp?.['ticks']) ? catchUp['ticks'].map(timestamps) : [];
    expect(caught).toEqual([
      ['2025-11-03T14:30:00.000Z', '2025-11-03T14:30:00.000Z'],
      ['2025-11-03T14:30:30.000Z', '2025-11-03T14:30:30.000Z'],
    ]);
    expect(explainedTs(worker)).toEqual([['2025-11-03T14:31:00.000Z', '2025-11-03T14:31:00.000Z']]);
    const rules = worker.sent.find((m) => m['type'] === 'explain')?.['rules'];
    expect(
      isRecord(rules) && isRecord(rules['thresholds']) ? rules['thresholds']['T0_15'] : null,
    ).toBe(0.5);

    expect(store.status().model).toBe('ready');
    expect(store.status().source).toContain('replay 2025-11-03');
    const focused = store.focused();
    expect(focused?.signal?.prediction.p_break).toBe(P_BREAK);
    expect(focused?.signal?.timestamp).toBe('2025-11-03T14:31:00.000Z');
    expect(store.feedTime()).toBe('2025-11-03T14:31:00.000Z');
    expect(focused?.pBreakHistory.length).toBe(3);
    expect(focused?.timeline.map((p) => p.ts)).toEqual([
      '2025-11-03T14:30:00.000Z',
      '2025-11-03T14:30:30.000Z',
      '2025-11-03T14:31:00.000Z',
    ]);
    expect(pipeline.ticksExplained()).toBe(1);
  });

  it('ticks arriving faster than the screen updates: each reaches the worker once, in order, the newest in full', async () => {
    const { pipeline, store, worker, run } = setup();
    pipeline.start({ ...DEFAULT_START_OPTIONS, autoplay: false, speed: 600 });
    await run(50);
    expect(store.hasData()).toBeFalse();
    store.setPlayback('playing');
    // 600×: a tick every 50 ms; the last one is held 200 ms, then explained in full.
    await run(500);

    const sent = sentTicks(worker);
    expect(sent.map(([, ts]) => ts)).toEqual([
      '2025-11-03T14:30:00.000Z',
      '2025-11-03T14:30:30.000Z',
      '2025-11-03T14:31:00.000Z',
      '2025-11-03T14:31:30.000Z',
    ]);
    expect(sent.map(([how]) => how)).toEqual(['explain', 'catch-up', 'catch-up', 'explain']);
    const focused = store.focused();
    expect(focused?.signal?.timestamp).toBe('2025-11-03T14:31:30.000Z');
    expect(store.feedTime()).toBe('2025-11-03T14:31:30.000Z');
    expect(focused?.pBreakHistory.length).toBe(4);
    expect(pipeline.ticksExplained()).toBe(2);
  });

  it('a seek clears the store and starts a new session in the worker before the next tick', async () => {
    const { pipeline, store, worker, settle } = setup();
    pipeline.start({ ...DEFAULT_START_OPTIONS, autoplay: false, seek: 2 });
    await settle();
    const before = worker.sent.length;

    pipeline.seek(0);
    await settle();

    expect(worker.types().slice(before)).toEqual(['explain-reset', 'explain']);
    expect(explainedTs(worker).at(-1)?.[0]).toBe('2025-11-03T14:30:00.000Z');
    expect(store.focused()?.pBreakHistory.length).toBe(1);
    expect(store.feedTime()).toBe('2025-11-03T14:30:00.000Z');
    expect(pipeline.ticksExplained()).toBe(1);
  });

  it('missing artifacts: the model is shown unavailable with the reason; positions still arrive', async () => {
    const worker = new FakeExplainWorker();
    worker.explainInitError = 'artifacts/historical_stats.json: not found';
    const { pipeline, store, settle } = setup(worker);
    // the start-up loader of the analysis' bucket thresholds finds no artifact either
    await TestBed.inject(AnalysisDefaultsLoader).load(() =>
      Promise.resolve(new Response('', { status: 404 })),
    );
    pipeline.start({ ...DEFAULT_START_OPTIONS, autoplay: false, seek: 1 });
    await settle();

    expect(worker.types()).toEqual(['init', 'explain-init']);
    expect(store.status().model).toBe('unavailable');
    expect(store.status().modelDetail).toContain('historical_stats.json: not found');
    expect(store.levels().length).toBe(2);
    for (const level of store.levels()) expect(level.signal).toBeNull();
    expect(pipeline.warnings().some((w) => w.startsWith('time_stratification.json'))).toBeTrue();
  });

  it('starts at the URL speed or 60×, and follows a replay speed changed in the settings', async () => {
    const { pipeline, settle } = setup();
    const settings = TestBed.inject(SettingsStore);
    const replayer = TestBed.inject(FrameReplayer);
    pipeline.start({ ...DEFAULT_START_OPTIONS, autoplay: false });
    await settle();
    expect(pipeline.speed()).toBe(DEFAULT_REPLAY_SPEED);
    expect(replayer.speed).toBe(DEFAULT_REPLAY_SPEED);

    const change = settings.update({ ...settings.settings(), replay: { speed: 600 } });
    expect(change.ok).toBeTrue();
    TestBed.tick();
    expect(pipeline.speed()).toBe(600);
    expect(replayer.speed).toBe(600);
  });
});
