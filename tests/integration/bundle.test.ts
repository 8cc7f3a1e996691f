import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle, verifyBundle } from '../../electron/bundle/read';
import { writeBundle } from '../../electron/bundle/write';
import { JobCancelled } from '../../electron/jobs/protocol';
import { DOC_NAME, has, NOOP_IO, recordingIO, removeTempDirs, run, sample, tempDir, U } from '../unit/bundle/fixtures';

/** The bundle writer and reader on real stores and real zips, checked with standard tools too. */

async function written(zip64Threshold?: number) {
  const s = sample();
  const target = path.join(tempDir('bundle-out-'), '导出数据包.zip');
  const result = await writeBundle(target, s.content, NOOP_IO, { store: s.store, zip64Threshold });
  return { ...s, target, result };
}

/** Every header (local 'PK\x03\x04' or central 'PK\x01\x02') whose name is `name`, with its flag word. */
function headers(buf: Buffer, kind: 'local' | 'central', name: string): number[] {
  const sig = Buffer.from(kind === 'local' ? 'PK\x03\x04' : 'PK\x01\x02', 'latin1');
  const [flagAt, lenAt, nameAt] = kind === 'local' ? [6, 26, 30] : [8, 28, 46];
  const want = Buffer.from(name, 'utf8');
  const flags: number[] = [];
  for (let i = buf.indexOf(sig); i >= 0; i = buf.indexOf(sig, i + 4)) {
    if (buf.subarray(i + nameAt, i + nameAt + buf.readUInt16LE(i + lenAt)).equals(want)) flags.push(buf.readUInt16LE(i + flagAt));
  }
  return flags;
}

afterAll(removeTempDirs);

