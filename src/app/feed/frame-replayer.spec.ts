import { TestBed } from '@angular/core/testing';
import { VirtualTimeScheduler } from 'rxjs';
import { FeedEvent } from '../../domain/feed/frame-tick';
import { sampleFeedFrames, toNdjson } from '../../domain/feed/sample-feed';
import { FEED_FETCH, FEED_SCHEDULER, FEED_UI_SCHEDULER } from './feed-tokens';
import { FrameReplayer } from './frame-replayer';
import { advanceTo } from './testing/virtual-feed-time';

const SESSION = toNdjson(sampleFeedFrames(361));

function setup(fetchBody?: Uint8Array<ArrayBuffer>): {
  replayer: FrameReplayer;
  time: VirtualTimeScheduler;
  events: FeedEvent[];
} {
  const time = new VirtualTimeScheduler();
  TestBed.configureTestingModule({
    providers: [
      { provide: FEED_SCHEDULER, useValue: time },
      { provide: FEED_UI_SCHEDULER, useValue: time },
      {
        provide: FEED_FETCH,
        useValue: () => Promise.resolve(new Response(fetchBody ?? new Uint8Array(0))),
      },
    ],
  });
  const replayer = TestBed.inject(FrameReplayer);
  const events: FeedEvent[] = [];
  replayer.events$.subscribe((e) => events.push(e));
  return { replayer, time, events };
}

/** Tick indices of the paced (non-catch-up) ticks emitted so far. */
function pacedTicks(events: readonly FeedEvent[]): number[] {
  return events.flatMap((e) =>
    e.type === 'ticks' && !e.catchUp ? e.ticks.map((t) => t.index) : [],
  );
}

