import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { writeBundle, type BundleContent } from '../../../electron/bundle/write';
import { FileStore } from '../../../electron/files/store';
import { JobCancelled, type TaskIO } from '../../../electron/jobs/protocol';

/**
 * Real bundles for the bundle tests: a store with a few Chinese-named files, content that
 * references them, and a tiny raw zip builder so a test can craft any bad zip by hand (yazl
 * refuses to write "../" names, which is exactly what we need to feed the reader).
 */

const made = new Set<string>();

/** A fresh temporary directory (the app's own helper would load the whole app, sqlite included). */
export function tempDir(prefix = 'bundle-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes every directory tempDir made in this process (call from afterAll). */
export function removeTempDirs(): void {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  made.clear();
}

export const U = {
  agency: '01890a5d-ac96-774b-bcce-b30209000001',
  inspection: '01890a5d-ac96-774b-bcce-b30209000002',
  doc1: '01890a5d-ac96-774b-bcce-b30209000003',
  doc2: '01890a5d-ac96-774b-bcce-b30209000004',
  photo: '01890a5d-ac96-774b-bcce-b30209000005',
};

export const DOC_NAME = '湘潭县市场监督管理局/现场检查笔录（第1页）.docx';

export const NOOP_IO: TaskIO = { progress: () => undefined, checkCancelled: () => undefined };

/** An io that records progress and cancels on the n-th checkCancelled call. */
export function recordingIO(cancelAt = Infinity): TaskIO & { calls: [string, number, number][] } {
  let n = 0;
  const calls: [string, number, number][] = [];
  return {
    calls,
    progress: (phase, done, total) => void calls.push([phase, done, total]),
    checkCancelled: () => {
      if (++n >= cancelAt) throw new JobCancelled();
    },
  };
}

/** A store holding a document, a second page and a 600 KB photo, and content exporting them. */
export function sample(dataDir = tempDir('bundle-')): { store: FileStore; content: BundleContent; dataDir: string } {
  const store = new FileStore(dataDir);
  const doc1 = store.putBuffer(Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(20_000)]));
  const doc2 = store.putBuffer(Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(9_000)]));
  const photo = store.putBuffer(randomBytes(600_000));
  const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const content: BundleContent = {
    exportedAt: '2025-03-01T09:30:00+08:00',
    software: { name: 'InspectDesk', version: '0.1.0' },
    office: { agencyUuid: U.agency, name: '湘潭县市场监督管理局', creditCode: '11430321MB1234567X' },
    selection: { kind: 'dateRange', from: '2025-01-01', to: '2025-02-28' },
    records: {
      agencies: [{ uuid: U.agency, version: 3, name: '湘潭县市场监督管理局', level: '县' }],
      inspections: [{ uuid: U.inspection, version: 7, number: '湘潭县市监检〔2025〕12号', enterprise: { name: '湘潭某某食品有限公司' } }],
      documents: [
        { uuid: U.doc1, version: 1, inspection: U.inspection, kind: 'onsite_record' },
        { uuid: U.doc2, version: 1, inspection: U.inspection, kind: 'onsite_record' },
      ],
      attachments: [{ uuid: U.photo, version: 1, inspection: U.inspection, kind: 'photo' }],
    },
    documents: [
      { sha256: doc1.sha256, size: doc1.bytes, name: DOC_NAME, mediaType: docx, record: { entity: 'documents', uuid: U.doc1 } },
      { sha256: doc2.sha256, size: doc2.bytes, name: '湘潭县市场监督管理局/现场检查笔录（第2页）.docx', mediaType: docx, record: { entity: 'documents', uuid: U.doc2 } },
    ],
    attachments: [{ sha256: photo.sha256, size: photo.bytes, name: '现场照片/仓库入口.jpg', mediaType: 'image/jpeg', record: { entity: 'attachments', uuid: U.photo } }],
    audit: [
      {
        seq: 41,
        at: '2025-02-10T01:00:00.000Z',
        userId: 2,
        username: 'zhangsan',
        route: 'inspections.record',
        entity: 'inspection',
        entityId: '12',
        summary: '录入现场检查笔录',
        prevHash: 'a'.repeat(64),
        hash: 'b'.repeat(64),
        record: { entity: 'inspections', uuid: U.inspection },
      },
    ],
  };
  return { store, content, dataDir };
}

