import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { checkBundleManifest, type BundleManifest } from '../../shared/schemas/bundle';
import type { TaskIO } from '../jobs/protocol';
import { BAG_INFO, BAGIT, MANIFEST_JSON, PAYLOAD_MANIFEST, parseBagInfo, parseBagitTxt, parseManifest, payloadOxum, TAG_MANIFEST } from './bagit';
import { BundleError, reject } from './errors';
import { readAt } from './zip';
import { DEFAULT_LIMITS, indexZip, type BundleLimits, type ZipItem } from './zipIndex';

/**
 * verifyBundle / readBundle: everything about a bundle is checked before the importer writes
 * anything — the zip's structure and names (zipIndex.ts), the BagIt layout, both checksum
 * manifests against every byte, data/manifest.json against its versioned schema, and every file
 * it references. Cheap checks run first so a bad bundle is refused before gigabytes are hashed.
 */

export { DEFAULT_LIMITS, type BundleLimits } from './zipIndex';

export interface VerifiedBundle {
  manifest: BundleManifest;
  /** The bag's base directory inside the zip ('' when the bag sits at the zip's root). */
  bagName: string;
  bagInfo: [string, string][];
  payloadFiles: number;
  payloadBytes: number;
}

export interface BundleReader extends VerifiedBundle {
  /**
   * A payload file's bytes ("data/attachments/…", as in the manifest). The stream re-checks size
   * and SHA-256 as it goes and errors at the end if they differ (the zip could have been changed
   * since it was verified), so piping it into the store never commits a wrong file.
   */
  openFile(bagPath: string): Readable;
}

const PHASE = '校验数据包';
const PROGRESS_STEP = 4 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;

/** Checks the whole bundle; throws BundleError (problem code + Chinese message) at the first fault. */
export async function verifyBundle(zipPath: string, io: TaskIO, limits: BundleLimits = DEFAULT_LIMITS): Promise<VerifiedBundle> {
  return (await verify(zipPath, io, limits)).verified;
}

/** verifyBundle, then a way to stream each payload file (for the importer to put into the FileStore). */
export async function readBundle(zipPath: string, io: TaskIO, limits: BundleLimits = DEFAULT_LIMITS): Promise<BundleReader> {
  const { verified, payload, sums } = await verify(zipPath, io, limits);
  return {
    ...verified,
    openFile(bagPath: string): Readable {
      const it = payload.get(bagPath.normalize('NFC'));
      const sha = sums.get(bagPath.normalize('NFC'));
      if (!it || !sha) throw new BundleError('MISSING_REFERENCE', `数据包中没有文件 ${bagPath}`, bagPath);
      return entryStream(zipPath, it).pipe(new EntryCheck(it, bagPath, sha));
    },
  };
}

async function verify(zipPath: string, io: TaskIO, limits: BundleLimits) {
  io.progress(PHASE, 0, 0);
  const items = await indexZip(zipPath, limits);
  io.checkCancelled();
  const bag = await checkBag(zipPath, items, limits);
  io.checkCancelled();
  const manifest = await checkManifestJson(zipPath, bag, limits);
  await hashPayload(zipPath, bag, io);
  const verified: VerifiedBundle = { manifest, bagName: bag.base.replace(/\/$/u, ''), bagInfo: bag.bagInfo, payloadFiles: bag.payload.size, payloadBytes: bag.payloadBytes };
  return { verified, payload: bag.payload, sums: bag.sums };
}

interface Bag {
  base: string;
  /** Payload files by bag-relative NFC path ("data/…"). */
  payload: Map<string, ZipItem>;
  /** manifest-sha256.txt: path → SHA-256. */
  sums: Map<string, string>;
  bagInfo: [string, string][];
  payloadBytes: number;
}

