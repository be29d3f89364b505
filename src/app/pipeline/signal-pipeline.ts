import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { Subscription } from 'rxjs';
import type { FeedEvent, FrameTick } from '../../domain/feed/frame-tick';
import type { LevelFrame, LevelKind } from '../../domain/frame/level-frame';
import { NO_REJECTIONS, type RejectionCounts } from '../../domain/feed/rejection-counts';
import type {
  LevelPredictionsResponse,
  LevelSignalsResponse,
} from '../../protocol/explain-messages';
import { DashboardStore, type PredictionPoint } from '../dashboard/dashboard-store';
import type { SourceStatus } from '../dashboard/source-status';
import { batchFeedEvents } from '../feed/batch-feed-events';
import { dashboardStatusPatch } from '../feed/dashboard-status-patch';
import { FEED_SCHEDULER, FEED_UI_SCHEDULER } from '../feed/feed-tokens';
import type { FrameSource } from '../feed/frame-source';
import { DEMO_RECORDING_URL, FrameReplayer } from '../feed/frame-replayer';
import { LiveFeedClient } from '../feed/live-feed-client';
import { InferenceClient } from '../inference/inference-client';
import { AnalysisDefaultsLoader } from '../settings/analysis-defaults-loader';
import { SettingsStore } from '../settings/settings-store';
import { explainRulesFromSettings } from './active-decision';
import { ExplainSchedule, type ExplainJob } from './explain-schedule';
import {
  addCounts,
  applyStoreUpdate,
  pipelineStatusPatch,
  type PipelineModelState,
  type StoreUpdate,
} from './store-update';
import {
  DEFAULT_REPLAY_SPEED,
  DEFAULT_START_OPTIONS,
  type PipelineSourceKind,
  type PipelineStartOptions,
} from './pipeline-options';
import { messageOf } from '../../protocol/error-message';

export type { PipelineModelState } from './store-update';

/**
 * Frame source → inference worker → DashboardStore. Started by the dashboard; one per application.
 * Frames arrive through `batchFeedEvents` (one batch per animation frame). Every tick reaches the
 * worker once, in order: the ticks the screen will show as ONE `explain` request each (full
 * explanation), the others — skipped at high replay speed, or the history before a seek's target —
 * as `catch-up` requests (history and p_break only); `ExplainSchedule` decides which is which. The
 * store is updated once per animation frame with coherent snapshots: the positions, signals and
 * feed time of the last fully explained tick and the p_break series up to it. A `reset` of the
 * source clears the store and starts a new session in the worker (`explain-reset`) before the next
 * tick is sent.
 */
@Injectable({ providedIn: 'root' })
export class SignalPipeline {
  private readonly inference = inject(InferenceClient);
  private readonly replayer = inject(FrameReplayer);
  private readonly live = inject(LiveFeedClient);
  private readonly store = inject(DashboardStore);
  private readonly settings = inject(SettingsStore);
  private readonly analysisDefaults = inject(AnalysisDefaultsLoader);
  private readonly uiScheduler = inject(FEED_UI_SCHEDULER);
  private readonly schedule = new ExplainSchedule(inject(FEED_SCHEDULER), (job) =>
    this.sendJob(job),
  );

  private readonly startedState = signal(false);
  private readonly sourceState = signal<PipelineSourceKind>('replay');
  private readonly modelState = signal<PipelineModelState>({ status: 'loading' });
  private readonly speedState = signal(DEFAULT_REPLAY_SPEED);
  private readonly workerRejected = signal<RejectionCounts>(NO_REJECTIONS);
  private readonly warningsState = signal<readonly string[]>([]);
  private readonly feedUrlOverride = signal<string | null>(null);
  private readonly explainedTicks = signal(0);

