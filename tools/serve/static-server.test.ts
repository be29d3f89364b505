import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { resolveInside, startStaticServer } from './static-server';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function fixtureRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'pv-static-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>index</title>');
  mkdirSync(join(root, 'ort'));
  // A wasm magic header followed by enough bytes to be compressed.
  writeFileSync(join(root, 'ort', 'x.wasm'), Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d]), Buffer.alloc(4096, 7)]));
  writeFileSync(join(root, 'ort', 'x.mjs'), 'export const a = 1;');
  return root;
}

test('serves files with isolation headers, wasm MIME type and compression', async () => {
  const server = await startStaticServer({ root: fixtureRoot(), port: 0 });
  const { port } = server.address() as AddressInfo;
  try {
    // The first answer is uncompressed while compression runs in the background.
    const first = await get(port, '/ort/x.wasm', { 'accept-encoding': 'gzip' });
    assert.equal(first.status, 200);
    assert.equal(first.headers['content-encoding'], undefined);
    assert.equal(first.body.length, 4100);
    await new Promise((r) => setTimeout(r, 200));
    const wasm = await get(port, '/ort/x.wasm', { 'accept-encoding': 'gzip' });
    assert.equal(wasm.status, 200);
    assert.equal(wasm.headers['content-type'], 'application/wasm');
    assert.equal(wasm.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(wasm.headers['cross-origin-embedder-policy'], 'require-corp');
    assert.equal(wasm.headers['content-encoding'], 'gzip');
    assert.deepEqual([...gunzipSync(wasm.body).subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);

    const mjs = await get(port, '/ort/x.mjs');
    assert.match(String(mjs.headers['content-type']), /^text\/javascript/);
  } finally {
    server.close();
  }
});

test('a missing asset is a 404, a client route gets index.html', async () => {
  const server = await startStaticServer({ root: fixtureRoot(), port: 0 });
  const { port } = server.address() as AddressInfo;
  try {
    const missing = await get(port, '/ort/missing.wasm');
    assert.equal(missing.status, 404);
    assert.doesNotMatch(missing.body.toString(), /<title>index/);
    const route = await get(port, '/settings');
    assert.equal(route.status, 200);
    assert.match(route.body.toString(), /<title>index/);
    assert.equal(route.headers['cross-origin-embedder-policy'], 'require-corp');
  } finally {
    server.close();
  }
});

test('paths cannot escape the served folder', () => {
  assert.equal(resolveInside('/srv/app', '/../etc/passwd'), '/srv/app/etc/passwd');
  assert.equal(resolveInside('/srv/app', '/%2e%2e/%2e%2e/etc/passwd'), '/srv/app/etc/passwd');
  assert.equal(resolveInside('/srv/app', '/%E0%A4%A'), null);
});
