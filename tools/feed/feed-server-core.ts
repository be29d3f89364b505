import { WebSocket, WebSocketServer } from 'ws';
import {
  FEED_CLOSE,
  FEED_PROTOCOL,
  FeedServerMessage,
  parseFeedClientMessage,
} from '../../src/domain/feed/feed-protocol';
import { FrameTick } from '../../src/domain/feed/frame-tick';
import { LevelFrame } from '../../src/domain/frame/level-frame';

/** Feed-time gaps longer than this (between sessions) are paced as one 30-s tick. */
const MAX_PACED_GAP_MS = 30 * 60_000;
const TICK_MS = 30_000;

export interface FeedServerOptions {
  readonly ticks: readonly FrameTick[];
  /** Feed time / wall time, > 0. */
  readonly speed: number;
  readonly port?: number;
  readonly host?: string;
  /** When set, a resume without this token is closed with 4401. */
  readonly token?: string | null;
  /** Start over at the end instead of stopping (seq keeps increasing). */
  readonly loop?: boolean;
  /** A client that sends no resume within this time is closed with 4408. */
  readonly resumeTimeoutMs?: number;
}

export interface FeedServer {
  readonly url: string;
  readonly port: number;
  /** Ticks broadcast so far. */
  sentTicks(): number;
  /** Resolves when the server has stopped (end of data or close()). */
  readonly done: Promise<void>;
  close(): Promise<void>;
}

interface Client {
  readonly socket: WebSocket;
  streaming: boolean;
  timer: NodeJS.Timeout | null;
}

/**
 * A WebSocket feed (`pentaview-feed/1`, docs/frame-sources.md) that replays `ticks` to every
 * client at `speed`. The feed clock starts when the first client has sent its resume; from then
 * every client receives the same ticks at the same time. A resume with afterSeq gets the ticks
 * already broadcast whose frames have a greater seq (no duplicates), then the live ticks.
 */
