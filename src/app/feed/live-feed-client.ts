import { Injectable, inject, signal } from '@angular/core';
import { Observable, Subject, Subscription } from 'rxjs';
import {
  FEED_CLOSE,
  FeedResumeMessage,
  parseFeedServerMessage,
} from '../../domain/feed/feed-protocol';
import { INITIAL_INTAKE, IntakeState, intakeFrames } from '../../domain/feed/frame-intake';
import { FrameRateMeter } from '../../domain/feed/frame-rate-meter';
import { FeedEvent, splitArrivalIntoTicks } from '../../domain/feed/frame-tick';
import { backoffDelayMs } from '../../domain/feed/reconnect-backoff';
import { REJECT_REASON, addRejection } from '../../domain/feed/rejection-counts';
import {
  FEED_BACKOFF,
  FEED_RANDOM,
  FEED_SCHEDULER,
  FEED_SOCKET_FACTORY,
  FEED_UI_SCHEDULER,
  FeedSocket,
} from './feed-tokens';
import { FrameSource, FrameSourceStatus, initialSourceStatus } from './frame-source';

export interface LiveFeedOptions {
  /** ws:// or wss:// URL of a `pentaview-feed/1` server. */
  readonly url: string;
  /** Sent in the resume message; the server closes with 4401 when it does not match. */
  readonly token?: string | null;
}

/** How many recent reconnect delays `reconnectDelays` keeps. */
const KEPT_DELAYS = 32;

/** Close codes after which reconnecting cannot help. */
const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  FEED_CLOSE.badToken,
  FEED_CLOSE.badMessage,
]);

/**
 * Receives frames from a live WebSocket feed (protocol in docs/frame-sources.md). After a drop it
 * reconnects with exponential backoff and jitter (bounded by the policy's maxMs, never giving up)
 * and resumes after the last seq it accepted; frames with a seq at or below it are dropped as
 * duplicates. Every frame is validated; invalid frames and malformed messages are counted with a
 * reason and never stop the stream. A refused token or end of data stops it.
 */
@Injectable({ providedIn: 'root' })
export class LiveFeedClient implements FrameSource {
  private readonly scheduler = inject(FEED_SCHEDULER);
  private readonly uiScheduler = inject(FEED_UI_SCHEDULER);
  private readonly openSocket = inject(FEED_SOCKET_FACTORY);
  private readonly random = inject(FEED_RANDOM);
  private readonly backoff = inject(FEED_BACKOFF);

  private options: LiveFeedOptions | null = null;
  private socket: FeedSocket | null = null;
  /** Increments on every connect/disconnect so callbacks of an old socket are ignored. */
  private generation = 0;
  private attempt = 0;
  private reconnectTimer: Subscription | null = null;
  private publishing: Subscription | null = null;
  private intake: IntakeState = INITIAL_INTAKE;
  private state: FrameSourceStatus['state'] = 'closed';
  private detail: string | null = null;
  private lastFrameTs: string | null = null;
  private lastTickMs: number | null = null;
  private tickCount = 0;
  private readonly meter = new FrameRateMeter();
  private readonly events = new Subject<FeedEvent>();
  private readonly statusState = signal<FrameSourceStatus>(initialSourceStatus('live'));
  /** Delays (ms) of the last reconnects scheduled since `connect`, oldest first. */
  private readonly delays = signal<readonly number[]>([]);

  readonly events$: Observable<FeedEvent> = this.events.asObservable();
  readonly status = this.statusState.asReadonly();
  readonly reconnectDelays = this.delays.asReadonly();

  /** Highest seq accepted so far (what a resume asks to continue after). */
  get lastSeq(): number | null {
    return this.intake.seq.lastSeq;
  }

  /** Connects to a feed, forgetting any previous one (emits `reset`). */
  connect(options: LiveFeedOptions): void {
    this.disconnect();
    this.options = options;
    this.intake = INITIAL_INTAKE;
    this.lastFrameTs = null;
    this.lastTickMs = null;
    this.tickCount = 0;
    this.attempt = 0;
    this.delays.set([]);
    this.meter.clear();
    this.events.next({ type: 'reset' });
    this.open('connecting');
  }