/** Step 1: BagIt layout, tag files against the tag manifest, and both manifests against the zip's file list. */
async function checkBag(zipPath: string, items: ZipItem[], limits: BundleLimits): Promise<Bag> {
  const base = bagBase(items);
  const byPath = new Map<string, ZipItem>();
  for (const it of items) byPath.set(it.name.slice(base.length).normalize('NFC'), it);
  const cache = new Map<string, { text: string; sha256: string }>();
  const readTag = async (name: string): Promise<{ text: string; sha256: string }> => {
    const hit = cache.get(name);
    if (hit) return hit;
    const it = byPath.get(name) ?? reject('BAGIT_INVALID', `数据包缺少 ${name}，不是有效的 BagIt 数据包`);
    if (it.size > limits.maxTagFileBytes) reject('ZIP_BOMB', `数据包中的 ${name} 过大（${it.size} 字节），已拒绝导入`, name);
    const { buf, sha256 } = await readAll(zipPath, it, name);
    const tag = { text: utf8(buf, name), sha256 };
    cache.set(name, tag);
    return tag;
  };

  const version = parseBagitTxt((await readTag(BAGIT)).text);
  if (!version.ok) reject('BAGIT_INVALID', version.message, BAGIT);
  for (const m of [PAYLOAD_MANIFEST, TAG_MANIFEST]) {
    if (!byPath.has(m)) reject('BAG_MANIFEST_INVALID', `数据包缺少 ${m}（${m === TAG_MANIFEST ? '标签文件' : '文件'}校验清单），无法校验`, m);
  }
  const sums = manifestOrReject(PAYLOAD_MANIFEST, (await readTag(PAYLOAD_MANIFEST)).text);
  const tagSums = manifestOrReject(TAG_MANIFEST, (await readTag(TAG_MANIFEST)).text);
  const payload = new Map([...byPath].filter(([p]) => p.startsWith('data/')));
  compareLists(PAYLOAD_MANIFEST, sums, payload, (p) => p.startsWith('data/'));
  const tags = new Map([...byPath].filter(([p]) => !p.startsWith('data/') && !/^tagmanifest-\w+\.txt$/u.test(p)));
  compareLists(TAG_MANIFEST, tagSums, tags, (p) => !p.startsWith('data/'));
  for (const [p, expected] of tagSums) {
    if ((await readTag(p)).sha256 !== expected) reject('CHECKSUM_MISMATCH', `标签文件 ${p} 的校验值与 ${TAG_MANIFEST} 不符（文件被改动或损坏），已拒绝导入`, p);
  }
  const bagInfo = byPath.has(BAG_INFO) ? parsedOrReject(parseBagInfo((await readTag(BAG_INFO)).text)) : [];
  const payloadBytes = [...payload.values()].reduce((n, it) => n + it.size, 0);
  const oxum = bagInfo.find(([k]) => k.toLowerCase() === 'payload-oxum')?.[1];
  if (oxum !== undefined && oxum !== payloadOxum(payloadBytes, payload.size)) {
    reject('BAGIT_INVALID', `bag-info.txt 中的 Payload-Oxum（${oxum}）与数据包实际内容（${payloadOxum(payloadBytes, payload.size)}）不符`, BAG_INFO);
  }
  return { base, payload, sums, bagInfo, payloadBytes };
}

/** Step 2: data/manifest.json — its checksum, version, schema, and every file it names (and no file it does not). */
async function checkManifestJson(zipPath: string, bag: Bag, limits: BundleLimits): Promise<BundleManifest> {
  const mItem = bag.payload.get(MANIFEST_JSON) ?? reject('MISSING_FILE', `数据包缺少 ${MANIFEST_JSON}，不是本软件导出的数据包`);
  if (mItem.size > limits.maxManifestJsonBytes) reject('ZIP_BOMB', `${MANIFEST_JSON} 过大（${mItem.size} 字节），已拒绝导入`, MANIFEST_JSON);
  const { buf, sha256 } = await readAll(zipPath, mItem, MANIFEST_JSON);
  if (sha256 !== bag.sums.get(MANIFEST_JSON)) {
    reject('CHECKSUM_MISMATCH', `${MANIFEST_JSON} 的校验值与 ${PAYLOAD_MANIFEST} 不符（文件被改动或损坏），已拒绝导入`, MANIFEST_JSON);
  }
  let json: unknown;
  try {
    json = JSON.parse(utf8(buf, MANIFEST_JSON));
  } catch (e) {
    if (e instanceof BundleError) throw e;
    reject('SCHEMA_INVALID', `${MANIFEST_JSON} 不是有效的 JSON，已拒绝导入`, MANIFEST_JSON);
  }
  const checked = checkBundleManifest(json);
  if (!checked.ok) reject(checked.problem, checked.message, MANIFEST_JSON);
  const referenced = new Set([MANIFEST_JSON]);
  for (const f of [...checked.manifest.documents, ...checked.manifest.attachments]) {
    const p = f.path.normalize('NFC');
    const it = bag.payload.get(p) ?? reject('MISSING_REFERENCE', `${MANIFEST_JSON} 引用的文件 ${f.path}（“${f.name}”）不在数据包中，已拒绝导入`, f.path);
    if (bag.sums.get(p) !== f.sha256 || it.size !== f.size) {
      reject('CHECKSUM_MISMATCH', `${MANIFEST_JSON} 中文件 ${f.path} 的校验值或大小与 ${PAYLOAD_MANIFEST} 不符，已拒绝导入`, f.path);
    }
    referenced.add(p);
  }
  for (const p of bag.payload.keys()) {
    if (!referenced.has(p)) reject('UNREFERENCED_FILE', `数据包中的文件 ${p} 不属于任何记录（${MANIFEST_JSON} 中没有它），已拒绝导入`, p);
  }
  return checked.manifest;
}

