import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../errors';

/**
 * Content-addressed file store: every evidence file and generated document lives once at
 * files/sha256/<first two hex>/<rest>, named by its SHA-256. A file is written to a temporary
 * name, flushed, hashed, then renamed; an existing file with the same hash is kept as is, so
 * storing twice is harmless and nothing is ever silently changed.
 */
export interface Stored {
  sha256: string;
  bytes: number;
}

const HASH = /^[0-9a-f]{64}$/u;

export class FileStore {
  readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files', 'sha256');
    this.tmp = path.join(dataDir, 'files', 'tmp');
    fs.mkdirSync(this.root, { recursive: true });
    fs.mkdirSync(this.tmp, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!HASH.test(sha256)) throw new AppError('INVALID_INPUT', '文件哈希格式不正确');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /** Stores bytes held in memory (a generated document). */
  putBuffer(data: Uint8Array): Stored {
    const sha256 = createHash('sha256').update(data).digest('hex');
    if (!this.has(sha256)) {
      const tmp = this.tmpName();
      const fd = fs.openSync(tmp, 'wx');
      try {
        fs.writeSync(fd, data);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      this.commit(tmp, sha256);
    }
    return { sha256, bytes: data.byteLength };
  }

  /** Stores bytes without blocking the event loop (a batch stores while it keeps building). */
  async putBufferAsync(data: Uint8Array): Promise<Stored> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    if (!this.has(sha256)) {
      const tmp = this.tmpName();
      const fh = await fs.promises.open(tmp, 'wx');
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
      this.commit(tmp, sha256);
    }
    return { sha256, bytes: data.byteLength };
  }

  /** Stores a file from disk (an upload), hashing while copying so it is read once. */
  async putFile(source: string): Promise<Stored> {
    const tmp = this.tmpName();
    const hash = createHash('sha256');
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _e, cb) {
        hash.update(chunk);
        bytes += chunk.length;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(fs.createReadStream(source), tap, fs.createWriteStream(tmp, { flags: 'wx' }));
      const fd = fs.openSync(tmp, 'r+');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw AppError.from('文件未能存入档案', e, source);
    }
    const sha256 = hash.digest('hex');
    if (this.has(sha256)) fs.rmSync(tmp, { force: true });
    else this.commit(tmp, sha256);
    return { sha256, bytes };
  }

  /**
   * Stores a stream (a file read out of an import bundle), hashing while writing to a temporary
   * name; with `expectedSha256`, a stream whose bytes hash differently is refused and nothing is
   * kept. A file already stored is not written again.
   */
  async putStream(source: Readable, expectedSha256?: string): Promise<Stored> {
    if (expectedSha256 !== undefined && !HASH.test(expectedSha256)) throw new AppError('INVALID_INPUT', '文件哈希格式不正确');
    const tmp = this.tmpName();
    const hash = createHash('sha256');
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _e, cb) {
        hash.update(chunk);
        bytes += chunk.length;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(source, tap, fs.createWriteStream(tmp, { flags: 'wx' }));
      const fd = fs.openSync(tmp, 'r+');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      if (e instanceof AppError) throw e;
      throw AppError.from('文件未能存入档案', e);
    }
    const sha256 = hash.digest('hex');
    if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
      fs.rmSync(tmp, { force: true });
      throw new AppError('INVALID_INPUT', `文件内容与其校验值不符（应为 ${expectedSha256.slice(0, 12)}…，实为 ${sha256.slice(0, 12)}…），未存入档案`);
    }
    if (this.has(sha256)) fs.rmSync(tmp, { force: true });
    else this.commit(tmp, sha256);
    return { sha256, bytes };
  }

  read(sha256: string): Buffer {
    try {
      return fs.readFileSync(this.pathOf(sha256));
    } catch (e) {
      throw AppError.from('档案文件缺失', e, sha256);
    }
  }

  /** Re-hashes a stored file: 'ok', 'missing', or 'changed' (its bytes no longer match its name). */
  async verify(sha256: string): Promise<'ok' | 'missing' | 'changed'> {
    const p = this.pathOf(sha256);
    if (!fs.existsSync(p)) return 'missing';
    const hash = createHash('sha256');
    await pipeline(fs.createReadStream(p), hash);
    return hash.digest('hex') === sha256 ? 'ok' : 'changed';
  }

  private tmpName(): string {
    return path.join(this.tmp, `${randomBytes(12).toString('hex')}.partial`);
  }

  private commit(tmp: string, sha256: string): void {
    const final = this.pathOf(sha256);
    fs.mkdirSync(path.dirname(final), { recursive: true });
    fs.renameSync(tmp, final);
    // Stored files are never edited in place.
    fs.chmodSync(final, 0o444);
  }
}
