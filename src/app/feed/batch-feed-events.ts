import { Observable, OperatorFunction, SchedulerLike, animationFrameScheduler } from 'rxjs';
import { FeedEvent } from '../../domain/feed/frame-tick';

/**
 * Collects the events that arrive before the scheduler's next turn (by default the next animation
 * frame) and emits them as one array, so a burst of ticks touches signals once. Order is kept.
 */
export function batchFeedEvents(
  scheduler: SchedulerLike = animationFrameScheduler,
): OperatorFunction<FeedEvent, readonly FeedEvent[]> {
  return (source) =>
    new Observable<readonly FeedEvent[]>((subscriber) => {
      let batch: FeedEvent[] = [];
      let scheduled = false;
      const flush = (): void => {
        scheduled = false;
        const out = batch;
        batch = [];
        if (out.length > 0) subscriber.next(out);
      };
      const inner = source.subscribe({
        next: (event) => {
          batch.push(event);
          if (!scheduled) {
            scheduled = true;
            subscriber.add(scheduler.schedule(flush));
          }
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => {
          flush();
          subscriber.complete();
        },
      });
      return () => inner.unsubscribe();
    });
}
