import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WebSocket } from 'ws';
import { sampleFeedFrames, toNdjson } from '../../src/domain/feed/sample-feed';
import { FEED_CLOSE } from '../../src/domain/feed/feed-protocol';
import { NON_INCREASING_SEQ, loadFeedData } from './feed-data';
import { startFeedServer } from './feed-server-core';

/** 10,000×: a 30-s tick every 3 ms. */
const FAST = 10_000;

interface Received {
  readonly seqs: number[];
  readonly types: string[];
  readonly close: Promise<{ code: number; reason: string }>;
  readonly socket: WebSocket;
}

/** Connects, sends resume, and records every frame seq and message type. */
function subscribe(
  url: string,
  resume: Record<string, unknown>,
  onFrame?: (seq: number, ws: WebSocket) => void,
): Received {
  const socket = new WebSocket(url);
  const seqs: number[] = [];
  const types: string[] = [];
  socket.on('open', () => socket.send(JSON.stringify({ type: 'resume', ...resume })));
  socket.on('message', (data) => {
    const message: unknown = JSON.parse(data.toString());
    if (typeof message !== 'object' || message === null || !('type' in message))
      throw new Error('bad message');
    types.push(String(message.type));
    if (message.type === 'frames' && 'frames' in message && Array.isArray(message.frames)) {
      for (const frame of message.frames) {
        const seq: unknown = frame.seq;
        if (typeof seq !== 'number') throw new Error('frame without seq');
        seqs.push(seq);
        onFrame?.(seq, socket);
      }
    }
  });
  const close = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { seqs, types, close, socket };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pv-feed-'));
}

test('a client receives every frame in seq order, then end and close 1000', async () => {
  const data = sampleFeedFrames(40);
  const dir = tempDir();
  writeFileSync(join(dir, 'one.frames.ndjson.gz'), gzipSync(toNdjson(data)));
  const feed = loadFeedData(join(dir, 'one.frames.ndjson.gz'));
  const server = await startFeedServer({ ticks: feed.ticks, speed: FAST });
  assert.match(server.url, /^ws:\/\/127\.0\.0\.1:\d+\/$/);
  const client = subscribe(server.url, { afterSeq: null });
  const closed = await client.close;
  await server.done;
  assert.deepEqual(
    client.seqs,
    data.map((f) => f.seq),
  );
  assert.equal(client.types[0], 'hello');
  assert.equal(client.types.at(-1), 'end');
  assert.equal(closed.code, FEED_CLOSE.endOfData);
});

test('resume after a disconnect continues after the last seq without duplicates', async () => {
  const data = sampleFeedFrames(120);
  const feed = loadFeedData(writeFile(toNdjson(data)));
  const server = await startFeedServer({ ticks: feed.ticks, speed: FAST / 8 });
  try {
    const first = subscribe(server.url, { afterSeq: null }, (seq, ws) => {
      if (seq === 37) ws.terminate();
    });
    await first.close;
    const last = first.seqs.at(-1);
    assert.ok(last !== undefined && last >= 37 && server.sentTicks() < 120, 'dropped mid-feed');
    const second = subscribe(server.url, { afterSeq: last });
    await second.close;
    assert.deepEqual(
      [...first.seqs, ...second.seqs],
      data.map((f) => f.seq),
    );
  } finally {
    await server.close();
  }
});

test('a resume with a wrong or missing token is closed with 4401', async () => {
  const feed = loadFeedData(writeFile(toNdjson(sampleFeedFrames(5))));
  const server = await startFeedServer({ ticks: feed.ticks, speed: FAST, token: 's3cret' });
  try {
    const wrong = await subscribe(server.url, { afterSeq: null, token: 'nope' }).close;
    assert.deepEqual(wrong, { code: FEED_CLOSE.badToken, reason: 'invalid token' });
    const missing = subscribe(server.url, { afterSeq: null });
    assert.equal((await missing.close).code, FEED_CLOSE.badToken);
    assert.deepEqual(missing.seqs, []);
    const right = subscribe(server.url, { afterSeq: null, token: 's3cret' });
    assert.equal((await right.close).code, FEED_CLOSE.endOfData);
    assert.equal(right.seqs.length, 20);
  } finally {
    await server.close();
  }
});