  readonly started = this.startedState.asReadonly();
  readonly source = this.sourceState.asReadonly();
  readonly model = this.modelState.asReadonly();
  readonly speed = this.speedState.asReadonly();
  /**
   * Artifact notes: the worker's, and why the per-bucket thresholds kept their defaults (the
   * analysis is loaded once at start-up by `AnalysisDefaultsLoader`).
   */
  readonly warnings = computed(() => {
    const problem = this.analysisDefaults.problem();
    const own = this.warningsState();
    return problem === null ? own : [problem, ...own];
  });
  /** Ticks explained in full by the worker since the last reset. */
  readonly ticksExplained = this.explainedTicks.asReadonly();
  readonly recording = this.replayer.recording;
  readonly position = this.replayer.position;
  /** The live feed URL: the `?feed=` override, else the settings' feed URL; null when none. */
  readonly liveUrl = computed(
    () => this.feedUrlOverride() ?? (this.settings.settings().feed.url || null),
  );
  readonly sourceStatus = computed(() =>
    this.sourceState() === 'replay' ? this.replayer.status() : this.live.status(),
  );

  /** What the status strip shows: the source's state plus the worker's model and rejections. */
  private readonly statusPatch = computed<Partial<SourceStatus>>(() => {
    const name =
      this.sourceState() === 'replay'
        ? (this.replayer.recording()?.sessionDate ?? 'demo')
        : (this.liveUrl() ?? 'no feed URL');
    return pipelineStatusPatch(
      dashboardStatusPatch(this.sourceStatus(), name),
      this.workerRejected(),
      this.modelState(),
    );
  });
  private readonly rules = computed(() => explainRulesFromSettings(this.settings.settings()));

  private subscription: Subscription | null = null;
  /** Bumped by every reset: replies and queued ticks of an older generation are dropped. */
  private generation = 0;
  /** The worker's engine: resolves true once `explain-init` answered, false if it failed. */
  private engine: Promise<boolean> = Promise.resolve(false);
  private engineDirty = false;
  private reinitToken = 0;
  /** Store updates waiting for the next animation frame. */
  private pending: StoreUpdate[] = [];
  /** The latest frame of each level sent since the last full explanation. */
  private positionsSince = new Map<LevelKind, LevelFrame>();
  /** p_break of catch-up replies since the last full explanation's reply. */
  private predictionsSince: PredictionPoint[] = [];
  private settingsSpeed: number | null = null;
  private flushScheduled = false;