  /** Closes the connection and stops reconnecting. */
  disconnect(): void {
    this.generation++;
    this.cancelReconnect();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'client disconnect');
    if (this.options !== null) this.setState('closed', null);
    this.options = null;
  }

  private open(state: 'connecting' | 'reconnecting'): void {
    const options = this.options;
    if (options === null) return;
    const generation = ++this.generation;
    this.setState(state, this.detail);
    const live = (): boolean => generation === this.generation;
    try {
      this.socket = this.openSocket(options.url, {
        open: () => live() && this.onOpen(),
        message: (data) => live() && this.onMessage(data),
        close: (code, reason) => live() && this.onClose(code, reason),
      });
    } catch (error: unknown) {
      // The WebSocket constructor throws a SyntaxError for a malformed URL.
      this.socket = null;
      this.setState('error', error instanceof Error ? error.message : String(error));
    }
  }

  private onOpen(): void {
    const resume: FeedResumeMessage =
      this.options?.token != null
        ? { type: 'resume', afterSeq: this.intake.seq.lastSeq, token: this.options.token }
        : { type: 'resume', afterSeq: this.intake.seq.lastSeq };
    this.socket?.send(JSON.stringify(resume));
    this.setState('open', null);
  }

  private onMessage(data: unknown): void {
    let value: unknown;
    try {
      value = typeof data === 'string' ? JSON.parse(data) : undefined;
    } catch {
      // JSON.parse throws a SyntaxError for text that is not JSON.
      value = undefined;
    }
    const parsed = value === undefined ? null : parseFeedServerMessage(value);
    if (parsed === null || !parsed.ok) {
      this.countRejection(parsed === null ? REJECT_REASON.malformedJson : REJECT_REASON.badMessage);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'hello':
        this.attempt = 0;
        this.detectRestartedFeed(message.lastSeq);
        return;
      case 'end':
        this.generation++;
        this.socket?.close(1000, 'end of data');
        this.socket = null;
        this.setState('closed', 'end of data');
        return;
      case 'frames':
        this.takeFrames(message.frames);
        return;
    }
  }

  /**
   * A server whose feed is behind what this client already accepted was restarted (new data, seq
   * from the start): keep the counters but forget the seq and the levels, or every new frame would
   * be dropped as a duplicate.
   */
  private detectRestartedFeed(serverLastSeq: number | null): void {
    const mine = this.intake.seq.lastSeq;
    if (mine === null || (serverLastSeq !== null && serverLastSeq >= mine)) return;
    this.intake = { ...this.intake, seq: { ...this.intake.seq, lastSeq: null } };
    this.lastTickMs = null;
    this.events.next({ type: 'reset' });
  }

  private takeFrames(raw: readonly unknown[]): void {
    const result = intakeFrames(this.intake, raw);
    this.intake = result.state;
    const ticks = splitArrivalIntoTicks(result.frames, this.tickCount);
    const now = this.scheduler.now();
    for (const tick of ticks) {
      if (this.lastTickMs !== null && tick.feedTimeMs < this.lastTickMs)
        this.events.next({ type: 'reset' });
      this.tickCount++;
      this.lastTickMs = tick.feedTimeMs;
      this.lastFrameTs = tick.ts;
      this.meter.record(now, tick.frames.length);
      this.events.next({ type: 'ticks', ticks: [tick], catchUp: false });
    }
    this.publishSoon();
  }

  private onClose(code: number, reason: string): void {
    this.socket = null;
    if (FATAL_CLOSE_CODES.has(code)) {
      this.generation++;
      this.setState('error', reason || `closed with code ${code}`);
      return;
    }
    const delay = backoffDelayMs(this.attempt, this.backoff, this.random);
    this.attempt++;
    this.delays.update((d) => [...d.slice(-(KEPT_DELAYS - 1)), delay]);
    this.setState('reconnecting', reason || `closed with code ${code}`);
    this.cancelReconnect();
    this.reconnectTimer = this.scheduler.schedule(() => {
      this.reconnectTimer = null;
      this.open('reconnecting');
    }, delay);
  }

  private countRejection(reason: string): void {
    this.intake = { ...this.intake, rejected: addRejection(this.intake.rejected, reason) };
    this.publishSoon();
  }

  private cancelReconnect(): void {
    this.reconnectTimer?.unsubscribe();
    this.reconnectTimer = null;
  }

  private setState(state: FrameSourceStatus['state'], detail: string | null): void {
    this.state = state;
    this.detail = detail;
    this.publishSoon();
  }

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
      kind: 'live',
      state: this.state,
      lastFrameTs: this.lastFrameTs,
      feedTimeMs: this.lastTickMs,
      framesPerSecond: this.meter.rate(now),
      rejected: this.intake.rejected,
      duplicates: this.intake.seq.duplicates,
      gaps: this.intake.seq.gaps,
      detail: this.detail,
    });
  }
}
