import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStore } from '../../electron/files/store';
import { tempDir } from '../support/app';

describe('content-addressed file store', () => {
  it('stores by SHA-256, once, read-only, and reads back the same bytes', async () => {
    const store = new FileStore(tempDir());
    const a = store.putBuffer(Buffer.from('现场检查笔录'));
    expect(a.sha256).toBe(createHash('sha256').update('现场检查笔录').digest('hex'));
    expect(store.pathOf(a.sha256)).toBe(path.join(store.root, a.sha256.slice(0, 2), a.sha256.slice(2)));
    expect(store.read(a.sha256).toString()).toBe('现场检查笔录');
    expect(store.putBuffer(Buffer.from('现场检查笔录'))).toEqual(a);
    // The non-blocking variant lands in the same place with the same answer.
    const c = await store.putBufferAsync(Buffer.from('行政检查通知书'));
    expect(store.read(c.sha256).toString()).toBe('行政检查通知书');
    expect(await store.putBufferAsync(Buffer.from('现场检查笔录'))).toEqual(a);
    expect(fs.statSync(store.pathOf(a.sha256)).mode & 0o222).toBe(0);
    const src = path.join(tempDir(), '照片.jpg');
    fs.writeFileSync(src, Buffer.alloc(300_000, 7));
    const b = await store.putFile(src);
    expect(b.bytes).toBe(300_000);
    expect(await store.verify(b.sha256)).toBe('ok');
    expect(fs.readdirSync(path.join(path.dirname(store.root), 'tmp'))).toEqual([]);
  });

  it('reports missing and changed files', async () => {
    const store = new FileStore(tempDir());
    const a = store.putBuffer(Buffer.from('abc'));
    const p = store.pathOf(a.sha256);
    fs.chmodSync(p, 0o644);
    fs.writeFileSync(p, 'abd');
    expect(await store.verify(a.sha256)).toBe('changed');
    fs.rmSync(p);
    expect(await store.verify(a.sha256)).toBe('missing');
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/哈希格式不正确/u);
  });
});
