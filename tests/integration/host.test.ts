import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { startHost, type Host } from '../../electron/host/server';
import { MAX_BODY_BYTES, SESSION_COOKIE, TOKEN_HEADER } from '../../shared/api';
import { tempDir, testApp } from '../support/app';

let app: App;
let host: Host;
let renderer: string;

beforeAll(async () => {
  app = testApp();
  renderer = tempDir('renderer-');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(tempDir(), 'secret.txt'), 'secret');
  host = await startHost({ app, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  await app.close();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: () => { ok: boolean; error?: { code: string; message: string }; value?: unknown };
}

/** A raw request, so tests control every header (fetch would fix Host and Origin itself). */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: opts.method ?? 'POST', path: opts.path, headers: { host: `127.0.0.1:${host.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve({ status: 413, headers: {}, body: '', json: () => ({ ok: false }) }) : reject(e)));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const json = { 'content-type': 'application/json' };
const auth = () => ({ [TOKEN_HEADER]: host.token, ...json });

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/u);
  });

  it('requires the per-launch token on every API request', async () => {
    const none = await request({ path: '/api/auth.status', headers: json, body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await request({ path: '/api/auth.status', headers: { ...json, [TOKEN_HEADER]: `${host.token}x` }, body: '{}' });
    expect(wrong.status).toBe(401);
    const describe = await request({ method: 'GET', path: '/api' });
    expect(describe.status).toBe(401);
    const right = await request({ path: '/api/auth.status', headers: auth(), body: '{}' });
    expect(right.status).toBe(200);
    expect(right.json()).toMatchObject({ ok: true, value: { needsSetup: true } });
  });

  it('rejects a foreign Origin or Host with 403', async () => {
    const origin = await request({ path: '/api/auth.status', headers: { ...auth(), origin: 'http://evil.example' }, body: '{}' });
    expect(origin.status).toBe(403);
    const otherPort = await request({ path: '/api/auth.status', headers: { ...auth(), origin: 'http://127.0.0.1:1' }, body: '{}' });
    expect(otherPort.status).toBe(403);
    const rebinding = await request({ path: '/api/auth.status', headers: { ...auth(), host: `evil.example:${host.port}` }, body: '{}' });
    expect(rebinding.status).toBe(403);
    const same = await request({ path: '/api/auth.status', headers: { ...auth(), origin: `http://127.0.0.1:${host.port}` }, body: '{}' });
    expect(same.status).toBe(200);
  });

  it('rejects oversized bodies with 413 and writes nothing', async () => {
    const big = JSON.stringify({ username: 'a'.repeat(MAX_BODY_BYTES), displayName: 'x', password: 'longpassword' });
    const r = await request({ path: '/api/auth.setup', headers: auth(), body: big });
    expect(r.status).toBe(413);
    const status = await request({ path: '/api/auth.status', headers: auth(), body: '{}' });
    expect(status.json()).toMatchObject({ value: { needsSetup: true } });
  });

  it('rejects non-JSON bodies and methods other than POST', async () => {
    expect((await request({ path: '/api/auth.status', headers: { [TOKEN_HEADER]: host.token, 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await request({ path: '/api/auth.status', headers: auth(), body: '{not json' })).status).toBe(400);
    expect((await request({ method: 'PUT', path: '/api/auth.status', headers: auth(), body: '{}' })).status).toBe(405);
  });

  it('answers an unknown route with 404 and an error envelope', async () => {
    const r = await request({ path: '/api/nope', headers: auth(), body: '{}' });
    expect(r.status).toBe(404);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });
  });

  it('keeps the login in an HttpOnly SameSite=Strict cookie', async () => {
    const setup = await request({ path: '/api/auth.setup', headers: auth(), body: JSON.stringify({ username: 'admin', displayName: '管理员', password: 'admin-pass-1' }) });
    expect(setup.json()).toMatchObject({ ok: true });
    const cookie = String(setup.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`${SESSION_COOKIE}=[A-Za-z0-9_-]+; Path=/api; HttpOnly; SameSite=Strict`, 'u'));
    const sid = cookie.split(';')[0] ?? '';
    const me = await request({ path: '/api/auth.status', headers: { ...auth(), cookie: sid }, body: '{}' });
    expect(me.json()).toMatchObject({ value: { user: { username: 'admin' } } });
    const stranger = await request({ path: '/api/users.list', headers: auth(), body: '{}' });
    expect(stranger.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('describes the contract at GET /api with JSON Schema for each route', async () => {
    const r = await request({ method: 'GET', path: '/api', headers: { [TOKEN_HEADER]: host.token } });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { routes: { name: string; access: unknown; input: { properties?: Record<string, unknown> } }[] };
    const create = body.routes.find((x) => x.name === 'users.create');
    expect(create?.access).toEqual(['admin']);
    expect(Object.keys(create?.input.properties ?? {})).toEqual(['username', 'displayName', 'role', 'password']);
    expect(body.routes.length).toBeGreaterThan(15);
  });

  it('serves the renderer with a strict CSP and refuses path traversal', async () => {
    const index = await request({ method: 'GET', path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/u);
    expect(index.headers['content-security-policy']).not.toMatch(/unsafe-eval/u);
    for (const p of ['/../secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/%5c..%5cetc']) {
      const r = await request({ method: 'GET', path: p });
      expect([400, 403, 404], p).toContain(r.status);
      expect(r.body).not.toContain('root:');
    }
  });
});
