import { expect, test } from '@playwright/test';
import { startFeed, stopFeed } from './support/feed-process';

const DEMO = 'public/demo/demo-session.ndjson.gz';

interface PageRun {
  readonly seqs: number[];
  readonly types: string[];
  readonly closeCode: number;
}

test.describe('feed server and the browser', () => {
  test('a page in the app origin receives the demo session over WebSocket, in order, then end', async ({
    page,
  }) => {
    const feed = await startFeed(DEMO, ['--speed', '10000']);
    try {
      await page.goto('/');
      const run: PageRun = await page.evaluate(
        (url) =>
          new Promise<PageRun>((resolve) => {
            const seqs: number[] = [];
            const types: string[] = [];
            const socket = new WebSocket(url);
            socket.onopen = () => socket.send(JSON.stringify({ type: 'resume', afterSeq: null }));
            socket.onmessage = (e: MessageEvent<string>) => {
              const m = JSON.parse(e.data) as { type: string; frames?: { seq: number }[] };
              types.push(m.type);
              for (const f of m.frames ?? []) seqs.push(f.seq);
            };
            socket.onclose = (e) => resolve({ seqs, types, closeCode: e.code });
          }),
        feed.url,
      );
      expect(run.types[0]).toBe('hello');
      expect(run.types.at(-1)).toBe('end');
      expect(run.closeCode).toBe(1000);
      expect(run.seqs).toEqual(Array.from({ length: 1444 }, (_, i) => i));
    } finally {
      stopFeed(feed.child);
    }
  });

  test('a page that reconnects with resume gets the rest without duplicates', async ({ page }) => {
    const feed = await startFeed(DEMO, ['--speed', '5000']);
    try {
      await page.goto('/');
      const seqs = await page.evaluate(async (url) => {
        const collect = (afterSeq: number | null, stopAt: number | null): Promise<number[]> =>
          new Promise((resolve) => {
            const got: number[] = [];
            const socket = new WebSocket(url);
            socket.onopen = () => socket.send(JSON.stringify({ type: 'resume', afterSeq }));
            socket.onmessage = (e: MessageEvent<string>) => {
              const m = JSON.parse(e.data) as { frames?: { seq: number }[] };
              for (const f of m.frames ?? []) got.push(f.seq);
              if (stopAt !== null && got.length >= stopAt) socket.close();
            };
            socket.onclose = () => resolve(got);
          });
        const first = await collect(null, 200);
        const second = await collect(first[first.length - 1], null);
        return [...first, ...second];
      }, feed.url);
      expect(seqs).toEqual(Array.from({ length: 1444 }, (_, i) => i));
    } finally {
      stopFeed(feed.child);
    }
  });

  test('a wrong token is refused with close code 4401', async ({ page }) => {
    const feed = await startFeed(DEMO, ['--speed', '10000', '--token', 'right']);
    try {
      await page.goto('/');
      const close = await page.evaluate(
        (url) =>
          new Promise<{ code: number; reason: string }>((resolve) => {
            const socket = new WebSocket(url);
            socket.onopen = () =>
              socket.send(JSON.stringify({ type: 'resume', afterSeq: null, token: 'wrong' }));
            socket.onclose = (e) => resolve({ code: e.code, reason: e.reason });
          }),
        feed.url,
      );
      expect(close).toEqual({ code: 4401, reason: 'invalid token' });
    } finally {
      stopFeed(feed.child);
    }
  });

  test('the embedded demo recording is served and decompresses natively in the page', async ({
    page,
  }) => {
    await page.goto('/');
    const result = await page.evaluate(async () => {
      const index = (await (await fetch('/demo/index.json')).json()) as {
        frames: number;
        file: string;
      };
      const bytes = new Uint8Array(await (await fetch(`/demo/${index.file}`)).arrayBuffer());
      const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
      const body = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      const lines = (await new Response(body).text()).trimEnd().split('\n');
      return {
        gzip,
        expected: index.frames,
        lines: lines.length,
        first: JSON.parse(lines[0]) as { seq: number },
      };
    });
    expect(result.gzip).toBe(true);
    expect(result.lines).toBe(result.expected);
    expect(result.first.seq).toBe(0);
  });
});
