import fs from 'node:fs';
import yauzl from 'yauzl';
import { pathKey } from '../../shared/schemas/bundle';
import { BundleError, reject } from './errors';
import { checkEntryName } from './names';

/**
 * The first line of defence on import: open a zip the user handed us with yauzl (central
 * directory, validateEntrySizes, lazyEntries) and refuse it before a single byte of content is
 * read if any entry could hurt: a name that escapes the extraction folder, a link, a name that
 * collides on Windows or macOS, encryption, an unknown compression, or the shape of a zip bomb
 * (too many entries, too much data, an extreme ratio, entries that overlap).
 */

export interface BundleLimits {
  /** Entries in the zip (a bundle holds one per document/attachment plus five). */
  maxEntries: number;
  /** Sum of uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed for a deflated entry larger than 1 MiB (JSON compresses ~10–30×). */
  maxRatio: number;
  /** A tag file (bagit.txt, bag-info.txt, the manifests) is read into memory: keep it bounded. */
  maxTagFileBytes: number;
  /** data/manifest.json is parsed in memory. */
  maxManifestJsonBytes: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 64 * 1024 ** 3,
  maxRatio: 200,
  maxTagFileBytes: 64 * 1024 ** 2,
  maxManifestJsonBytes: 512 * 1024 ** 2,
};

