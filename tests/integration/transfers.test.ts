import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { safeFileName, Transfers } from '../../electron/files/transfers';
import { startHost, type Host } from '../../electron/host/server';
import { FILE_NAME_HEADER, TOKEN_HEADER } from '../../shared/api';
import { tempDir, testApp } from '../support/app';

describe('file names from outside', () => {
  it('keeps Chinese names, drops folders and characters Windows forbids', () => {
    expect(safeFileName('企业名录（2025）.xlsx')).toBe('企业名录（2025）.xlsx');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\a\\名录.csv')).toBe('名录.csv');
    expect(safeFileName('a<b>:c|d?.xlsx')).toBe('a_b__c_d_.xlsx');
    expect(safeFileName('..')).toBe('未命名文件');
  });

  it('sweeps transfers older than a day', () => {
    const t = new Transfers(tempDir());
    const info = t.saveUploadBytes('x.csv', new Uint8Array([1]));
    expect(t.sweep(Date.now() + 2 * 24 * 3600 * 1000)).toBe(2);
    expect(() => t.upload(info.uploadId)).toThrow(/找不到上传的文件/u);
  });
});

describe('uploads and downloads over browser mode', () => {
  let app: App;
  let host: Host;
  let cookie = '';

  beforeAll(async () => {
    app = testApp();
    host = await startHost({ app });
    const setup = await raw('POST', '/api/auth.setup', { 'content-type': 'application/json' }, JSON.stringify({ username: 'admin', displayName: '管理员', password: 'admin-pass-1' }));
    cookie = String(setup.headers['set-cookie']).split(';')[0] ?? '';
  });
  afterAll(async () => {
    await host.close();
    await app.close();
  });

  function raw(method: string, p: string, headers: Record<string, string>, body?: string | Buffer) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: host.port, method, path: p, headers: { [TOKEN_HEADER]: host.token, ...(cookie ? { cookie } : {}), ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  it('stores an upload under a random id, keeping its Chinese name and bytes', async () => {
    const bytes = Buffer.from('统一社会信用代码,名称\n', 'utf8');
    const r = await raw('POST', '/api/files/upload', { 'content-type': 'application/octet-stream', [FILE_NAME_HEADER]: encodeURIComponent('企业名录.csv') }, bytes);
    const res = JSON.parse(r.body.toString()) as { ok: boolean; value: { uploadId: string; name: string; bytes: number } };
    expect(res).toMatchObject({ ok: true, value: { name: '企业名录.csv', bytes: bytes.length } });
    const stored = app.transfers.upload(res.value.uploadId);
    expect(fs.readFileSync(stored.path)).toEqual(bytes);
    expect(fs.readdirSync(path.dirname(stored.path)).some((n) => n.endsWith('.partial'))).toBe(false);
  });

  it('refuses uploads without the token or without a login', async () => {
    const noToken = await new Promise<number>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/files/upload', headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.end('x');
    });
    expect(noToken).toBe(401);
    const saved = cookie;
    cookie = '';
    const r = await raw('POST', '/api/files/upload', { 'content-type': 'application/octet-stream' }, 'x');
    cookie = saved;
    expect(JSON.parse(r.body.toString())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('serves an offered file once under its Chinese name, and 404s unknown ids', async () => {
    const scratch = app.transfers.scratchPath('.xlsx');
    fs.writeFileSync(scratch, 'xlsx-bytes');
    const offer = app.transfers.offerDownload(scratch, '企业名录导出.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const r = await raw('GET', `/api/files/download/${offer.downloadId}`, {});
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('xlsx-bytes');
    expect(r.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('企业名录导出.xlsx')}`);
    const missing = await raw('GET', '/api/files/download/AAAAAAAAAAAAAAAAAAAAAAAA', {});
    expect(missing.status).toBe(404);
    const bad = await raw('GET', '/api/files/download/..%2F..%2Fetc', {});
    expect(bad.status).toBe(404);
  });
});