describe('writeBundle → verifyBundle / readBundle', () => {
  it('round-trips records, documents and attachments, streaming each file back verified', async () => {
    const { target, result, content, store } = await written();
    expect(result.bagName).toBe('InspectDesk-20250301-093000');
    expect(result.payloadFiles).toBe(4);
    const r = await readBundle(target, NOOP_IO);
    expect(r.manifest.schemaVersion).toBe(1);
    expect(r.manifest.records.inspections?.[0]).toMatchObject({ uuid: U.inspection, version: 7, enterprise: { name: '湘潭某某食品有限公司' } });
    expect(r.manifest.audit[0]?.record.uuid).toBe(U.inspection);
    expect(r.bagInfo).toContainEqual(['Source-Organization', '湘潭县市场监督管理局']);
    expect(r.bagInfo).toContainEqual(['Bagging-Date', '2025-03-01']);
    for (const f of [...r.manifest.documents, ...r.manifest.attachments]) {
      const chunks: Buffer[] = [];
      for await (const c of r.openFile(f.path)) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).equals(store.read(f.sha256))).toBe(true);
    }
    const doc = r.manifest.documents.find((d) => d.record.uuid === U.doc1);
    expect(doc).toMatchObject({ path: `data/documents/${DOC_NAME}`, name: DOC_NAME, sha256: content.documents[0]?.sha256 });
  });

  it('is deterministic: same content (in any order) → identical bytes', async () => {
    const s = sample();
    const dir = tempDir('bundle-det-');
    await writeBundle(path.join(dir, 'a.zip'), s.content, NOOP_IO, { store: s.store });
    const shuffled = {
      ...s.content,
      documents: [...s.content.documents].reverse(),
      records: Object.fromEntries(Object.entries(s.content.records).reverse().map(([k, v]) => [k, [...(v ?? [])].reverse().map((r) => Object.fromEntries(Object.entries(r).reverse()))])),
    } as typeof s.content;
    await writeBundle(path.join(dir, 'b.zip'), shuffled, NOOP_IO, { store: s.store });
    const a = fs.readFileSync(path.join(dir, 'a.zip'));
    expect(a.equals(fs.readFileSync(path.join(dir, 'b.zip')))).toBe(true);
    // Entry times are the export's wall clock, not "now": 2025-03-01 09:30:00 in DOS format.
    expect(a.readUInt16LE(10)).toBe((9 << 11) | (30 << 5));
    expect(a.readUInt16LE(12)).toBe(((2025 - 1980) << 9) | (3 << 5) | 1);
  });

  it('keeps Chinese names exactly: UTF-8 bytes, NFC, and the UTF-8 flag (bit 11) in local and central headers', async () => {
    const { target, result } = await written();
    const buf = fs.readFileSync(target);
    const name = `${result.bagName}/data/documents/${DOC_NAME}`;
    expect(name).toBe(name.normalize('NFC'));
    for (const kind of ['local', 'central'] as const) {
      const flags = headers(buf, kind, name);
      expect(flags, kind).toHaveLength(1);
      expect((flags[0] ?? 0) & 0x0800, kind).toBe(0x0800);
    }
    // yazl would set the flag too, but for every name: so do we (ASCII names are valid UTF-8).
    expect(headers(buf, 'local', `${result.bagName}/bagit.txt`)[0]).toBe(0x0800);
  });

  it('unzips with standard tools and passes `sha256sum -c` on both manifests', async (ctx) => {
    const { target, result } = await written();
    const out = tempDir('bundle-unzip-');
    if (has('unzip')) expect(run('unzip', ['-q', target, '-d', out]).status).toBe(0);
    else if (has('python3')) expect(run('python3', ['-m', 'zipfile', '-e', target, out]).status).toBe(0);
    else ctx.skip('neither unzip nor python3 is installed');
    const bag = path.join(out, result.bagName);
    expect(fs.readFileSync(path.join(bag, 'data/documents', DOC_NAME)).length).toBeGreaterThan(0);
    ctx.skip(!has('sha256sum'), 'sha256sum (coreutils) is not installed');
    for (const m of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
      const r = run('sha256sum', ['-c', m], bag);
      expect(r.status, r.out).toBe(0);
      const lines = r.out.trim().split('\n');
      expect(lines.every((l) => l.endsWith(': OK'))).toBe(true);
    }
    expect(run('sha256sum', ['-c', 'manifest-sha256.txt'], bag).out).toContain(`data/documents/${DOC_NAME}: OK`);
  });

  it('is read by Python zipfile with the same names and a clean CRC test', async (ctx) => {
    ctx.skip(!has('python3'), 'python3 is not installed');
    const { target } = await written();
    const r = run('python3', ['-c', 'import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint("\\n".join(z.namelist()))', target]);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain(`data/documents/${DOC_NAME}`);
  });

  it('accepts the bag re-zipped by Info-ZIP (deflated, folder entries, extra fields)', async (ctx) => {
    ctx.skip(!has('unzip') || !has('zip'), 'unzip/zip (Info-ZIP) not installed');
    const { target, result } = await written();
    const out = tempDir('bundle-rezip-');
    expect(run('unzip', ['-q', target, '-d', out]).status).toBe(0);
    const again = path.join(out, 'again.zip');
    expect(run('zip', ['-r', '-q', again, result.bagName], out).status).toBe(0);
    const r = await verifyBundle(again, NOOP_IO);
    expect(r.manifest.documents.map((d) => d.name)).toContain(DOC_NAME);
  });

  it('writes a real > 4 GiB bundle with ZIP64 (opt-in: BUNDLE_BIG=1, about a minute, 4 GiB of disk)', async (ctx) => {
    ctx.skip(!process.env.BUNDLE_BIG, 'set BUNDLE_BIG=1 to write and verify a 4.1 GiB bundle');
    const s = sample();
    const size = 4 * 1024 ** 3 + 100 * 1024 ** 2;
    const hash = createHash('sha256');
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    for (let n = 0; n < size; n += zeros.length) hash.update(n + zeros.length <= size ? zeros : zeros.subarray(0, size - n));
    const sha = hash.digest('hex');
    // A sparse file in the store: 4.1 GiB of zeros without 4.1 GiB of writes.
    fs.mkdirSync(path.dirname(s.store.pathOf(sha)), { recursive: true });
    fs.writeFileSync(s.store.pathOf(sha), '');
    fs.truncateSync(s.store.pathOf(sha), size);
    const video = s.content.attachments[0] as (typeof s.content.attachments)[number];
    s.content.attachments = [{ ...video, sha256: sha, size, name: '现场录像/全程.mp4', mediaType: 'video/mp4' }];
    const target = path.join(tempDir('bundle-big-'), 'big.zip');
    await writeBundle(target, s.content, NOOP_IO, { store: s.store });
    expect(fs.statSync(target).size).toBeGreaterThan(size);
    const r = await verifyBundle(target, NOOP_IO);
    expect(r.manifest.attachments[0]?.size).toBe(size);
    if (has('python3')) {
      const py = run('python3', ['-c', 'import sys,zipfile\nprint(max(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))', target]);
      expect(py.out.trim()).toBe(String(size));
    }
    fs.rmSync(target);
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }, 300_000);

  it('writes valid ZIP64 records (threshold lowered so every entry and the end record use them)', async (ctx) => {
    const { target } = await written(0);
    await expect(verifyBundle(target, NOOP_IO)).resolves.toMatchObject({ payloadFiles: 4 });
    if (has('unzip')) expect(run('unzip', ['-tq', target]).status).toBe(0);
    ctx.skip(!has('python3'), 'python3 is not installed');
    expect(run('python3', ['-c', 'import sys,zipfile\nassert zipfile.ZipFile(sys.argv[1]).testzip() is None', target]).status).toBe(0);
  });

  it('reports progress in bytes up to the total', async () => {
    const s = sample();
    const io = recordingIO();
    const r = await writeBundle(path.join(tempDir(), 'p.zip'), s.content, io, { store: s.store });
    const last = io.calls[io.calls.length - 1];
    expect(last).toEqual(['写入数据包', r.payloadBytes, r.payloadBytes]);
    expect(io.calls.every(([, d, t]) => d <= t)).toBe(true);
    const vio = recordingIO();
    await verifyBundle(r.path, vio);
    expect(vio.calls[vio.calls.length - 1]).toEqual(['校验数据包', r.payloadBytes, r.payloadBytes]);
  });

  it('cancel stops the write and removes the partial file', async () => {
    const s = sample();
    const dir = tempDir('bundle-cancel-');
    const target = path.join(dir, 'c.zip');
    await expect(writeBundle(target, s.content, recordingIO(3), { store: s.store })).rejects.toBeInstanceOf(JobCancelled);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses to export a stored file whose bytes no longer match its hash, leaving nothing behind', async () => {
    const s = sample();
    const p = s.store.pathOf(s.content.attachments[0]?.sha256 ?? '');
    fs.chmodSync(p, 0o644);
    const bytes = fs.readFileSync(p);
    bytes[1000] = (bytes[1000] ?? 0) ^ 0xff;
    fs.writeFileSync(p, bytes);
    const dir = tempDir('bundle-corrupt-');
    await expect(writeBundle(path.join(dir, 'x.zip'), s.content, NOOP_IO, { store: s.store })).rejects.toThrow(/已损坏或被改动/u);
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(p);
    await expect(writeBundle(path.join(dir, 'x.zip'), s.content, NOOP_IO, { store: s.store })).rejects.toThrow(/档案文件缺失/u);
  });

  it('refuses content its own reader would refuse (a file pointing at a record not exported)', async () => {
    const s = sample();
    const bad = { ...s.content, attachments: [{ ...(s.content.attachments[0] as (typeof s.content.attachments)[number]), record: { entity: 'attachments' as const, uuid: U.doc2 } }] };
    await expect(writeBundle(path.join(tempDir(), 'x.zip'), bad, NOOP_IO, { store: s.store })).rejects.toThrow(/不在数据包中/u);
  });

  it('shortens over-long and clashing names deterministically and keeps every path under the limit', async () => {
    const s = sample();
    const long = `${'湘潭县'.repeat(30)}/${'关于某某食品有限公司现场检查情况的说明'.repeat(8)}.docx`;
    const a = s.content.documents[0] as (typeof s.content.documents)[number];
    const b = s.content.documents[1] as (typeof s.content.documents)[number];
    s.content.documents = [
      { ...a, name: long },
      { ...b, name: long.replace('.docx', '.DOCX').toUpperCase() },
    ];
    const target = path.join(tempDir(), 'long.zip');
    await writeBundle(target, s.content, NOOP_IO, { store: s.store });
    const r = await verifyBundle(target, NOOP_IO);
    const paths = r.manifest.documents.map((d) => `${r.bagName}/${d.path}`);
    expect(new Set(paths.map((p) => p.toLowerCase())).size).toBe(2);
    for (const p of paths) {
      expect(p.length).toBeLessThanOrEqual(200);
      expect(p).toMatch(/~[0-9a-f]{8}(-\d+)?\.(docx|DOCX)$/u);
    }
    expect(r.manifest.documents.map((d) => d.name).sort()).toEqual([long, long.replace('.docx', '.DOCX').toUpperCase()].sort());
  });
});
