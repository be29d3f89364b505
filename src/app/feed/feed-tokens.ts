import { InjectionToken } from '@angular/core';
import { SchedulerLike, animationFrameScheduler, asyncScheduler } from 'rxjs';
import { BackoffPolicy, DEFAULT_BACKOFF } from '../../domain/feed/reconnect-backoff';

/** Scheduler for feed timing (replay pacing, reconnect backoff); specs inject a virtual one. */
export const FEED_SCHEDULER = new InjectionToken<SchedulerLike>('FEED_SCHEDULER', {
  providedIn: 'root',
  factory: () => asyncScheduler,
});

/** Scheduler on which status signals are published: once per animation frame by default. */
export const FEED_UI_SCHEDULER = new InjectionToken<SchedulerLike>('FEED_UI_SCHEDULER', {
  providedIn: 'root',
  factory: () => animationFrameScheduler,
});

/** Fetch used to load recordings. */
export const FEED_FETCH = new InjectionToken<(url: string) => Promise<Response>>('FEED_FETCH', {
  providedIn: 'root',
  factory: () => (url: string) => fetch(url),
});

/** Random source for backoff jitter, [0, 1). */
export const FEED_RANDOM = new InjectionToken<() => number>('FEED_RANDOM', {
  providedIn: 'root',
  factory: () => Math.random,
});

export const FEED_BACKOFF = new InjectionToken<BackoffPolicy>('FEED_BACKOFF', {
  providedIn: 'root',
  factory: () => DEFAULT_BACKOFF,
});

/** Callbacks a socket reports to. `message` receives the raw event data (a string for text). */
export interface FeedSocketHandlers {
  open(): void;
  message(data: unknown): void;
  close(code: number, reason: string): void;
}

export interface FeedSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

export type FeedSocketFactory = (url: string, handlers: FeedSocketHandlers) => FeedSocket;

/** Opens a browser WebSocket; specs replace it with an in-process fake. */
export const FEED_SOCKET_FACTORY = new InjectionToken<FeedSocketFactory>('FEED_SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => openBrowserSocket,
});

function openBrowserSocket(url: string, handlers: FeedSocketHandlers): FeedSocket {
  const socket = new WebSocket(url);
  socket.addEventListener('open', () => handlers.open());
  socket.addEventListener('message', (event: MessageEvent<unknown>) =>
    handlers.message(event.data),
  );
  // 'error' is always followed by 'close', which carries the code; nothing to do here.
  socket.addEventListener('close', (event: CloseEvent) => handlers.close(event.code, event.reason));
  return {
    send: (text) => socket.send(text),
    close: (code, reason) => socket.close(code, reason),
  };
}
