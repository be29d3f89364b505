/**
 * Wire protocol `pentaview-feed/1` between a live feed server and the app (docs/frame-sources.md).
 * Every WebSocket message is one JSON text. Frames inside messages stay `unknown` here: the
 * receiver validates each one with `validateLevelFrame`.
 */
export const FEED_PROTOCOL = 'pentaview-feed/1';

/** WebSocket close codes the server uses. */
export const FEED_CLOSE = {
  endOfData: 1000,
  shuttingDown: 1001,
  badMessage: 4400,
  badToken: 4401,
  noResume: 4408,
} as const;

/** Server → client. */
export type FeedServerMessage =
  | {
      readonly type: 'hello';
      readonly protocol: string;
      /** Highest seq the server has broadcast so far, null before the first tick. */
      readonly lastSeq: number | null;
      readonly speed: number;
    }
  /** The frames of one tick (same `ts`), seq ascending. */
  | { readonly type: 'frames'; readonly frames: readonly unknown[] }
  /** No more data; the server closes the connection after it. */
  | { readonly type: 'end'; readonly lastSeq: number | null };

/** Client → server. The first message after the connection opens; required within 10 s. */
export interface FeedResumeMessage {
  readonly type: 'resume';
  /** Send every frame with a greater seq; null: from the start of the current session. */
  readonly afterSeq: number | null;
  readonly token?: string;
}

export type ParsedMessage<T> =
  { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: string };

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isSeq = (v: unknown): v is number | null =>
  v === null || (typeof v === 'number' && Number.isInteger(v));

/**
 * Reads a parsed JSON message from the server. Besides the three typed messages it accepts, for
 * simple producers, a bare array of frames or a bare frame object (anything with a `schema` key);
 * both become a `frames` message.
 */
export function parseFeedServerMessage(value: unknown): ParsedMessage<FeedServerMessage> {
  if (Array.isArray(value)) return { ok: true, message: { type: 'frames', frames: value } };
  if (!isRecord(value)) return { ok: false, reason: 'message is not a JSON object or array' };
  const type = value['type'];
  if (type === undefined && 'schema' in value)
    return { ok: true, message: { type: 'frames', frames: [value] } };
  switch (type) {
    case 'frames': {
      const frames = value['frames'];
      return Array.isArray(frames)
        ? { ok: true, message: { type: 'frames', frames } }
        : { ok: false, reason: 'frames message without a frames array' };
    }
    case 'hello': {
      const lastSeq = value['lastSeq'] ?? null;
      const speed = value['speed'];
      const protocol = value['protocol'];
      if (!isSeq(lastSeq)) return { ok: false, reason: 'hello.lastSeq must be an integer or null' };
      return {
        ok: true,
        message: {
          type: 'hello',
          protocol: typeof protocol === 'string' ? protocol : '',
          lastSeq,
          speed: typeof speed === 'number' ? speed : 1,
        },
      };
    }
    case 'end': {
      const lastSeq = value['lastSeq'] ?? null;
      return isSeq(lastSeq)
        ? { ok: true, message: { type: 'end', lastSeq } }
        : { ok: false, reason: 'end.lastSeq must be an integer or null' };
    }
    default:
      return { ok: false, reason: `unknown message type ${JSON.stringify(type)}` };
  }
}

/** Reads a parsed JSON message from a client. */
export function parseFeedClientMessage(value: unknown): ParsedMessage<FeedResumeMessage> {
  if (!isRecord(value) || value['type'] !== 'resume')
    return { ok: false, reason: 'expected a resume message' };
  const afterSeq = value['afterSeq'] ?? null;
  const token = value['token'];
  if (!isSeq(afterSeq)) return { ok: false, reason: 'resume.afterSeq must be an integer or null' };
  if (token !== undefined && typeof token !== 'string')
    return { ok: false, reason: 'resume.token must be a string' };
  return {
    ok: true,
    message:
      token === undefined ? { type: 'resume', afterSeq } : { type: 'resume', afterSeq, token },
  };
}
