import { TestBed } from '@angular/core/testing';
import { VirtualTimeScheduler } from 'rxjs';
import { FeedEvent } from '../../domain/feed/frame-tick';
import { sampleFeedFrames } from '../../domain/feed/sample-feed';
import {
  FEED_BACKOFF,
  FEED_RANDOM,
  FEED_SCHEDULER,
  FEED_SOCKET_FACTORY,
  FEED_UI_SCHEDULER,
} from './feed-tokens';
import { LiveFeedClient } from './live-feed-client';
import { FakeFeedSocket, fakeSocketFactory } from './testing/fake-feed-socket';
import { advanceTo } from './testing/virtual-feed-time';

const FRAMES = sampleFeedFrames(10);

function setup(random = 0): {
  client: LiveFeedClient;
  time: VirtualTimeScheduler;
  sockets: FakeFeedSocket[];
  events: FeedEvent[];
} {
  const time = new VirtualTimeScheduler();
  const fake = fakeSocketFactory();
  TestBed.configureTestingModule({
    providers: [
      { provide: FEED_SCHEDULER, useValue: time },
      { provide: FEED_UI_SCHEDULER, useValue: time },
      { provide: FEED_SOCKET_FACTORY, useValue: fake.factory },
      { provide: FEED_RANDOM, useValue: () => random },
      { provide: FEED_BACKOFF, useValue: { baseMs: 1_000, maxMs: 8_000, jitter: 0.5 } },
    ],
  });
  const client = TestBed.inject(LiveFeedClient);
  const events: FeedEvent[] = [];
  client.events$.subscribe((e) => events.push(e));
  return { client, time, sockets: fake.sockets, events };
}

const seqsOf = (events: readonly FeedEvent[]): number[] =>
  events.flatMap((e) =>
    e.type === 'ticks' ? e.ticks.flatMap((t) => t.frames.map((f) => f.seq)) : [],
  );

const tick = (i: number): unknown => ({ type: 'frames', frames: FRAMES.slice(i * 4, i * 4 + 4) });

