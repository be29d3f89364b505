/**
 * A small static server for the production build.
 *
 * - Cross-origin isolation on every response (COOP same-origin, COEP require-corp, CORP same-origin),
 *   so onnxruntime-web can use worker threads and high-resolution timers.
 * - Correct MIME types (application/wasm, text/javascript for .mjs).
 * - No index.html fallback for asset paths: a request for a missing file with an extension is a
 *   404, never HTML (an HTML answer for a .wasm is a confusing "magic word" error in the browser).
 *   Extension-less paths (client routes) get index.html.
 * - gzip/brotli for text and wasm, compressed once in the background and cached in memory; until a
 *   compressed copy is ready the file is sent as it is (a 14 MB wasm takes seconds to compress, and
 *   the first page load must not wait for it). `warm` compresses chosen files at start-up.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';
import { promisify } from 'node:util';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ndjson': 'application/x-ndjson; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.gz': 'application/gzip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.ndjson', '.wasm', '.svg', '.txt', '.map', '.onnx']);

export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};

interface CachedFile {
  readonly mtimeMs: number;
  readonly raw: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  compressing?: Promise<void>;
}

export interface StaticServerOptions {
  readonly root: string;
  readonly port: number;
  readonly host?: string;
  /** Paths relative to root to load and compress right after start-up. */
  readonly warm?: readonly string[];
}

export function mimeTypeOf(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Resolves a URL path inside root, or null when it escapes root. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    // A malformed percent-encoding is a bad request, not a server error.
    return null;
  }
  const full = resolve(root, '.' + normalize('/' + decoded));
  const rootResolved = resolve(root);
  return full === rootResolved || full.startsWith(rootResolved + sep) ? full : null;
}

export function startStaticServer(options: StaticServerOptions): Promise<Server> {
  const cache = new Map<string, CachedFile>();
  const root = resolve(options.root);

  async function load(path: string): Promise<CachedFile | null> {
    try {
      const st = await stat(path);
      if (!st.isFile()) return null;
      const hit = cache.get(path);
      if (hit && hit.mtimeMs === st.mtimeMs) return hit;
      const entry: CachedFile = { mtimeMs: st.mtimeMs, raw: await readFile(path) };
      cache.set(path, entry);
      return entry;
    } catch {
      // Missing or unreadable file: the caller answers 404.
      return null;
    }
  }

  function compressInBackground(file: CachedFile): void {
    file.compressing ??= (async () => {
      const quality = file.raw.length > 1_000_000 ? 6 : 9;
      const [br, gz] = await Promise.all([
        brotliAsync(file.raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: quality } }),
        gzipAsync(file.raw, { level: 6 }),
      ]);
      file.br = br;
      file.gzip = gz;
    })().catch(() => {
      // Compression failure only costs bandwidth: the raw file keeps being served.
    });
  }

  function send(req: IncomingMessage, res: ServerResponse, path: string, file: CachedFile): void {
    const ext = extname(path).toLowerCase();
    const headers: Record<string, string> = {
      ...ISOLATION_HEADERS,
      'Content-Type': mimeTypeOf(path),
      'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=300',
      Vary: 'Accept-Encoding',
    };
    const accept = String(req.headers['accept-encoding'] ?? '');
    let body = file.raw;
    if (COMPRESSIBLE.has(ext) && file.raw.length > 1024) {
      if (file.br && /\bbr\b/.test(accept)) {
        body = file.br;
        headers['Content-Encoding'] = 'br';
      } else if (file.gzip && /\bgzip\b/.test(accept)) {
        body = file.gzip;
        headers['Content-Encoding'] = 'gzip';
      } else {
        compressInBackground(file);
      }
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function notFound(res: ServerResponse, message: string): void {
    res.writeHead(404, { ...ISOLATION_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(message);
  }

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...ISOLATION_HEADERS, Allow: 'GET, HEAD' });
        res.end();
        return;
      }
      const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
      const target = resolveInside(root, urlPath);
      if (target === null) return notFound(res, 'Not found');
      const direct = await load(urlPath.endsWith('/') ? join(target, 'index.html') : target);
      if (direct) return send(req, res, urlPath.endsWith('/') ? join(target, 'index.html') : target, direct);
      // Client-side routes have no extension; assets that are missing stay missing.
      if (extname(urlPath) !== '') return notFound(res, `Not found: ${urlPath}`);
      const indexPath = join(root, 'index.html');
      const index = await load(indexPath);
      if (!index) return notFound(res, 'index.html is missing: build the app first');
      send(req, res, indexPath, index);
    })();
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      for (const rel of options.warm ?? []) {
        const path = resolveInside(root, rel);
        if (path) void load(path).then((f) => f && COMPRESSIBLE.has(extname(path).toLowerCase()) && compressInBackground(f));
      }
      resolvePromise(server);
    });
  });
}