describe('FrameReplayer', () => {
  it('at 1× emits one tick per 30 s of virtual time, the first at once', () => {
    const { replayer, time, events } = setup();
    replayer.loadText(SESSION, 'test', 1);
    replayer.play();
    advanceTo(time, 0);
    expect(pacedTicks(events)).toEqual([0]);
    advanceTo(time, 29_999);
    expect(pacedTicks(events)).toEqual([0]);
    advanceTo(time, 30_000);
    expect(pacedTicks(events)).toEqual([0, 1]);
    advanceTo(time, 95_000);
    expect(pacedTicks(events)).toEqual([0, 1, 2, 3]);
    const tick = events.at(-1);
    expect(tick?.type === 'ticks' ? tick.ticks[0].frames.length : 0).toBe(4);
  });

  it('at 600× plays the 3-hour session in 18 s and closes at the end', () => {
    const { replayer, time, events } = setup();
    replayer.loadText(SESSION, 'test', 600);
    replayer.play();
    advanceTo(time, 50);
    expect(pacedTicks(events)).toEqual([0, 1]);
    advanceTo(time, 17_999);
    expect(pacedTicks(events).length).toBe(360);
    expect(replayer.status().state).toBe('playing');
    // 4 frames every 50 ms.
    expect(replayer.status().framesPerSecond).toBeCloseTo(80, 0);
    advanceTo(time, 18_000);
    expect(pacedTicks(events)).toEqual(Array.from({ length: 361 }, (_, i) => i));
    expect(replayer.status().state).toBe('closed');
    expect(replayer.status().lastFrameTs).toBe('2025-11-03T17:30:00.000Z');
    advanceTo(time, 60_000);
    expect(pacedTicks(events).length).toBe(361);
  });

  it('pause freezes feed time; play resumes where it stood; a speed change does not jump', () => {
    const { replayer, time, events } = setup();
    replayer.loadText(SESSION, 'test', 1);
    replayer.play();
    advanceTo(time, 45_000);
    replayer.pause();
    advanceTo(time, 500_000);
    expect(pacedTicks(events)).toEqual([0, 1]);
    expect(replayer.status().state).toBe('paused');
    expect(replayer.status().feedTimeMs).toBe(Date.parse('2025-11-03T14:30:45.000Z'));
    replayer.play();
    // 15 s of feed time remain until tick 2; at 10× that is 1.5 s.
    replayer.setSpeed(10);
    advanceTo(time, 501_499);
    expect(pacedTicks(events)).toEqual([0, 1]);
    advanceTo(time, 501_500);
    expect(pacedTicks(events)).toEqual([0, 1, 2]);
  });

  it('clamps the speed to 1×…600×', () => {
    const { replayer } = setup();
    replayer.setSpeed(10_000);
    expect(replayer.speed).toBe(600);
    replayer.setSpeed(0.1);
    expect(replayer.speed).toBe(1);
  });

  it('seek emits reset then every tick up to the target at once, and playback continues after it', () => {
    const { replayer, time, events } = setup();
    replayer.loadText(SESSION, 'test', 600);
    replayer.play();
    advanceTo(time, 100);
    events.length = 0;
    replayer.seekToFeedTime(Date.parse('2025-11-03T15:00:10.000Z'));
    expect(events.length).toBe(2);
    expect(events[0]).toEqual({ type: 'reset' });
    const batch = events[1];
    expect(batch.type === 'ticks' && batch.catchUp).toBeTrue();
    expect(batch.type === 'ticks' ? batch.ticks.map((t) => t.index) : []).toEqual(
      Array.from({ length: 61 }, (_, i) => i),
    );
    expect(replayer.position()).toBe(60);
    advanceTo(time, 150);
    expect(pacedTicks(events)).toEqual([61]);
  });

  it('gives the same event sequence for the same recording and actions', () => {
    const run = (): FeedEvent[] => {
      TestBed.resetTestingModule();
      const { replayer, time, events } = setup();
      replayer.loadText(SESSION, 'test', 120);
      replayer.play();
      advanceTo(time, 3_000);
      replayer.seekToTick(200);
      advanceTo(time, 4_000);
      replayer.pause();
      replayer.seekToTick(10);
      replayer.play();
      advanceTo(time, 6_000);
      return events;
    };
    const a = run();
    const b = run();
    expect(a.length).toBeGreaterThan(20);
    expect(b).toEqual(a);
  });

  it('counts malformed lines with their reason and plays the frames around them', () => {
    const { replayer, time, events } = setup();
    const lines = toNdjson(sampleFeedFrames(2)).trimEnd().split('\n');
    const bad = JSON.stringify({ ...JSON.parse(lines[1]), direction: 'SIDEWAYS' });
    replayer.loadText([lines[0], 'not json', bad, ...lines.slice(2)].join('\n'), 'test', 600);
    replayer.play();
    advanceTo(time, 1_000);
    const frames = events.flatMap((e) =>
      e.type === 'ticks' ? e.ticks.flatMap((t) => t.frames.map((f) => f.seq)) : [],
    );
    expect(frames).toEqual([0, 2, 3, 4, 5, 6, 7]);
    expect(replayer.status().rejected).toEqual({
      count: 2,
      byReason: { 'malformed JSON': 1, 'invalid direction': 1 },
    });
  });

  it('loads a gzip recording with the native DecompressionStream', async () => {
    const gzip = new Uint8Array(
      await new Response(
        new Blob([SESSION]).stream().pipeThrough(new CompressionStream('gzip')),
      ).arrayBuffer(),
    );
    const { replayer, time } = setup(gzip);
    await replayer.load('demo/x.ndjson.gz');
    advanceTo(time, 0);
    expect(replayer.recording()?.ticks).toBe(361);
    expect(replayer.recording()?.sessionDate).toBe('2025-11-03');
    expect(replayer.status().state).toBe('paused');
  });

  it('reports a failed load as error', async () => {
    const time = new VirtualTimeScheduler();
    TestBed.configureTestingModule({
      providers: [
        { provide: FEED_SCHEDULER, useValue: time },
        { provide: FEED_UI_SCHEDULER, useValue: time },
        { provide: FEED_FETCH, useValue: () => Promise.resolve(new Response('', { status: 404 })) },
      ],
    });
    const replayer = TestBed.inject(FrameReplayer);
    await expectAsync(replayer.load('missing.ndjson')).toBeRejected();
    expect(replayer.status().state).toBe('error');
    expect(replayer.status().detail).toContain('404');
  });
});