/** Step 3: every payload byte against manifest-sha256.txt, in file order (sequential reads); progress in bytes. */
async function hashPayload(zipPath: string, bag: Bag, io: TaskIO): Promise<void> {
  let done = bag.payload.get(MANIFEST_JSON)?.size ?? 0;
  let reported = 0;
  io.progress(PHASE, done, bag.payloadBytes);
  const files = [...bag.payload].filter(([p]) => p !== MANIFEST_JSON).sort((a, b) => a[1].dataStart - b[1].dataStart);
  for (const [p, it] of files) {
    const sha = await hashItem(zipPath, it, p, (n) => {
      done += n;
      io.checkCancelled();
      if (done - reported >= PROGRESS_STEP) {
        reported = done;
        io.progress(PHASE, done, bag.payloadBytes);
      }
    });
    if (sha !== bag.sums.get(p)) reject('CHECKSUM_MISMATCH', `文件 ${p} 的 SHA-256 与 ${PAYLOAD_MANIFEST} 不符（文件被改动或损坏），已拒绝导入`, p);
  }
  io.progress(PHASE, bag.payloadBytes, bag.payloadBytes);
}

/** The bag's base: the zip's root if bagit.txt is there, else the one top-level folder (RFC 8493 §4). */
function bagBase(items: ZipItem[]): string {
  if (items.some((it) => it.name === BAGIT)) return '';
  const tops = new Set(items.map((it) => it.name.split('/')[0]));
  const [top] = tops;
  if (tops.size === 1 && top !== undefined && items.some((it) => it.name === `${top}/${BAGIT}`)) return `${top}/`;
  return reject('BAGIT_INVALID', '数据包中找不到 bagit.txt（或有多个顶层目录），不是有效的 BagIt 数据包');
}

/** A manifest keyed by NFC path (zip names are compared in NFC too); a path listed twice is refused. */
function manifestOrReject(name: string, text: string): Map<string, string> {
  const m = parseManifest(name, text);
  if (!m.ok) reject('BAG_MANIFEST_INVALID', m.message, name);
  const out = new Map<string, string>();
  for (const [p, sha] of m.value) {
    if (out.has(p.normalize('NFC'))) reject('BAG_MANIFEST_INVALID', `${name} 中的路径 ${p} 出现了两次`, name);
    out.set(p.normalize('NFC'), sha);
  }
  return out;
}

function parsedOrReject<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) reject('BAGIT_INVALID', r.message);
  return r.value;
}

/** The manifest and the zip must list the same files: one missing either way is refused. */
function compareLists(name: string, sums: Map<string, string>, files: Map<string, ZipItem>, belongs: (p: string) => boolean): void {
  for (const p of sums.keys()) {
    if (!belongs(p)) reject('BAG_MANIFEST_INVALID', `${name} 列出了不该由它校验的路径 ${p}`, p);
    if (!files.has(p)) reject('MISSING_FILE', `${name} 列出的文件 ${p} 不在数据包中（文件丢失），已拒绝导入`, p);
  }
  for (const p of files.keys()) {
    if (!sums.has(p)) reject('EXTRA_FILE', `数据包中的文件 ${p} 不在 ${name} 中（来历不明的文件），已拒绝导入`, p);
  }
}

function utf8(buf: Buffer, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return reject(name.startsWith('data/') ? 'SCHEMA_INVALID' : 'BAGIT_INVALID', `${name} 不是 UTF-8 文本`, name);
  }
}

/** An entry's uncompressed bytes as a stream (range read of the zip, inflated when deflated). */
function entryStream(zipPath: string, it: ZipItem): Readable {
  if (it.compressedSize === 0) return Readable.from([]);
  const raw = fs.createReadStream(zipPath, { start: it.dataStart, end: it.dataStart + it.compressedSize - 1, highWaterMark: READ_CHUNK });
  if (it.method === 0) return raw;
  const inflate = zlib.createInflateRaw();
  raw.on('error', (e) => inflate.destroy(e));
  return raw.pipe(inflate);
}

