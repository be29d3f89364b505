/**
 * npm run feed -- --data FILE|DIR [--speed N] [--port P] [--host H] [--token T] [--loop]
 *
 * Serves recorded frames as a live `pentaview-feed/1` WebSocket feed (docs/frame-sources.md):
 * a frames NDJSON[.gz] file or a simulator output directory (sessions in date order), replayed
 * at N× feed time (default 1) to every client. Binds 127.0.0.1 by default and prints the URL.
 * Stops at the end of the data unless --loop.
 */
import { parseArgs } from 'node:util';
import { loadFeedData } from './feed-data';
import { startFeedServer } from './feed-server-core';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: 'public/demo/demo-session.ndjson.gz' },
      speed: { type: 'string', default: '1' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string' },
      loop: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const speed = Number(values.speed);
  const port = Number(values.port);
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new Error(`--speed must be a positive number: ${values.speed}`);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0…65535: ${values.port}`);
  const data = loadFeedData(values.data);
  for (const r of data.rejectedLines.slice(0, 20))
    process.stderr.write(`feed: skipped ${r.file}:${r.line}: ${r.reason} (${r.detail})\n`);
  const server = await startFeedServer({
    ticks: data.ticks,
    speed,
    port,
    host: values.host,
    token: values.token ?? null,
    loop: values.loop,
  });
  const skipped = Object.entries(data.rejected.byReason)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  process.stderr.write(
    `feed: ${data.frames} frames in ${data.ticks.length} ticks from ${data.files.length} file(s)` +
      `${data.rejected.count > 0 ? `, skipped ${data.rejected.count} (${skipped})` : ''}; speed ${speed}×` +
      `${values.token ? ', token required' : ''}${values.loop ? ', looping' : ''}\n`,
  );
  process.stdout.write(`${server.url}\n`);
  const shutdown = (): void => void server.close();
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await server.done;
  process.stderr.write(`feed: stopped after ${server.sentTicks()} ticks\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`feed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
