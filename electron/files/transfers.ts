import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { MAX_UPLOAD_BYTES, type DownloadInfo, type UploadInfo } from '../../shared/api/bridge';
import { AppError } from '../errors';

/**
 * Files crossing the boundary: uploads (a spreadsheet to import, a bundle, a photo) land in
 * <dataDir>/tmp/uploads under a random id; files the app produces for the user (an export, an
 * error report) are put in <dataDir>/tmp/downloads and fetched by id. Both are written under a
 * temporary name and renamed when complete, and swept after a day. Plain fs, so a worker thread
 * can use it too.
 */
interface Meta {
  name: string;
  bytes: number;
  createdAt: string;
  mime?: string;
}

const ID = /^[A-Za-z0-9_-]{16,64}$/u;
const DAY_MS = 24 * 3600 * 1000;

/** Keeps only the last path segment and drops characters Windows forbids in file names. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/u).pop() ?? '';
  const clean = [...base.normalize('NFC')]
    .map((c) => (c.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(c) ? '_' : c))
    .join('')
    .replace(/^\.+/u, '')
    .trim();
  return clean.slice(0, 180) || '未命名文件';
}

export class Transfers {
  readonly uploadDir: string;
  readonly downloadDir: string;

  constructor(dataDir: string) {
    this.uploadDir = path.join(dataDir, 'tmp', 'uploads');
    this.downloadDir = path.join(dataDir, 'tmp', 'downloads');
    fs.mkdirSync(this.uploadDir, { recursive: true });
    fs.mkdirSync(this.downloadDir, { recursive: true });
  }

  /** Stores an upload from memory (Electron IPC). */
  saveUploadBytes(name: string, data: Uint8Array): UploadInfo {
    if (data.byteLength > MAX_UPLOAD_BYTES) throw tooBig();
    const id = newId();
    const file = path.join(this.uploadDir, id);
    fs.writeFileSync(`${file}.partial`, data);
    return this.finish(this.uploadDir, id, { name: safeFileName(name), bytes: data.byteLength, createdAt: new Date().toISOString() });
  }

  /** Stores an upload from a stream (browser mode), stopping at the size limit. */
  async saveUploadStream(name: string, source: Readable): Promise<UploadInfo> {
    const id = newId();
    const partial = path.join(this.uploadDir, `${id}.partial`);
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        if (bytes > MAX_UPLOAD_BYTES) cb(tooBig());
        else cb(null, chunk);
      },
    });
    try {
      await pipeline(source, limit, fs.createWriteStream(partial));
    } catch (e) {
      fs.rmSync(partial, { force: true });
      if (e instanceof AppError) throw e;
      throw AppError.from('上传的文件未能保存', e);
    }
    return this.finish(this.uploadDir, id, { name: safeFileName(name), bytes, createdAt: new Date().toISOString() });
  }

  /** Where an upload is, for the service that reads it. */
  upload(id: string): UploadInfo & { path: string } {
    return this.lookup(this.uploadDir, id, '找不到上传的文件（可能已过期，请重新选择文件）');
  }

  /** Offers a finished file to the user under `name`; the file is moved, not copied. */
  offerDownload(file: string, name: string, mime = 'application/octet-stream'): DownloadInfo {
    const id = newId();
    const target = path.join(this.downloadDir, id);
    fs.renameSync(file, `${target}.partial`);
    const info = this.finish(this.downloadDir, id, { name: safeFileName(name), bytes: fs.statSync(`${target}.partial`).size, createdAt: new Date().toISOString(), mime });
    return { downloadId: info.uploadId, name: info.name, bytes: info.bytes };
  }

  /** A temporary path inside the downloads folder to write a file to before offering it. */
  scratchPath(ext: string): string {
    return path.join(this.downloadDir, `${newId()}.scratch${ext}`);
  }

  download(id: string): { path: string; name: string; bytes: number; mime: string } {
    const info = this.lookup(this.downloadDir, id, '找不到要下载的文件（可能已过期，请重新生成）');
    const meta = JSON.parse(fs.readFileSync(path.join(this.downloadDir, `${id}.json`), 'utf8')) as Meta;
    return { path: info.path, name: info.name, bytes: info.bytes, mime: meta.mime ?? 'application/octet-stream' };
  }

  /** Removes transfers older than a day (called at start-up). */
  sweep(now = Date.now()): number {
    let removed = 0;
    for (const dir of [this.uploadDir, this.downloadDir]) {
      for (const n of fs.readdirSync(dir)) {
        const p = path.join(dir, n);
        try {
          if (now - fs.statSync(p).mtimeMs > DAY_MS) {
            fs.rmSync(p, { force: true });
            removed++;
          }
        } catch {
          // Raced with another sweep: nothing to do.
        }
      }
    }
    return removed;
  }

  private finish(dir: string, id: string, meta: Meta): UploadInfo {
    const file = path.join(dir, id);
    fs.writeFileSync(`${file}.json`, JSON.stringify(meta));
    fs.renameSync(`${file}.partial`, file);
    return { uploadId: id, name: meta.name, bytes: meta.bytes };
  }

  private lookup(dir: string, id: string, missing: string): UploadInfo & { path: string } {
    if (!ID.test(id)) throw new AppError('INVALID_INPUT', '文件编号格式不正确');
    const file = path.join(dir, id);
    let meta: Meta;
    try {
      meta = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as Meta;
    } catch {
      throw new AppError('NOT_FOUND', missing);
    }
    if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', missing);
    return { uploadId: id, name: meta.name, bytes: meta.bytes, path: file };
  }
}

function newId(): string {
  return randomBytes(18).toString('base64url');
}

function tooBig(): AppError {
  return new AppError('INVALID_INPUT', `文件过大（上限 ${Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)} MB）`);
}