/** One file entry, checked, with where its data starts. */
export interface ZipItem {
  name: string;
  method: 0 | 8;
  crc32: number;
  compressedSize: number;
  size: number;
  dataStart: number;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const FILE_ATTRIBUTE_REPARSE_POINT = 0x400;

/** Opens `zipPath`, checks every entry, returns the files (directories dropped) in data order. */
export async function indexZip(zipPath: string, limits: BundleLimits): Promise<ZipItem[]> {
  const head = readHead(zipPath);
  let zip: yauzl.ZipFile;
  try {
    // decodeStrings: false — names are decoded and judged here, with Chinese messages, not by yauzl.
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (e) {
    throw zipError(e, head);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      reject('ZIP_BOMB', `数据包中的文件数（${zip.entryCount}）超过上限 ${limits.maxEntries}，已拒绝导入`);
    }
    const raw: yauzl.Entry[] = [];
    try {
      for await (const e of zip.eachEntry()) raw.push(e);
    } catch (e) {
      throw zipError(e, head);
    }
    const items: (ZipItem & { entry: yauzl.Entry })[] = [];
    const keys = new Map<string, string>();
    let total = 0;
    for (const e of raw) {
      const n = checkEntryName(e.fileNameRaw, e.generalPurposeBitFlag);
      if (!n.ok) reject(n.problem, n.message);
      const name = n.name;
      checkKind(e, name);
      if ((e.generalPurposeBitFlag & 1) !== 0) reject('UNSUPPORTED_ENTRY', `数据包中的文件 ${name} 已加密，无法校验，已拒绝导入`, name);
      if (e.compressionMethod !== 0 && e.compressionMethod !== 8) {
        reject('UNSUPPORTED_ENTRY', `数据包中的文件 ${name} 使用了不支持的压缩方式（${e.compressionMethod}），已拒绝导入`, name);
      }
      const bare = n.isDir ? name.slice(0, -1) : name;
      const key = pathKey(bare);
      const other = keys.get(key);
      if (other !== undefined) {
        reject('DUPLICATE_PATH', `数据包中有重复的路径：${JSON.stringify(other)} 与 ${JSON.stringify(name)}（不区分大小写或 Unicode 规范化后相同），已拒绝导入`, name);
      }
      keys.set(key, name);
      if (n.isDir) {
        if (e.uncompressedSize !== 0) reject('ZIP_CORRUPT', `数据包中的目录项 ${name} 带有数据，zip 结构异常`, name);
        continue;
      }
      total += e.uncompressedSize;
      if (total > limits.maxTotalBytes) {
        reject('ZIP_BOMB', `数据包解压后总大小超过上限 ${gib(limits.maxTotalBytes)}，已拒绝导入`, name);
      }
      if (e.compressionMethod === 8 && e.uncompressedSize > 1024 * 1024 && e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio) {
        reject('ZIP_BOMB', `数据包中的文件 ${name} 压缩比异常（${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1），疑似“zip 炸弹”，已拒绝导入`, name);
      }
      items.push({
        name,
        entry: e,
        method: e.compressionMethod as 0 | 8,
        crc32: e.crc32,
        compressedSize: e.compressedSize,
        size: e.uncompressedSize,
        dataStart: 0,
      });
    }
    // A file may not also be a folder of another file ("a" and "a/b"): extraction would fail half-way.
    for (const it of items) {
      const segs = it.name.split('/');
      for (let i = 1; i < segs.length; i++) {
        const parent = keys.get(pathKey(segs.slice(0, i).join('/')));
        if (parent !== undefined && !parent.endsWith('/')) reject('DUPLICATE_PATH', `数据包中的 ${JSON.stringify(parent)} 既是文件又是目录，已拒绝导入`, it.name);
      }
    }
    await locateData(zip, items);
    return items.map(({ name, method, crc32, compressedSize, size, dataStart }) => ({ name, method, crc32, compressedSize, size, dataStart }));
  } finally {
    zip.close();
  }
}

/** Links, devices and pipes are refused: a bundle holds plain files and folders only. */
function checkKind(e: yauzl.Entry, name: string): void {
  const unixMode = (e.externalFileAttributes >>> 16) & S_IFMT;
  const madeBy = e.versionMadeBy >> 8;
  if (unixMode === S_IFLNK) reject('SYMLINK', `数据包中的 ${name} 是符号链接，可能指向数据包以外的文件，已拒绝导入`, name);
  if (unixMode !== 0 && unixMode !== S_IFREG && unixMode !== S_IFDIR) reject('SYMLINK', `数据包中的 ${name} 不是普通文件（设备或管道等），已拒绝导入`, name);
  // Windows zippers (7-Zip) keep the full attribute word: a reparse point is a link or junction.
  if (madeBy !== 3 && (e.externalFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) !== 0) {
    reject('SYMLINK', `数据包中的 ${name} 是链接（重解析点），已拒绝导入`, name);
  }
}

/**
 * Reads each local header: its name must be the central directory's (a mismatch is how a zip
 * shows one thing to one tool and another to the next), and no entry's data may run into the
 * next entry (overlapping entries are the "better zip bomb", Fifield 2019).
 */
async function locateData(zip: yauzl.ZipFile, items: (ZipItem & { entry: yauzl.Entry })[]): Promise<void> {
  items.sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader);
  let end = 0;
  for (const it of items) {
    if (it.entry.relativeOffsetOfLocalHeader < end) reject('ZIP_BOMB', `数据包中的文件 ${it.name} 与前一个文件的数据重叠，疑似“zip 炸弹”，已拒绝导入`, it.name);
    let lh: yauzl.LocalFileHeader;
    try {
      lh = await zip.readLocalFileHeaderPromise(it.entry);
    } catch (e) {
      throw zipError(e, null);
    }
    if (!lh.fileName.equals(it.entry.fileNameRaw)) reject('ZIP_CORRUPT', `数据包中 ${it.name} 的本地文件头与目录记录不一致，zip 结构异常`, it.name);
    it.dataStart = lh.fileDataStart;
    end = lh.fileDataStart + it.compressedSize;
  }
}

function readHead(zipPath: string): Buffer {
  const buf = Buffer.alloc(4);
  try {
    const fd = fs.openSync(zipPath, 'r');
    try {
      fs.readSync(fd, buf, 0, 4, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new BundleError('ZIP_CORRUPT', `无法打开数据包文件：${(e as Error).message}`);
  }
  return buf;
}

/** yauzl's English errors → our codes: a zip that starts right but lacks its end was cut short. */
export function zipError(e: unknown, head: Buffer | null): Error {
  if (e instanceof BundleError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const startsLikeZip = head === null || head.readUInt32LE(0) === 0x04034b50;
  if (/unexpected EOF|overflows file bounds|end of central directory record signature not found/iu.test(msg) && startsLikeZip) {
    return new BundleError('ZIP_TRUNCATED', `数据包文件不完整（可能没有下载或复制完），请重新获取完整的数据包。技术信息：${msg}`);
  }
  return new BundleError('ZIP_CORRUPT', `数据包不是有效的 zip 文件或已损坏。技术信息：${msg}`);
}

function gib(n: number): string {
  return `${(n / 1024 ** 3).toFixed(0)} GiB`;
}
