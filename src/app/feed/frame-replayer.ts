import { Injectable, inject, signal } from '@angular/core';
import { Observable, Subject, Subscription } from 'rxjs';
import { parseFrameRecording } from '../../domain/feed/frame-recording';
import { FeedEvent, FrameTick, groupFramesIntoTicks } from '../../domain/feed/frame-tick';
import { FrameRateMeter } from '../../domain/feed/frame-rate-meter';
import { NO_REJECTIONS, RejectionCounts } from '../../domain/feed/rejection-counts';
import {
  ReplayClock,
  clampReplaySpeed,
  feedTimeAt,
  lastTickAtOrBefore,
  pauseClock,
  pausedClockAt,
  playClock,
  setClockFeedTime,
  setClockSpeed,
  wallTimeOfFeed,
} from '../../domain/feed/replay-clock';
import { FEED_FETCH, FEED_SCHEDULER, FEED_UI_SCHEDULER } from './feed-tokens';
import { FrameSource, FrameSourceStatus, initialSourceStatus } from './frame-source';
import { decodeRecordingBytes } from './recording-loader';

/** The embedded demo recording (public/demo, see docs/frame-sources.md). */
export const DEMO_RECORDING_URL = 'demo/demo-session.ndjson.gz';

/** Feed-time slack when deciding which ticks are due (absorbs floating-point rounding). */
const DUE_TOLERANCE_MS = 0.5;

export interface LoadedRecording {
  /** Where it came from (URL or a caller's name). */
  readonly name: string;
  readonly sessionDate: string | null;
  readonly frames: number;
  readonly ticks: number;
  readonly firstFeedMs: number | null;
  readonly lastFeedMs: number | null;
}

/**
 * Replays a recorded session tick by tick, paced by feed time × speed (1×–600×) on the injected
 * scheduler. `seekToTick`/`seekToFeedTime` emit `reset` and then every tick up to the target in
 * one `ticks` event (catchUp), so downstream rolling buffers are rebuilt exactly. The same
 * recording and the same calls at the same scheduler times give the same events.
 */
@Injectable({ providedIn: 'root' })
export class FrameReplayer implements FrameSource {
  private readonly scheduler = inject(FEED_SCHEDULER);
  private readonly uiScheduler = inject(FEED_UI_SCHEDULER);
  private readonly fetchRecording = inject(FEED_FETCH);

  private ticks: readonly FrameTick[] = [];
  /** Index of the next tick to emit. */
  private cursor = 0;
  private clock: ReplayClock = pausedClockAt(0, 1, 0);
  private pending: Subscription | null = null;
  private publishing: Subscription | null = null;
  private rejected: RejectionCounts = NO_REJECTIONS;
  private state: FrameSourceStatus['state'] = 'closed';
  private detail: string | null = null;
  private lastFrameTs: string | null = null;
  private readonly meter = new FrameRateMeter();
  private readonly events = new Subject<FeedEvent>();
  private readonly statusState = signal<FrameSourceStatus>(initialSourceStatus('replay'));
  private readonly recordingState = signal<LoadedRecording | null>(null);
  private readonly positionState = signal(-1);

  readonly events$: Observable<FeedEvent> = this.events.asObservable();
  readonly status = this.statusState.asReadonly();
  readonly recording = this.recordingState.asReadonly();
  /** Index of the last tick emitted, −1 before the first. */
  readonly position = this.positionState.asReadonly();

  /** Fetches and loads a recording (gzip or plain NDJSON). Rejects, with status `error`, on failure. */
  async load(url: string = DEMO_RECORDING_URL, speed?: number): Promise<void> {
    this.stop();
    this.state = 'connecting';
    this.detail = null;
    this.publishNow();
    try {
      const response = await this.fetchRecording(url);
      if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
      const text = await decodeRecordingBytes(new Uint8Array(await response.arrayBuffer()));
      this.loadText(text, url, speed);
    } catch (error: unknown) {
      // Network failures, HTTP errors and corrupt gzip data all end here.
      this.state = 'error';
      this.detail = error instanceof Error ? error.message : String(error);
      this.publishNow();
      throw error;
    }
  }

  /**
   * Loads NDJSON text: malformed lines are counted (status.rejected) and skipped. Emits `reset`,
   * leaves the replay paused before the first tick.
   */
  loadText(text: string, name = 'recording', speed = this.clock.speed): void {
    this.stop();
    const parsed = parseFrameRecording(text);
    this.ticks = groupFramesIntoTicks(parsed.frames);
    this.rejected = parsed.rejected;
    this.cursor = 0;
    this.lastFrameTs = null;
    this.meter.clear();
    const first = this.ticks[0];
    const last = this.ticks[this.ticks.length - 1];
    this.clock = pausedClockAt(first?.feedTimeMs ?? 0, speed, this.scheduler.now());
    this.recordingState.set({
      name,
      sessionDate: first?.frames[0]?.session_date ?? null,
      frames: parsed.frames.length,
      ticks: this.ticks.length,
      firstFeedMs: first?.feedTimeMs ?? null,
      lastFeedMs: last?.feedTimeMs ?? null,
    });
    this.positionState.set(-1);
    this.state = this.ticks.length > 0 ? 'paused' : 'closed';
    this.detail = null;
    this.events.next({ type: 'reset' });
    this.publishNow();
  }