export interface RawEntry {
  name: string | Buffer;
  data: Buffer;
  method?: 0 | 8 | 12;
  /** Declared uncompressed size (default: the real one). */
  usize?: number;
  crc?: number;
  flags?: number;
  externalAttrs?: number;
  madeBy?: number;
  /** Name in the local header, when it should differ from the central directory's. */
  localName?: Buffer;
  /** Point the central record at another entry's local header (overlap). */
  sameOffsetAs?: number;
}

/** Builds a zip by hand: local headers, data, central directory, end record. */
export function rawZip(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  let pos = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const body = e.method === 8 ? zlib.deflateRawSync(e.data) : e.data;
    const crc = e.crc ?? zlib.crc32(e.data);
    const usize = e.usize ?? e.data.length;
    const flags = e.flags ?? 0x0800;
    const lname = e.localName ?? name;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(e.method ?? 0, 8);
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(body.length, 18);
    h.writeUInt32LE(usize, 22);
    h.writeUInt16LE(lname.length, 26);
    offsets.push(pos);
    parts.push(h, lname, body);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(e.madeBy ?? (3 << 8) | 20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(flags, 8);
    c.writeUInt16LE(e.method ?? 0, 10);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(usize, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE((e.externalAttrs ?? (0o100644 << 16)) >>> 0, 38);
    c.writeUInt32LE(e.sameOffsetAs !== undefined ? (offsets[e.sameOffsetAs] ?? 0) : pos, 42);
    central.push(c, name);
    pos += 30 + lname.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(pos, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** Every entry of a zip with its bytes, in order (to re-pack a good bundle with one fault). */
export async function unpack(zipPath: string): Promise<RawEntry[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  const out: RawEntry[] = [];
  for await (const e of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(e)) chunks.push(c as Buffer);
    out.push({ name: e.fileName, data: Buffer.concat(chunks), method: e.compressionMethod === 8 ? 8 : 0 });
  }
  zip.close();
  return out;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const nameOf = (e: RawEntry) => (typeof e.name === 'string' ? e.name : e.name.toString('utf8'));

/** Recomputes manifest-sha256.txt, Payload-Oxum and tagmanifest-sha256.txt so only the intended fault remains. */
export function rebag(entries: RawEntry[], base: string, opts: { oxum?: string; keepManifest?: boolean } = {}): RawEntry[] {
  const rel = (e: RawEntry) => nameOf(e).slice(base.length);
  const payload = entries.filter((e) => rel(e).startsWith('data/'));
  const manifest = payload.map((e) => `${sha(e.data)}  ${rel(e)}\n`).join('');
  const bytes = payload.reduce((n, e) => n + e.data.length, 0);
  const set = (name: string, data: Buffer) => {
    const e = entries.find((x) => rel(x) === name);
    if (e) e.data = data;
  };
  if (!opts.keepManifest) set('manifest-sha256.txt', Buffer.from(manifest));
  const info = entries.find((x) => rel(x) === 'bag-info.txt');
  if (info) set('bag-info.txt', Buffer.from(info.data.toString().replace(/Payload-Oxum: .*/u, `Payload-Oxum: ${opts.oxum ?? `${bytes}.${payload.length}`}`)));
  const tags = entries.filter((e) => !rel(e).startsWith('data/') && rel(e) !== 'tagmanifest-sha256.txt');
  set('tagmanifest-sha256.txt', Buffer.from(tags.map((e) => `${sha(e.data)}  ${rel(e)}\n`).join('')));
  return entries;
}

/** The entry at a bag-relative path. */
export function entry(entries: RawEntry[], base: string, rel: string): RawEntry {
  const e = entries.find((x) => nameOf(x) === base + rel);
  if (!e) throw new Error(`no entry ${rel}`);
  return e;
}

/** A good bundle unpacked, to derive bad ones from: entries, the bag's base folder, and a fresh copy each call. */
export async function goodBundle(): Promise<{ zip: string; base: string; copy: () => RawEntry[] }> {
  const s = sample();
  const zip = path.join(tempDir('bundle-good-'), 'good.zip');
  const r = await writeBundle(zip, s.content, NOOP_IO, { store: s.store });
  const entries = await unpack(zip);
  return { zip, base: `${r.bagName}/`, copy: () => entries.map((e) => ({ ...e, data: Buffer.from(e.data) })) };
}

export function writeTemp(buf: Buffer, name = 'bad.zip'): string {
  const p = path.join(tempDir('bundle-bad-'), name);
  fs.writeFileSync(p, buf);
  return p;
}

/** Whether a command is on PATH. */
export function has(tool: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d !== '' && fs.existsSync(path.join(d, tool)));
}

/** Runs a command, returning status and output. */
export function run(cmd: string, args: string[], cwd?: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
