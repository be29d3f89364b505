/**
 * `npm start`: builds the production app when the build is missing or older than its sources,
 * then serves it on localhost with cross-origin isolation and prints the URL.
 *
 *   npm start -- [--port 4200] [--host 127.0.0.1] [--no-build] [--rebuild]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startStaticServer } from './static-server';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'pentaview', 'browser');
const SOURCES = ['src', 'public', 'angular.json', 'package.json', 'tsconfig.json', 'tsconfig.app.json', 'tsconfig.worker.json'];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIsStale(): boolean {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => existsSync(join(ROOT, s)) && newestMtime(join(ROOT, s)) > built);
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(argValue('--port') ?? process.env['PORT'] ?? 4200);
  const host = argValue('--host') ?? '127.0.0.1';
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`invalid --port ${String(port)}`);
  const wantBuild = process.argv.includes('--rebuild') || (!process.argv.includes('--no-build') && buildIsStale());
  if (wantBuild) {
    console.log('Building the production app (ng build)…');
    const r = spawnSync('npx', ['ng', 'build', '--configuration', 'production'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('ng build failed');
  }
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no build at ${DIST}; run without --no-build`);
  await startStaticServer({ root: DIST, port, host, warm: ['ort/ort-wasm-simd-threaded.wasm', 'ort/ort-wasm-simd-threaded.mjs'] });
  console.log(`Pentaview is being served at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/  (Ctrl+C to stop)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