  play(): void {
    if (this.ticks.length === 0 || this.clock.playing) return;
    if (this.cursor >= this.ticks.length) this.seekToTick(-1);
    this.clock = playClock(this.clock, this.scheduler.now());
    this.state = 'playing';
    this.scheduleNext();
    this.publishSoon();
  }

  pause(): void {
    if (!this.clock.playing) return;
    this.clock = pauseClock(this.clock, this.scheduler.now());
    this.cancelPending();
    this.state = 'paused';
    this.publishSoon();
  }

  togglePlayback(): void {
    if (this.clock.playing) this.pause();
    else this.play();
  }

  /** 1×–600× (clamped); takes effect at once without jumping the feed time. */
  setSpeed(speed: number): void {
    this.clock = setClockSpeed(this.clock, clampReplaySpeed(speed), this.scheduler.now());
    if (this.clock.playing) this.scheduleNext();
    this.publishSoon();
  }

  get speed(): number {
    return this.clock.speed;
  }

  /**
   * Moves to tick `index` (clamped to −1…last): emits `reset`, then ticks 0…index at once; playback
   * continues from the next tick if it was playing. −1 goes back before the first tick.
   */
  seekToTick(index: number): void {
    if (this.ticks.length === 0) return;
    const target = Math.max(-1, Math.min(this.ticks.length - 1, Math.trunc(index)));
    this.cancelPending();
    const now = this.scheduler.now();
    this.events.next({ type: 'reset' });
    if (target >= 0) {
      this.events.next({ type: 'ticks', ticks: this.ticks.slice(0, target + 1), catchUp: true });
      this.lastFrameTs = this.ticks[target].ts;
    } else {
      this.lastFrameTs = null;
    }
    this.cursor = target + 1;
    this.positionState.set(target);
    const feedMs = target >= 0 ? this.ticks[target].feedTimeMs : this.ticks[0].feedTimeMs;
    this.clock = setClockFeedTime(this.clock, feedMs, now);
    if (this.state === 'closed' && this.cursor < this.ticks.length) this.state = 'paused';
    if (this.clock.playing) this.scheduleNext();
    this.publishSoon();
  }

  /** Seeks to the last tick at or before `feedMs` (epoch ms); before the first tick → −1. */
  seekToFeedTime(feedMs: number): void {
    this.seekToTick(lastTickAtOrBefore(this.ticks, feedMs));
  }

  /** Stops playback and forgets nothing: the position stays where it is. */
  private stop(): void {
    this.cancelPending();
    if (this.clock.playing) this.clock = pauseClock(this.clock, this.scheduler.now());
  }

  private scheduleNext(): void {
    this.cancelPending();
    if (!this.clock.playing || this.cursor >= this.ticks.length) return;
    const due = wallTimeOfFeed(this.clock, this.ticks[this.cursor].feedTimeMs);
    if (due === null) return;
    const delay = Math.max(0, due - this.scheduler.now());
    this.pending = this.scheduler.schedule(() => this.emitDueTicks(), delay);
  }

  private emitDueTicks(): void {
    this.pending = null;
    const now = this.scheduler.now();
    // The timer was set for the tick at the cursor: emit it even if rounding puts the clock a
    // hair before it, then any later ticks that are also due (a late timer).
    this.emitTick(this.ticks[this.cursor], now);
    const feedNow = feedTimeAt(this.clock, now) + DUE_TOLERANCE_MS;
    while (this.cursor < this.ticks.length && this.ticks[this.cursor].feedTimeMs <= feedNow) {
      this.emitTick(this.ticks[this.cursor], now);
    }
    if (this.cursor >= this.ticks.length) {
      const lastFeed = this.ticks[this.ticks.length - 1].feedTimeMs;
      this.clock = setClockFeedTime(pauseClock(this.clock, now), lastFeed, now);
      this.state = 'closed';
    } else {
      this.scheduleNext();
    }
    this.publishSoon();
  }

  private emitTick(tick: FrameTick, now: number): void {
    this.cursor++;
    this.positionState.set(tick.index);
    this.lastFrameTs = tick.ts;
    this.meter.record(now, tick.frames.length);
    this.events.next({ type: 'ticks', ticks: [tick], catchUp: false });
  }

  private cancelPending(): void {
    this.pending?.unsubscribe();
    this.pending = null;
  }

  /** Publishes the status on the next UI-scheduler turn (at most once per animation frame). */
  private publishSoon(): void {
    if (this.publishing !== null) return;
    this.publishing = this.uiScheduler.schedule(() => {
      this.publishing = null;
      this.publishNow();
    });
  }

  private publishNow(): void {
    const now = this.scheduler.now();
    this.statusState.set({
      kind: 'replay',
      state: this.state,
      lastFrameTs: this.lastFrameTs,
      feedTimeMs: this.ticks.length > 0 ? feedTimeAt(this.clock, now) : null,
      framesPerSecond: this.meter.rate(now),
      rejected: this.rejected,
      duplicates: 0,
      gaps: 0,
      detail: this.detail,
    });
  }
}
