import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FILE_NAME_HEADER, MAX_BODY_BYTES, MAX_UPLOAD_BYTES, SESSION_COOKIE, TOKEN_HEADER } from '../../shared/api/bridge';
import { AppError } from '../errors';
import type { App } from '../app';
import { describeContract } from './describe';

export interface HostOptions {
  app: App;
  /** Built renderer (dist/renderer); when absent only the API is served. */
  rendererDir?: string;
  port?: number;
  token?: string;
}

export interface Host {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Same policy as the Electron window; antd injects <style> elements, hence 'unsafe-inline' for styles only. */
export const BROWSER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

function send(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

function commonHeaders(res: http.ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}

/**
 * Browser mode: the contract as POST /api/<route> on 127.0.0.1 only. Every API request needs
 * the per-launch token; Host and Origin must be this server (DNS rebinding, other sites);
 * bodies are size-limited; the login session is an HttpOnly, SameSite=Strict cookie.
 */
export async function startHost(opts: HostOptions): Promise<Host> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const server = http.createServer();
  const openStreams = new Set<http.ServerResponse>();
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  server.on('request', (req, res) => {
    commonHeaders(res);
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：主机名不正确' } });
    const origin = req.headers.origin;
    if (origin !== undefined && !(origin.startsWith('http://') && allowedHosts().has(origin.slice('http://'.length)))) {
      return send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：请求来源不正确' } });
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return void handleApi(req, res, url);
    return serveStatic(req, res, url);
  });

  function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const given = req.headers[TOKEN_HEADER];
    if (!sameToken(Array.isArray(given) ? given[0] : given, token)) {
      req.resume();
      return send(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '缺少或错误的访问令牌' } });
    }
    let sid = cookie(req, SESSION_COOKIE);
    const extra: Record<string, string> = {};
    if (!sid || !/^[A-Za-z0-9_-]{20,64}$/u.test(sid)) {
      sid = randomBytes(24).toString('base64url');
      extra['set-cookie'] = `${SESSION_COOKIE}=${sid}; Path=/api; HttpOnly; SameSite=Strict`;
    }
    if (req.method === 'GET' && url.pathname === '/api') return send(res, 200, describeContract(), extra);
    if (req.method === 'GET' && url.pathname === '/api/events') return openEvents(res, extra);
    if (url.pathname === '/api/files/upload' || url.pathname.startsWith('/api/files/download/')) {
      const user = opts.app.userOf(`http:${sid}`);
      if (!user) {
        req.resume();
        return send(res, 200, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }, extra);
      }
      if (req.method === 'POST' && url.pathname === '/api/files/upload') return void upload(req, res, extra);
      if (req.method === 'GET') return download(res, url.pathname.slice('/api/files/download/'.length), extra);
    }
    if (req.method !== 'POST') {
      req.resume();
      return send(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: '只接受 POST 请求' } }, { ...extra, allow: 'POST' });
    }
    const ctype = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/iu.test(ctype)) {
      req.resume();
      return send(res, 415, { ok: false, error: { code: 'INVALID_INPUT', message: '请求体必须是 JSON（application/json）' } }, extra);
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      return send(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: `请求体过大（上限 ${MAX_BODY_BYTES / 1024} KB）` } }, { ...extra, connection: 'close' });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (c: Buffer) => {
      if (aborted) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        aborted = true;
        send(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: `请求体过大（上限 ${MAX_BODY_BYTES / 1024} KB）` } }, { ...extra, connection: 'close' });
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (aborted) return;
      let input: unknown;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        input = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return send(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '请求体不是有效的 JSON' } }, extra);
      }
      const route = decodeURIComponent(url.pathname.slice('/api/'.length));
      void opts.app.dispatch(route, input, { sessionKey: `http:${sid}` }).then((result) => {
        const status = !result.ok && result.error.code === 'UNKNOWN_ROUTE' ? 404 : 200;
        send(res, status, result, extra);
      });
    });
  }

  async function upload(req: http.IncomingMessage, res: http.ServerResponse, extra: Record<string, string>): Promise<void> {
    if (Number(req.headers['content-length'] ?? '0') > MAX_UPLOAD_BYTES) {
      req.resume();
      return send(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: '文件过大' } }, { ...extra, connection: 'close' });
    }
    let name: string;
    try {
      name = decodeURIComponent(String(req.headers[FILE_NAME_HEADER] ?? ''));
    } catch {
      name = '';
    }
    try {
      const info = await opts.app.transfers.saveUploadStream(name || '未命名文件', req);
      send(res, 200, { ok: true, value: info }, extra);
    } catch (e) {
      const err = e instanceof AppError ? e : AppError.from('上传失败', e);
      send(res, err.message.startsWith('文件过大') ? 413 : 200, { ok: false, error: err.toApiError() }, { ...extra, connection: 'close' });
      req.destroy();
    }
  }

  function download(res: http.ServerResponse, id: string, extra: Record<string, string>): void {
    let file: ReturnType<App['transfers']['download']>;
    try {
      file = opts.app.transfers.download(decodeURIComponent(id));
    } catch (e) {
      const err = e instanceof AppError ? e : AppError.from('下载失败', e);
      return send(res, 404, { ok: false, error: err.toApiError() }, extra);
    }
    res.writeHead(200, {
      'content-type': file.mime,
      'content-length': String(file.bytes),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': 'no-store',
      ...extra,
    });
    fs.createReadStream(file.path).pipe(res);
  }

  function openEvents(res: http.ServerResponse, extra: Record<string, string>): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', ...extra });
    res.write(': connected\n\n');
    openStreams.add(res);
    const off = opts.app.onJobProgress((ev) => res.write(`data: ${JSON.stringify(ev)}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    res.on('close', () => {
      off();
      clearInterval(ping);
      openStreams.delete(res);
    });
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const root = opts.rendererDir;
    if (!root) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('界面文件未构建：请先运行 npm run build');
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.includes('\0') || rel.includes('\\')) {
      res.writeHead(400).end();
      return;
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(root, `.${rel}`);
    const inside = path.relative(root, file);
    if (inside.startsWith('..') || path.isAbsolute(inside)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('未找到');
        return;
      }
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      const headers: Record<string, string> = { 'content-type': type, 'content-length': String(data.length) };
      if (type.startsWith('text/html')) {
        headers['content-security-policy'] = BROWSER_CSP;
        headers['cache-control'] = 'no-store';
      }
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of openStreams) s.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