export function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  const { ticks, speed } = options;
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new Error(`speed must be a positive number: ${speed}`);
  if (ticks.length === 0) throw new Error('no ticks to serve');
  const host = options.host ?? '127.0.0.1';
  const resumeTimeoutMs = options.resumeTimeoutMs ?? 10_000;
  const firstSeq = ticks[0].frames[0].seq;
  const lastTick = ticks[ticks.length - 1];
  const span = lastTick.frames[lastTick.frames.length - 1].seq - firstSeq + 1;
  const offsets = pacedOffsets(ticks);
  const loopMs = offsets[offsets.length - 1] + TICK_MS;
  const sessionStart = sessionStarts(ticks);

  const clients = new Set<Client>();
  /** Ticks broadcast so far, across loops: tick g is ticks[g % n] in loop ⌊g / n⌋. */
  let sent = 0;
  let startedAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let resolveDone = (): void => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));

  const framesOf = (g: number): readonly LevelFrame[] => {
    const loop = Math.floor(g / ticks.length);
    const frames = ticks[g % ticks.length].frames;
    return loop === 0 ? frames : frames.map((f) => ({ ...f, seq: f.seq + loop * span }));
  };
  const lastSeqSent = (): number | null => {
    if (sent === 0) return null;
    const frames = framesOf(sent - 1);
    return frames[frames.length - 1].seq;
  };
  const send = (socket: WebSocket, message: FeedServerMessage): void => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };

  const wss = new WebSocketServer({ host, port: options.port ?? 0 });

  const stop = async (code: number, reason: string): Promise<void> => {
    if (stopped) return done;
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    for (const client of clients) {
      if (client.timer !== null) clearTimeout(client.timer);
      if (code === FEED_CLOSE.endOfData && client.streaming)
        send(client.socket, { type: 'end', lastSeq: lastSeqSent() });
      client.socket.close(code, reason);
    }
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    for (const client of clients) client.socket.terminate();
    resolveDone();
  };

  /** Broadcasts every tick whose wall time has come, then sets a timer for the next one. */
  const pump = (): void => {
    timer = null;
    if (stopped || startedAt === null) return;
    const elapsedFeed = (Date.now() - startedAt) * speed;
    while (!stopped) {
      if (!options.loop && sent >= ticks.length) {
        void stop(FEED_CLOSE.endOfData, 'end of data');
        return;
      }
      const due = Math.floor(sent / ticks.length) * loopMs + offsets[sent % ticks.length];
      if (due > elapsedFeed) {
        timer = setTimeout(pump, Math.max(0, (due - elapsedFeed) / speed));
        return;
      }
      const message: FeedServerMessage = { type: 'frames', frames: framesOf(sent) };
      const text = JSON.stringify(message);
      sent++;
      for (const client of clients)
        if (client.streaming && client.socket.readyState === WebSocket.OPEN)
          client.socket.send(text);
    }
  };

  const resume = (client: Client, afterSeq: number | null): void => {
    // Backlog: never before the start of the current loop iteration; afterSeq null → from the
    // start of the session being broadcast.
    const loopStart = sent === 0 ? 0 : Math.floor((sent - 1) / ticks.length) * ticks.length;
    let from = loopStart;
    if (afterSeq === null && sent > 0) from = loopStart + sessionStart[(sent - 1) % ticks.length];
    for (let g = from; g < sent; g++) {
      const frames = afterSeq === null ? framesOf(g) : framesOf(g).filter((f) => f.seq > afterSeq);
      if (frames.length > 0) send(client.socket, { type: 'frames', frames });
    }
    client.streaming = true;
    if (startedAt === null) {
      startedAt = Date.now();
      pump();
    }
  };

  wss.on('connection', (socket) => {
    const client: Client = { socket, streaming: false, timer: null };
    clients.add(client);
    client.timer = setTimeout(
      () => socket.close(FEED_CLOSE.noResume, 'no resume message'),
      resumeTimeoutMs,
    );
    send(socket, { type: 'hello', protocol: FEED_PROTOCOL, lastSeq: lastSeqSent(), speed });
    socket.on('message', (data, isBinary) => {
      if (client.streaming) return;
      let value: unknown;
      try {
        value = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        // JSON.parse throws a SyntaxError for text that is not JSON.
        value = undefined;
      }
      const parsed = parseFeedClientMessage(value);
      if (client.timer !== null) clearTimeout(client.timer);
      client.timer = null;
      if (!parsed.ok) {
        socket.close(FEED_CLOSE.badMessage, parsed.reason);
        return;
      }
      const expected = options.token ?? null;
      if (expected !== null && parsed.message.token !== expected) {
        socket.close(FEED_CLOSE.badToken, 'invalid token');
        return;
      }
      resume(client, parsed.message.afterSeq);
    });
    socket.on('close', () => {
      if (client.timer !== null) clearTimeout(client.timer);
      clients.delete(client);
    });
    socket.on('error', () => socket.terminate());
  });

  return new Promise<FeedServer>((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => {
      const address = wss.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        url: `ws://${host}:${port}/`,
        port,
        sentTicks: () => sent,
        done,
        close: () => stop(FEED_CLOSE.shuttingDown, 'server shutting down'),
      });
    });
  });
}

/** Feed-time offset of each tick from the first, with long gaps (between sessions) shortened. */
function pacedOffsets(ticks: readonly FrameTick[]): number[] {
  const offsets = [0];
  for (let i = 1; i < ticks.length; i++) {
    const gap = ticks[i].feedTimeMs - ticks[i - 1].feedTimeMs;
    offsets.push(offsets[i - 1] + (gap > MAX_PACED_GAP_MS ? TICK_MS : Math.max(0, gap)));
  }
  return offsets;
}

/** For each tick, the index of the first tick of its session (same session_date run). */
function sessionStarts(ticks: readonly FrameTick[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < ticks.length; i++) {
    const same = i > 0 && ticks[i].frames[0].session_date === ticks[i - 1].frames[0].session_date;
    starts.push(same ? starts[i - 1] : i);
  }
  return starts;
}