test('a malformed client message is closed with 4400', async () => {
  const feed = loadFeedData(writeFile(toNdjson(sampleFeedFrames(3))));
  const server = await startFeedServer({ ticks: feed.ticks, speed: FAST });
  try {
    const socket = new WebSocket(server.url);
    socket.on('open', () => socket.send('{"type":"subscribe"}'));
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    assert.equal(code, FEED_CLOSE.badMessage);
  } finally {
    await server.close();
  }
});

test('malformed lines of the input are skipped and counted; the frames around them are served', async () => {
  const frames = sampleFeedFrames(3, { levels: 2 });
  const lines = toNdjson(frames).trimEnd().split('\n');
  const broken = { ...frames[3], atr: 'wide' };
  const text = [
    lines[0],
    lines[1],
    '{"schema":"level-frame/1",',
    lines[2],
    JSON.stringify(broken),
    lines[4],
    lines[2],
    lines[5],
  ].join('\n');
  const feed = loadFeedData(writeFile(text));
  assert.equal(feed.frames, 5);
  assert.deepEqual(feed.rejected.byReason, {
    'malformed JSON': 1,
    'invalid atr': 1,
    [NON_INCREASING_SEQ]: 1,
  });
  assert.deepEqual(
    feed.rejectedLines.map((r) => r.line),
    [3, 5],
  );
  const server = await startFeedServer({ ticks: feed.ticks, speed: FAST });
  const client = subscribe(server.url, { afterSeq: null });
  await client.close;
  assert.deepEqual(client.seqs, [0, 1, 2, 4, 5]);
});

test('a simulator directory is served session by session in date order with the overnight gap shortened', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'sessions'));
  const day1 = sampleFeedFrames(361, { date: '2025-11-03', seqStart: 0, levels: 1 });
  const day2 = sampleFeedFrames(361, { date: '2025-11-04', seqStart: 361, levels: 1 });
  writeFileSync(join(dir, 'sessions', '2025-11-04.frames.ndjson'), toNdjson(day2));
  writeFileSync(join(dir, 'sessions', '2025-11-03.frames.ndjson'), toNdjson(day1));
  writeFileSync(join(dir, 'sessions', '2025-11-03.bars.ndjson'), '{"t":0}\n');
  const feed = loadFeedData(dir);
  assert.equal(feed.ticks.length, 722);
  const started = Date.now();
  // 722 ticks paced at 30 s each (the overnight gap counts as one) at 200,000× ≈ 108 ms.
  const server = await startFeedServer({ ticks: feed.ticks, speed: 200_000 });
  const client = subscribe(server.url, { afterSeq: null });
  await client.close;
  assert.ok(Date.now() - started < 5_000, 'the night between the sessions is not waited out');
  assert.deepEqual(
    client.seqs,
    [...day1, ...day2].map((f) => f.seq),
  );
});

test('--loop keeps seq increasing across repetitions', async () => {
  const feed = loadFeedData(writeFile(toNdjson(sampleFeedFrames(4, { levels: 1 }))));
  const server = await startFeedServer({ ticks: feed.ticks, speed: FAST, loop: true });
  try {
    const client = subscribe(server.url, { afterSeq: null }, (seq, ws) => {
      if (seq === 9) ws.close();
    });
    await client.close;
    assert.deepEqual(client.seqs.slice(0, 10), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  } finally {
    await server.close();
  }
});

function writeFile(text: string): string {
  const file = join(tempDir(), 'feed.frames.ndjson');
  writeFileSync(file, text);
  return file;
}

test('hello reports the last seq broadcast; a client that never resumes is closed with 4408', async () => {
  const feed = loadFeedData(writeFile(toNdjson(sampleFeedFrames(200, { levels: 1 }))));
  const server = await startFeedServer({
    ticks: feed.ticks,
    speed: FAST / 10,
    resumeTimeoutMs: 50,
  });
  try {
    const first = subscribe(server.url, { afterSeq: null }, (seq, ws) => {
      if (seq === 20) ws.close();
    });
    await first.close;
    const silent = new WebSocket(server.url);
    const hello = await new Promise<unknown>((resolve) =>
      silent.once('message', (d) => resolve(JSON.parse(d.toString()))),
    );
    const code = await new Promise<number>((resolve) => silent.on('close', (c) => resolve(c)));
    assert.ok(
      typeof hello === 'object' &&
        hello !== null &&
        'lastSeq' in hello &&
        typeof hello.lastSeq === 'number',
    );
    assert.ok(hello.lastSeq >= 20, `hello.lastSeq ${String(hello.lastSeq)}`);
    assert.equal(code, FEED_CLOSE.noResume);
  } finally {
    await server.close();
  }
});