/** A pass-through that checks an entry: too many bytes fail at once; size, CRC-32 and (if given) SHA-256 at the end. */
class EntryCheck extends Transform {
  private readonly hash = createHash('sha256');
  private crc = 0;
  private n = 0;
  /** Hex SHA-256 of what went through, once the stream has ended. */
  sha256 = '';

  constructor(
    private readonly it: ZipItem,
    private readonly name: string,
    private readonly expectSha256 = '',
    private readonly onChunk?: (n: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null, d?: Buffer) => void): void {
    this.n += chunk.length;
    if (this.n > this.it.size) return cb(new BundleError('ZIP_BOMB', `数据包中的文件 ${this.name} 解压后超过声明的大小，已拒绝导入`, this.name));
    this.hash.update(chunk);
    this.crc = zlib.crc32(chunk, this.crc);
    try {
      this.onChunk?.(chunk.length);
    } catch (e) {
      return cb(e as Error);
    }
    cb(null, chunk);
  }

  override _flush(cb: (e?: Error | null) => void): void {
    const name = this.name;
    if (this.n !== this.it.size) return cb(new BundleError('ZIP_CORRUPT', `数据包中的文件 ${name} 长度与记录不符（文件已损坏）`, name));
    if (this.crc >>> 0 !== this.it.crc32 >>> 0) return cb(new BundleError('ZIP_CORRUPT', `数据包中的文件 ${name} CRC 校验失败（文件已损坏）`, name));
    this.sha256 = this.hash.digest('hex');
    if (this.expectSha256 && this.sha256 !== this.expectSha256) {
      return cb(new BundleError('CHECKSUM_MISMATCH', `文件 ${name} 的 SHA-256 与清单不符（文件被改动或损坏）`, name));
    }
    cb();
  }
}

/** Reads a small entry whole (tag files, manifest.json), with the size and CRC checks; returns bytes and SHA-256. */
async function readAll(zipPath: string, it: ZipItem, name: string): Promise<{ buf: Buffer; sha256: string }> {
  const parts: Buffer[] = [];
  const check = new EntryCheck(it, name);
  try {
    for await (const c of entryStream(zipPath, it).pipe(check)) parts.push(c as Buffer);
  } catch (e) {
    throw asBundleError(e, name);
  }
  return { buf: Buffer.concat(parts), sha256: check.sha256 };
}

/**
 * SHA-256 of an entry's bytes, also checking size and CRC-32. Stored entries (all payload files
 * the writer makes) are read with positional reads of 1 MiB, the next read in flight while the
 * current chunk is hashed, which is what lets verification beat `sha256sum -c`.
 */
async function hashItem(zipPath: string, it: ZipItem, name: string, onChunk: (n: number) => void): Promise<string> {
  if (it.method === 8) {
    const check = new EntryCheck(it, name, '', onChunk);
    try {
      for await (const _ of entryStream(zipPath, it).pipe(check));
    } catch (e) {
      throw asBundleError(e, name);
    }
    return check.sha256;
  }
  const hash = createHash('sha256');
  let crc = 0;
  const fd = fs.openSync(zipPath, 'r');
  const bufs = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)];
  let pos = 0;
  let pending: Promise<number> | null = null;
  try {
    const next = (k: number) => readAt(fd, bufs[k % 2] as Buffer, it.dataStart + pos, Math.min(READ_CHUNK, it.size - pos));
    if (it.size > 0) pending = next(0);
    for (let k = 0; pending; k++) {
      const n = await pending;
      pending = null;
      if (n === 0) reject('ZIP_TRUNCATED', `数据包中的文件 ${name} 不完整（数据包被截断）`, name);
      const chunk = (bufs[k % 2] as Buffer).subarray(0, n);
      pos += n;
      if (pos < it.size) pending = next(k + 1);
      hash.update(chunk);
      crc = zlib.crc32(chunk, crc);
      onChunk(n);
    }
  } catch (e) {
    throw asBundleError(e, name);
  } finally {
    // Never close a descriptor with a read still in flight on it.
    if (pending) await pending.catch(() => 0);
    fs.closeSync(fd);
  }
  if (crc >>> 0 !== it.crc32 >>> 0) reject('ZIP_CORRUPT', `数据包中的文件 ${name} CRC 校验失败（文件已损坏）`, name);
  return hash.digest('hex');
}

function asBundleError(e: unknown, name: string): Error {
  if (e instanceof BundleError || (e instanceof Error && e.name === 'JobCancelled')) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new BundleError('ZIP_CORRUPT', `无法读取数据包中的文件 ${name}（文件已损坏或不完整）。技术信息：${msg}`, name);
}
