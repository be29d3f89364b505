import { ChildProcess, spawn } from 'node:child_process';

export interface FeedProcess {
  readonly url: string;
  readonly child: ChildProcess;
}

/**
 * Starts `npm run feed -- --data <data> --port 0 <args>` and resolves with the WebSocket URL it
 * prints. The server runs in its own process group so `stopFeed` can end npm and node together.
 */
export function startFeed(data: string, args: readonly string[] = []): Promise<FeedProcess> {
  const child = spawn('npm', ['run', '--silent', 'feed', '--', '--data', data, '--port', '0', ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /ws:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (match) resolve({ url: match[0], child });
    });
    child.on('exit', (code) => reject(new Error(`feed exited with ${code}: ${err}`)));
  });
}

export function stopFeed(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // ESRCH: the feed already stopped at the end of its data.
    }
  }
}
