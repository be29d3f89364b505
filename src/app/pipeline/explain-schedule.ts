import type { SchedulerLike, Subscription } from 'rxjs';
import type { FrameTick } from '../../domain/feed/frame-tick';

export interface ExplainScheduleOptions {
  /**
   * A tick that cannot be explained in full at once (too soon after the last full explanation, or
   * one still running) waits this long for a newer tick; if none comes, it is explained in full.
   */
  readonly holdMs: number;
  /** Least wall-clock time between the starts of two full explanations. */
  readonly fullSpacingMs: number;
}

/**
 * 250 ms between full explanations: at most four screen updates a second. At 60× and slower a tick
 * arrives every 500 ms or more, so every tick is explained in full the moment it arrives; at 600×
 * (a tick every 50 ms) about one tick in five is, the others only feed the history and the p_break
 * series. A held tick waits 200 ms, four ticks at 600×, before it is explained anyway.
 */
export const DEFAULT_EXPLAIN_SCHEDULE: ExplainScheduleOptions = { holdMs: 200, fullSpacingMs: 250 };

export type ExplainJob =
  /** Explain this tick in full: it is what the screen shows next. */
  | { readonly kind: 'full'; readonly tick: FrameTick }
  /** Take these ticks (oldest first) into the history, their p_break only: never shown in full. */
  | { readonly kind: 'history'; readonly ticks: readonly FrameTick[] };

/**
 * Decides which ticks the worker explains in full ("explain what is shown"). Ticks are handed over
 * in feed order; every tick reaches the worker exactly once and in order, either in full or as
 * history. The newest tick is always explained in full eventually: at once when the last full
 * explanation has answered and started at least `fullSpacingMs` ago, otherwise it is held until a
 * newer tick replaces it (it then goes to the history), the running explanation answers after the
 * spacing, or `holdMs` pass. The ticks of one hand-over but the last (a seek's catch-up, a burst)
 * go to the history at once.
 */
export class ExplainSchedule {
  private held: FrameTick | null = null;
  private timer: Subscription | null = null;
  private lastFullAt = Number.NEGATIVE_INFINITY;
  private fullInFlight = 0;

  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly send: (job: ExplainJob) => void,
    private readonly options: ExplainScheduleOptions = DEFAULT_EXPLAIN_SCHEDULE,
  ) {}

  /** Newer ticks, oldest first. */
  push(ticks: readonly FrameTick[]): void {
    const last = ticks.at(-1);
    if (last === undefined) return;
    const history = this.held === null ? [] : [this.held];
    this.held = null;
    this.cancelTimer();
    history.push(...ticks.slice(0, -1));
    if (history.length > 0) this.send({ kind: 'history', ticks: history });
    if (this.due()) {
      this.sendFull(last);
      return;
    }
    this.held = last;
    this.timer = this.scheduler.schedule(() => {
      this.timer = null;
      this.releaseHeld();
    }, this.options.holdMs);
  }

  /** A full explanation answered (or failed): a held tick may go now. */
  fullAnswered(): void {
    this.fullInFlight = Math.max(0, this.fullInFlight - 1);
    if (this.held !== null && this.due()) this.releaseHeld();
  }

  /** Drops the held tick (a reset): the next tick is explained in full at once. */
  clear(): void {
    this.held = null;
    this.cancelTimer();
    this.lastFullAt = Number.NEGATIVE_INFINITY;
    this.fullInFlight = 0;
  }

  private due(): boolean {
    return (
      this.fullInFlight === 0 &&
      this.scheduler.now() - this.lastFullAt >= this.options.fullSpacingMs
    );
  }

  private releaseHeld(): void {
    const tick = this.held;
    this.held = null;
    this.cancelTimer();
    if (tick !== null) this.sendFull(tick);
  }

  private sendFull(tick: FrameTick): void {
    this.lastFullAt = this.scheduler.now();
    this.fullInFlight++;
    this.send({ kind: 'full', tick });
  }

  private cancelTimer(): void {
    this.timer?.unsubscribe();
    this.timer = null;
  }
}