  constructor() {
    // Syncs the status into the store's imperative API (the store also takes it from fixtures).
    effect(() => {
      const patch = this.statusPatch();
      untracked(() => this.store.setStatus(patch));
    });
    // The replayer follows the user's play/pause intent (button, Space).
    effect(() => {
      const intent = this.store.playback();
      const ready = this.startedState() && this.replayer.recording() !== null;
      if (!ready || this.sourceState() !== 'replay') return;
      untracked(() => (intent === 'playing' ? this.replayer.play() : this.replayer.pause()));
    });
    // A replay speed changed in the settings applies at once (the start speed is set by start()).
    effect(() => {
      const speed = this.settings.settings().replay.speed;
      if (!this.startedState()) return;
      untracked(() => {
        if (speed === this.settingsSpeed) return;
        this.settingsSpeed = speed;
        this.setSpeed(speed);
      });
    });
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  /** Starts once: loads the model and artifacts in the worker, then the chosen source. */
  start(options: PipelineStartOptions = DEFAULT_START_OPTIONS): void {
    if (this.startedState()) return;
    // Saved settings name a start speed only when it is not the settings' default (1×), so saving
    // a threshold does not slow the demo down to real time.
    const settingsSpeed = this.settings.settings().replay.speed;
    const saved =
      this.settings.customised() && settingsSpeed !== this.settings.defaults().replay.speed
        ? settingsSpeed
        : null;
    this.settingsSpeed = settingsSpeed;
    this.speedState.set(options.speed ?? saved ?? DEFAULT_REPLAY_SPEED);
    this.feedUrlOverride.set(options.feedUrl);
    this.store.setPlayback(options.autoplay ? 'playing' : 'paused');
    this.engine = this.initEngine();
    this.engineDirty = false;
    this.startedState.set(true);
    if (options.source === 'live' && this.liveUrl() !== null) this.useLive();
    else this.useReplay(options.seek);
  }

  /** Replay only: moves to tick `index` (−1 = before the first). */
  seek(index: number): void {
    if (this.sourceState() === 'replay') this.replayer.seekToTick(index);
  }

  setSpeed(speed: number): void {
    this.replayer.setSpeed(speed);
    this.speedState.set(this.replayer.speed);
  }

  togglePlayback(): void {
    this.store.togglePlayback();
  }

  /** Switches between the demo replay and the live feed (the store starts over). */
  switchSource(kind: PipelineSourceKind): void {
    if (!this.startedState() || kind === this.sourceState()) return;
    if (kind === 'live') {
      if (this.liveUrl() === null) return;
      this.useLive();
    } else {
      this.useReplay(null);
    }
  }

  private useReplay(seek: number | null): void {
    this.live.disconnect();
    this.follow('replay', this.replayer);
    if (this.replayer.recording() !== null) {
      // Back from live: replay again up to where the replay stood.
      this.replayer.setSpeed(this.speedState());
      this.replayer.seekToTick(this.replayer.position());
      return;
    }
    this.replayer
      .load(DEMO_RECORDING_URL, this.speedState())
      .then(() => {
        if (seek !== null) this.replayer.seekToTick(seek);
      })
      .catch((e: unknown) => {
        // Catches a missing or corrupt recording: the replayer's status shows the error.
        this.addWarning(`demo recording: ${messageOf(e)}`);
      });
  }

  private useLive(): void {
    const url = this.liveUrl();
    if (url === null) return;
    this.replayer.pause();
    this.follow('live', this.live);
    this.live.connect({ url, token: this.settings.settings().feed.token || null });
  }

  private follow(kind: PipelineSourceKind, source: FrameSource): void {
    this.subscription?.unsubscribe();
    this.sourceState.set(kind);
    this.resetAll();
    this.subscription = source.events$
      .pipe(batchFeedEvents(this.uiScheduler))
      .subscribe((events) => this.onEvents(events));
  }

  private onEvents(events: readonly FeedEvent[]): void {
    let ticks: FrameTick[] = [];
    for (const event of events) {
      if (event.type === 'reset') {
        this.schedule.push(ticks);
        ticks = [];
        this.resetAll();
        continue;
      }
      ticks.push(...event.ticks);
    }
    this.schedule.push(ticks);
  }

  /** Forgets every level and, if the worker has seen frames, starts a new session in it. */
  private resetAll(): void {
    this.generation++;
    this.pending = [];
    this.positionsSince = new Map();
    this.predictionsSince = [];
    this.schedule.clear();
    this.workerRejected.set(NO_REJECTIONS);
    this.explainedTicks.set(0);
    this.store.reset();
    this.store.setStatus(untracked(() => this.statusPatch()));
    if (!this.engineDirty) return;
    this.engineDirty = false;
    const token = ++this.reinitToken;
    // A later reset queues its own: only the newest one runs. A failed start is tried again.
    this.engine = this.engine.then((ok) =>
      token !== this.reinitToken ? ok : ok ? this.resetEngine() : this.initEngine(),
    );
  }

  /** Queues the job's request; sent in order once the engine is ready. */
  private sendJob(job: ExplainJob): void {
    const gen = this.generation;
    this.engineDirty = true;
    const ticks = job.kind === 'full' ? [job.tick] : job.ticks;
    for (const tick of ticks) for (const f of tick.frames) this.positionsSince.set(f.level_kind, f);
    if (job.kind === 'history') {
      this.engine = this.engine.then((ok) => {
        if (!ok || gen !== this.generation) return ok;
        this.inference
          .catchUp(
            job.ticks.map((t) => t.frames),
            true,
          )
          .then(
            (response) => this.onPredictions(gen, response),
            (e: unknown) => this.onExplainError(gen, e),
          );
        return ok;
      });
      return;
    }
    const positions = [...this.positionsSince.values()];
    this.positionsSince = new Map();
    this.engine = this.engine.then((ok) => {
      if (gen !== this.generation) return ok;
      // Without an engine there are no signals: the positions are shown as they come.
      if (!ok) this.update(gen, { positions, predictions: [], signals: [] });
      else
        this.inference.explain(job.tick.frames, this.rules()).then(
          (response) => this.onSignals(gen, response, positions),
          (e: unknown) => {
            this.onExplainError(gen, e);
            this.update(gen, { positions, predictions: [], signals: [] });
          },
        );
      return ok;
    });
  }

  private onPredictions(gen: number, response: LevelPredictionsResponse): void {
    if (gen !== this.generation) return;
    this.countRejected(response.rejected);
    for (const p of response.predictions)
      this.predictionsSince.push({
        kind: p.kind,
        timestamp: p.timestamp,
        p_break: p.p_break,
        bucket: p.time_bucket,
      });
  }

  private onSignals(
    gen: number,
    response: LevelSignalsResponse,
    positions: readonly LevelFrame[],
  ): void {
    if (gen !== this.generation) return;
    this.explainedTicks.update((n) => n + 1);
    this.countRejected(response.rejected);
    const model = this.modelState();
    if (response.method === 'base_rate' && response.reason !== null && model.status === 'ready')
      this.modelState.set({ status: 'unavailable', reason: response.reason });
    this.update(gen, { positions, predictions: [], signals: response.signals });
  }

  private countRejected(rejected: LevelSignalsResponse['rejected']): void {
    if (rejected.count > 0) this.workerRejected.update((r) => addCounts(r, rejected.reasons));
  }

  private onExplainError(gen: number, e: unknown): void {
    if (gen !== this.generation) return;
    this.modelState.set({ status: 'unavailable', reason: `explain failed: ${messageOf(e)}` });
  }

  /** Queues a screen update (with the p_break series since the last one) for the next frame. */
  private update(gen: number, update: StoreUpdate): void {
    if (gen !== this.generation) return;
    this.schedule.fullAnswered();
    this.pending.push({ ...update, predictions: this.predictionsSince });
    this.predictionsSince = [];
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.uiScheduler.schedule(() => {
      this.flushScheduled = false;
      const updates = this.pending;
      this.pending = [];
      for (const u of updates) applyStoreUpdate(this.store, u);
    });
  }

  /** A new session in the worker (`explain-reset`); a fresh engine if that fails. */
  private async resetEngine(): Promise<boolean> {
    try {
      await this.inference.explainReset();
      return true;
    } catch {
      // Catches a worker that cannot reset (e.g. restarted): a full explain-init instead.
      return this.initEngine();
    }
  }

  /** `explain-init` in the worker; the model state says whether the model is in use and why not. */
  private async initEngine(): Promise<boolean> {
    try {
      const ready = await this.inference.explainInit();
      this.modelState.set(
        ready.modelEnabled
          ? { status: 'ready', selfTest: ready.selfTest.status }
          : { status: 'unavailable', reason: ready.reason ?? 'the model is disabled' },
      );
      for (const w of ready.warnings) this.addWarning(w);
      if (ready.selfTest.status !== 'passed')
        this.addWarning(`model self-test ${ready.selfTest.status}: ${ready.selfTest.detail}`);
      return true;
    } catch (e: unknown) {
      // Catches missing or corrupt explanation artifacts (or a worker that cannot start): no
      // signals at all, the levels' positions only, and the reason in the status strip.
      this.modelState.set({ status: 'unavailable', reason: messageOf(e) });
      return false;
    }
  }

  private addWarning(text: string): void {
    this.warningsState.update((w) => (w.includes(text) ? w : [...w, text]));
  }
}
