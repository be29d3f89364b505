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
import { PIPELINE_FETCH_JSON, SignalPipeline } from './signal-pipeline';

const TICKS = 4;
const P_BREAK = 0.61;

/**
 * The worker's side of the protocol, in-process: answers init and explain-init, and one
 * level_signal per frame of an explain request (p_break fixed), unless told to fail.
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
      case 'explain': {
        const frames = Array.isArray(message['frames']) ? message['frames'] : [];
        const signals = frames.filter(isRecord).map((f) =>
          testSignal({
            timestamp: String(f['ts']),
            level: {
              kind: 'OR_LOW',
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
      { provide: PIPELINE_FETCH_JSON, useValue: () => Promise.reject(new Error('HTTP 404')) },
    ],
  });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 12; i++) {
      await new Promise((r) => setTimeout(r, 0));
      TestBed.tick();
      advanceTo(time, time.frame + 1);
    }
  };
  return {
    pipeline: TestBed.inject(SignalPipeline),
    store: TestBed.inject(DashboardStore),
    worker,
    settle,
  };
}

function explainedTs(worker: FakeExplainWorker): string[][] {
  return worker.sent
    .filter((m) => m['type'] === 'explain')
    .map((m) =>
      (Array.isArray(m['frames']) ? m['frames'] : []).filter(isRecord).map((f) => String(f['ts'])),
    );
}

describe('SignalPipeline', () => {
  it('sends each tick as one explain request, in order, after explain-init, and feeds the store', async () => {
    const { pipeline, store, worker, settle } = setup();
    pipeline.start({ ...DEFAULT_START_OPTIONS, autoplay: false, seek: 2 });
    await settle();

    expect(worker.types()).toEqual(['init', 'explain-init', 'explain', 'explain', 'explain']);
    const ticks = explainedTs(worker);
    expect(ticks.map((t) => t.length)).toEqual([2, 2, 2]);
    expect(ticks.map((t) => t[0])).toEqual([
      '2025-11-03T14:30:00.000Z',
      '2025-11-03T14:30:30.000Z',
      '2025-11-03T14:31:00.000Z',
    ]);
    for (const t of ticks) expect(new Set(t).size).toBe(1);
    const rules = worker.sent.find((m) => m['type'] === 'explain')?.['rules'];
    expect(
      isRecord(rules) && isRecord(rules['thresholds']) ? rules['thresholds']['T0_15'] : null,
    ).toBe(0.5);

    expect(store.status().model).toBe('ready');
    expect(store.status().source).toContain('replay 2025-11-03');
    const focused = store.focused();
    expect(focused?.signal?.prediction.p_break).toBe(P_BREAK);
    expect(focused?.signal?.timestamp).toBe('2025-11-03T14:31:00.000Z');
    expect(focused?.pBreakHistory.length).toBe(3);
    expect(pipeline.ticksExplained()).toBe(3);
  });

  it('a seek clears the store and starts a fresh engine before the next tick', async () => {
    const { pipeline, store, worker, settle } = setup();
    pipeline.start({ ...DEFAULT_START_OPTIONS, autoplay: false, seek: 2 });
    await settle();
    const before = worker.sent.length;

    pipeline.seek(0);
    await settle();

    expect(worker.types().slice(before)).toEqual(['explain-init', 'explain']);
    expect(explainedTs(worker).at(-1)?.[0]).toBe('2025-11-03T14:30:00.000Z');
    expect(store.focused()?.pBreakHistory.length).toBe(1);
    expect(store.feedTime()).toBe('2025-11-03T14:30:00.000Z');
    expect(pipeline.ticksExplained()).toBe(1);
  });

  it('missing artifacts: the model is shown unavailable with the reason; positions still arrive', async () => {
    const worker = new FakeExplainWorker();
    worker.explainInitError = 'artifacts/historical_stats.json: not found';
    const { pipeline, store, settle } = setup(worker);
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
