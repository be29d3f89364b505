import { Subject, VirtualTimeScheduler } from 'rxjs';
import { FeedEvent } from '../../domain/feed/frame-tick';
import { batchFeedEvents } from './batch-feed-events';
import { advanceTo } from './testing/virtual-feed-time';

describe('batchFeedEvents', () => {
  it('delivers the events of one scheduler turn as one array, in order', () => {
    const time = new VirtualTimeScheduler();
    const source = new Subject<FeedEvent>();
    const batches: (readonly FeedEvent[])[] = [];
    source.pipe(batchFeedEvents(time)).subscribe((b) => batches.push(b));
    const reset: FeedEvent = { type: 'reset' };
    const empty: FeedEvent = { type: 'ticks', ticks: [], catchUp: false };
    source.next(reset);
    source.next(empty);
    source.next(empty);
    expect(batches).toEqual([]);
    advanceTo(time, 0);
    expect(batches).toEqual([[reset, empty, empty]]);
    source.next(reset);
    advanceTo(time, 16);
    expect(batches.length).toBe(2);
    advanceTo(time, 100);
    expect(batches.length).toBe(2);
  });
});
