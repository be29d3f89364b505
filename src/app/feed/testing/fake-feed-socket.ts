import { FeedSocket, FeedSocketFactory, FeedSocketHandlers } from '../feed-tokens';

/** One fake connection: records what the client sends and lets a spec play the server. */
export class FakeFeedSocket implements FeedSocket {
  readonly sent: unknown[] = [];
  closedWith: { code?: number; reason?: string } | null = null;

  constructor(
    readonly url: string,
    private readonly handlers: FeedSocketHandlers,
  ) {}

  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
  }

  /** Server side: accept the connection. */
  open(): void {
    this.handlers.open();
  }

  /** Server side: send a JSON message (or raw text). */
  receive(message: unknown): void {
    this.handlers.message(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Server side: drop or close the connection. */
  drop(code = 1006, reason = ''): void {
    this.handlers.close(code, reason);
  }
}

/** A factory that keeps every socket it opened, newest last. */
export function fakeSocketFactory(): { factory: FeedSocketFactory; sockets: FakeFeedSocket[] } {
  const sockets: FakeFeedSocket[] = [];
  return {
    sockets,
    factory: (url, handlers) => {
      const socket = new FakeFeedSocket(url, handlers);
      sockets.push(socket);
      return socket;
    },
  };
}