describe('LiveFeedClient', () => {
  it('sends resume with the token on open and emits one tick per frames message', () => {
    const { client, time, sockets, events } = setup();
    client.connect({ url: 'ws://feed.test/', token: 'tok' });
    advanceTo(time, 0);
    expect(client.status().state).toBe('connecting');
    sockets[0].open();
    expect(sockets[0].sent).toEqual([{ type: 'resume', afterSeq: null, token: 'tok' }]);
    sockets[0].receive({ type: 'hello', protocol: 'pentaview-feed/1', lastSeq: null, speed: 1 });
    sockets[0].receive(tick(0));
    sockets[0].receive(tick(1));
    advanceTo(time, 10);
    expect(events[0]).toEqual({ type: 'reset' });
    expect(events.filter((e) => e.type === 'ticks').length).toBe(2);
    expect(seqsOf(events)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(client.status()).toEqual(
      jasmine.objectContaining({
        kind: 'live',
        state: 'open',
        lastFrameTs: FRAMES[4].ts,
        duplicates: 0,
        gaps: 0,
      }),
    );
  });

  it('reconnects with exponential backoff, bounded, and resumes after the last seq without duplicates', () => {
    const { client, time, sockets, events } = setup(0);
    client.connect({ url: 'ws://feed.test/' });
    sockets[0].open();
    sockets[0].receive(tick(0));
    sockets[0].receive(tick(1));
    sockets[0].drop(1006);
    advanceTo(time, 0);
    expect(client.status().state).toBe('reconnecting');
    // Failed attempts: the server never answers.
    let now = 0;
    for (let i = 0; i < 5; i++) {
      const delay = client.reconnectDelays()[i];
      advanceTo(time, now + delay - 1);
      expect(sockets.length).toBe(i + 1);
      now += delay;
      advanceTo(time, now);
      expect(sockets.length).toBe(i + 2);
      sockets[i + 1].drop(1006);
    }
    // random() = 0 gives the ceiling: 1, 2, 4, 8 s, then capped at maxMs = 8 s.
    expect(client.reconnectDelays()).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    now += 8_000;
    advanceTo(time, now);
    const last = sockets[sockets.length - 1];
    last.open();
    expect(last.sent).toEqual([{ type: 'resume', afterSeq: 7 }]);
    // A server that replays from too early: the overlap is dropped and counted.
    last.receive({ type: 'frames', frames: FRAMES.slice(4, 12) });
    advanceTo(time, now + 1);
    expect(seqsOf(events)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(client.status().duplicates).toBe(4);
    expect(client.status().state).toBe('open');
    // A hello from the server resets the backoff: the next drop waits the base delay again.
    last.receive({ type: 'hello', protocol: 'pentaview-feed/1', lastSeq: 11, speed: 1 });
    last.drop(1006);
    expect(client.reconnectDelays().at(-1)).toBe(1_000);
  });

  it('draws jitter from the injected random source within [d/2, d]', () => {
    const { client, sockets } = setup(0.999);
    client.connect({ url: 'ws://feed.test/' });
    sockets[0].drop(1006);
    expect(client.reconnectDelays()[0]).toBeCloseTo(500.5, 3);
  });

  it('a refused token stops the client with error and no retry', () => {
    const { client, time, sockets } = setup();
    client.connect({ url: 'ws://feed.test/', token: 'bad' });
    sockets[0].open();
    sockets[0].drop(4401, 'invalid token');
    advanceTo(time, 120_000);
    expect(sockets.length).toBe(1);
    expect(client.status().state).toBe('error');
    expect(client.status().detail).toBe('invalid token');
  });

  it('counts invalid frames and malformed messages with reasons and keeps the stream going', () => {
    const { client, time, sockets, events } = setup();
    client.connect({ url: 'ws://feed.test/' });
    sockets[0].open();
    sockets[0].receive('{oops');
    sockets[0].receive({
      type: 'frames',
      frames: [FRAMES[0], { ...FRAMES[1], spot: null }, 42, FRAMES[2]],
    });
    sockets[0].receive({ type: 'weird' });
    sockets[0].receive([FRAMES[3]]);
    sockets[0].receive({ type: 'frames', frames: [FRAMES[6]] });
    advanceTo(time, 1);
    expect(seqsOf(events)).toEqual([0, 2, 3, 6]);
    expect(client.status().rejected).toEqual({
      count: 4,
      byReason: {
        'malformed JSON': 1,
        'invalid spot': 1,
        'not a JSON object': 1,
        'malformed message': 1,
      },
    });
    // 0 → 2 (seq 1 was invalid) and 3 → 6.
    expect(client.status().gaps).toBe(2);
  });

  it('emits reset when the feed goes back in time (a looping server)', () => {
    const { client, sockets, events } = setup();
    client.connect({ url: 'ws://feed.test/' });
    sockets[0].open();
    sockets[0].receive(tick(1));
    const again = sampleFeedFrames(1, { seqStart: 100 });
    sockets[0].receive({ type: 'frames', frames: again });
    expect(events.map((e) => e.type)).toEqual(['reset', 'ticks', 'reset', 'ticks']);
  });

  it('forgets the seq when a restarted server is behind it, instead of dropping everything', () => {
    const { client, time, sockets, events } = setup();
    client.connect({ url: 'ws://feed.test/' });
    sockets[0].open();
    sockets[0].receive(tick(2));
    sockets[0].drop(1006);
    advanceTo(time, 1_000);
    sockets[1].open();
    expect(sockets[1].sent).toEqual([{ type: 'resume', afterSeq: 11 }]);
    events.length = 0;
    sockets[1].receive({ type: 'hello', protocol: 'pentaview-feed/1', lastSeq: 3, speed: 1 });
    sockets[1].receive(tick(1));
    expect(events[0]).toEqual({ type: 'reset' });
    expect(seqsOf(events)).toEqual([4, 5, 6, 7]);
    expect(client.lastSeq).toBe(7);
  });

  it('keeps the seq when the server is at or past it', () => {
    const { client, time, sockets, events } = setup();
    client.connect({ url: 'ws://feed.test/' });
    sockets[0].open();
    sockets[0].receive(tick(1));
    sockets[0].drop(1006);
    advanceTo(time, 1_000);
    sockets[1].open();
    events.length = 0;
    sockets[1].receive({ type: 'hello', protocol: 'pentaview-feed/1', lastSeq: 7, speed: 1 });
    sockets[1].receive(tick(1));
    expect(events).toEqual([]);
    expect(client.status().duplicates).toBe(0);
    advanceTo(time, 1_001);
    expect(client.status().duplicates).toBe(4);
  });

  it('end of data closes without reconnecting; disconnect stops pending retries', () => {
    const { client, time, sockets } = setup();
    client.connect({ url: 'ws://feed.test/' });
    sockets[0].open();
    sockets[0].receive({ type: 'end', lastSeq: 3 });
    sockets[0].drop(1000, 'end of data');
    advanceTo(time, 60_000);
    expect(sockets.length).toBe(1);
    expect(client.status().state).toBe('closed');

    client.connect({ url: 'ws://feed.test/' });
    sockets[1].drop(1006);
    client.disconnect();
    advanceTo(time, 200_000);
    expect(sockets.length).toBe(2);
    expect(client.status().state).toBe('closed');
  });
});
