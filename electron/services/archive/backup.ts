import { pointTo } from '../../dataDir';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { AppError } from '../../errors';
import type { TaskIO } from '../../jobs/protocol';
import { checkWritableFolder, diskError, outsideDataDir, requireAbsolute, requireSpace } from './paths';

/**
 * Whole-archive backup: the database (SQLite online backup, consistent while the app runs)
 * and every file of the content-addressed store, in one folder
 *   InspectDesk-整库备份-YYYYMMDD-HHMMSS/ inspectdesk.db, files/sha256/ab/cdef…, backup.json,
 *   manifest-sha256.txt (checkable with `sha256sum -c`).
 * The database is copied first: store files are written before any row refers to them and
 * never change, so every file the copied database references is then copied too. Everything
 * is written under "<name>.partial" and renamed when complete; a failure or cancel removes the
 * partial folder. Verify re-hashes a backup; restore copies it into a new, empty data directory.
 */

export const BACKUP_FORMAT = 'inspectdesk-archive-backup';
const DB_FILE = 'inspectdesk.db';
const MANIFEST = 'manifest-sha256.txt';
const INFO = 'backup.json';
export const AUTO_PREFIX = 'InspectDesk-自动备份-';
const MANUAL_PREFIX = 'InspectDesk-整库备份-';

function stamp(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${s.slice(0, 10).replace(/-/gu, '')}-${s.slice(11, 19).replace(/:/gu, '')}`;
}

/** Relative paths (files/sha256/ab/…) and sizes of every file in a store under `root`. */
function storeFiles(root: string): { rel: string; size: number }[] {
  const base = path.join(root, 'files', 'sha256');
  const out: { rel: string; size: number }[] = [];
  if (!fs.existsSync(base)) return out;
  for (const d of fs.readdirSync(base).sort()) {
    const dir = path.join(base, d);
    if (!/^[0-9a-f]{2}$/u.test(d) || !fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (/^[0-9a-f]{62}$/u.test(f)) out.push({ rel: `files/sha256/${d}/${f}`, size: fs.statSync(path.join(dir, f)).size });
    }
  }
  return out;
}

/** Copies a file while hashing it; `onChunk` reports bytes and may cancel. */
async function copyHashed(from: string, to: string, onChunk: (n: number) => void): Promise<string> {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _e, cb) {
      hash.update(chunk);
      try {
        onChunk(chunk.length);
      } catch (e) {
        return cb(e as Error);
      }
      cb(null, chunk);
    },
  });
  await pipeline(fs.createReadStream(from, { highWaterMark: 1024 * 1024 }), tap, fs.createWriteStream(to, { flags: 'wx' }));
  const fd = fs.openSync(to, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

async function hashOf(file: string, onChunk: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const c of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    hash.update(c as Buffer);
    onChunk((c as Buffer).length);
  }
  return hash.digest('hex');
}

export interface BackupResult {
  name: string;
  path: string;
  files: number;
  bytes: number;
  damaged: string[];
  pruned: string[];
}

export async function backupArchive(o: { dbPath: string; dataDir: string; targetDir: string; auto: boolean; keep: number; io: TaskIO; now: Date; appVersion: string }): Promise<BackupResult> {
  const target = checkWritableFolder(o.targetDir);
  outsideDataDir(target, o.dataDir);
  const files = storeFiles(o.dataDir);
  const dbBytes = fs.statSync(o.dbPath).size + (fs.existsSync(`${o.dbPath}-wal`) ? fs.statSync(`${o.dbPath}-wal`).size : 0);
  const total = dbBytes + files.reduce((n, f) => n + f.size, 0);
  requireSpace(target, total, '整库备份');
  let name = `${o.auto ? AUTO_PREFIX : MANUAL_PREFIX}${stamp(o.now)}`;
  for (let i = 2; fs.existsSync(path.join(target, name)); i++) name = `${o.auto ? AUTO_PREFIX : MANUAL_PREFIX}${stamp(o.now)}-${i}`;
  const final = path.join(target, name);
  const partial = `${final}.partial`;
  const lines: string[] = [];
  const damaged: string[] = [];
  let done = 0;
  const tick = (n: number) => {
    done += n;
    o.io.checkCancelled();
    o.io.progress('备份档案文件', done, total);
  };
  try {
    fs.mkdirSync(partial);
    o.io.progress('备份数据库', 0, total);
    const src = new Database(o.dbPath, { readonly: true, fileMustExist: true });
    try {
      await src.backup(path.join(partial, DB_FILE), {
        progress: ({ totalPages, remainingPages }) => {
          o.io.checkCancelled();
          o.io.progress('备份数据库', Math.round(((totalPages - remainingPages) / Math.max(1, totalPages)) * dbBytes), total);
          return 500;
        },
      });
    } finally {
      src.close();
    }
    const copy = new Database(path.join(partial, DB_FILE));
    try {
      copy.pragma('journal_mode = DELETE');
      const check = String(copy.pragma('integrity_check', { simple: true }));
      if (check !== 'ok') throw new AppError('INTERNAL', `备份的数据库完整性检查未通过（${check}）`);
    } finally {
      copy.close();
    }
    done = dbBytes;
    lines.push(`${await hashOf(path.join(partial, DB_FILE), () => undefined)}  ${DB_FILE}`);
    for (const f of files) {
      const sha = await copyHashed(path.join(o.dataDir, f.rel), path.join(partial, f.rel), tick);
      if (sha !== f.rel.slice(13, 15) + f.rel.slice(16)) damaged.push(f.rel);
      lines.push(`${sha}  ${f.rel}`);
    }
    fs.writeFileSync(path.join(partial, MANIFEST), `${lines.join('\n')}\n`);
    fs.writeFileSync(
      path.join(partial, INFO),
      JSON.stringify({ format: BACKUP_FORMAT, version: 1, createdAt: o.now.toISOString(), appVersion: o.appVersion, files: files.length, bytes: total, damaged, auto: o.auto }, null, 2),
    );
    o.io.checkCancelled();
    fs.renameSync(partial, final);
  } catch (e) {
    fs.rmSync(partial, { recursive: true, force: true });
    if (e instanceof Error && e.name === 'JobCancelled') throw e;
    throw diskError(e, '整库备份', target);
  }
  const pruned = o.auto ? prune(target, o.keep) : [];
  o.io.progress('备份完成', total, total);
  return { name, path: final, files: files.length, bytes: total, damaged, pruned };
}

/** Keeps the newest `keep` automatic backups in `dir` (names sort by time); manual ones are never removed. */
export function prune(dir: string, keep: number): string[] {
  const autos = fs
    .readdirSync(dir)
    .filter((n) => n.startsWith(AUTO_PREFIX) && !n.endsWith('.partial') && fs.existsSync(path.join(dir, n, INFO)))
    .sort()
    .reverse();
  const gone = autos.slice(keep);
  for (const n of gone) fs.rmSync(path.join(dir, n), { recursive: true, force: true });
  return gone;
}

export interface VerifyResult {
  ok: boolean;
  files: number;
  bytes: number;
  problems: string[];
  createdAt: string | null;
}

function readManifest(dir: string): [string, string][] {
  const info = path.join(dir, INFO);
  const manifest = path.join(dir, MANIFEST);
  if (!fs.existsSync(info) || !fs.existsSync(manifest)) throw new AppError('INVALID_INPUT', `${dir} 不是 InspectDesk 整库备份（缺少 ${INFO} 或 ${MANIFEST}）`, 'path');
  const parsed = JSON.parse(fs.readFileSync(info, 'utf8')) as { format?: string };
  if (parsed.format !== BACKUP_FORMAT) throw new AppError('INVALID_INPUT', `${dir} 不是 InspectDesk 整库备份`, 'path');
  return fs
    .readFileSync(manifest, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^([0-9a-f]{64}) {2}(\S.*)$/u.exec(l);
      if (!m || m[2]?.includes('..')) throw new AppError('INVALID_INPUT', `${MANIFEST} 格式不正确：${l.slice(0, 80)}`, 'path');
      return [m[1] as string, m[2] as string];
    });
}

export async function verifyBackup(dirInput: string, io: TaskIO): Promise<VerifyResult> {
  const dir = requireAbsolute(dirInput, '备份文件夹');
  if (!fs.existsSync(dir)) throw new AppError('INVALID_INPUT', `备份文件夹不存在：${dir}`, 'path');
  const list = readManifest(dir);
  const sizes = list.map(([, rel]) => (fs.existsSync(path.join(dir, rel)) ? fs.statSync(path.join(dir, rel)).size : 0));
  const total = sizes.reduce((a, b) => a + b, 0);
  const problems: string[] = [];
  let done = 0;
  for (const [sha, rel] of list) {
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) {
      problems.push(`缺少文件 ${rel}`);
      continue;
    }
    const actual = await hashOf(file, (n) => {
      done += n;
      io.checkCancelled();
      io.progress('校验备份', done, total);
    });
    if (actual !== sha) problems.push(`文件 ${rel} 的校验值不符（已损坏或被改动）`);
  }
  if (!list.some(([, rel]) => rel === DB_FILE)) problems.push('备份中没有数据库文件');
  else if (!problems.some((p) => p.includes(DB_FILE))) {
    const db = new Database(path.join(dir, DB_FILE), { readonly: true, fileMustExist: true });
    try {
      const check = String(db.pragma('integrity_check', { simple: true }));
      if (check !== 'ok') problems.push(`数据库完整性检查未通过：${check}`);
    } finally {
      db.close();
    }
  }
  const info = JSON.parse(fs.readFileSync(path.join(dir, INFO), 'utf8')) as { createdAt?: string };
  return { ok: problems.length === 0, files: list.length, bytes: total, problems, createdAt: info.createdAt ?? null };
}

/** Restores a verified backup into a new (absent or empty) data directory; the running archive is not touched. */
export async function restoreBackup(o: { backupDir: string; targetDir: string; currentDataDir: string; io: TaskIO }): Promise<{ targetDir: string; files: number; bytes: number }> {
  const target = requireAbsolute(o.targetDir, '新数据目录');
  outsideDataDir(target, o.currentDataDir, '新数据目录');
  const rel = path.relative(target, path.resolve(o.currentDataDir));
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) throw new AppError('INVALID_INPUT', '新数据目录不能包含当前数据目录', 'targetDir');
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    throw new AppError('INVALID_INPUT', `新数据目录必须是不存在或空的文件夹：${target}`, 'targetDir');
  }
  checkWritableFolder(path.dirname(target), '新数据目录的上级文件夹');
  const v = await verifyBackup(o.backupDir, o.io);
  if (!v.ok) throw new AppError('INVALID_INPUT', `备份校验未通过，未恢复：${v.problems.slice(0, 5).join('；')}`);
  requireSpace(path.dirname(target), v.bytes, '恢复');
  const partial = `${target}.restore-partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  let done = 0;
  try {
    fs.mkdirSync(partial);
    for (const [sha, relPath] of readManifest(path.resolve(o.backupDir))) {
      const actual = await copyHashed(path.join(path.resolve(o.backupDir), relPath), path.join(partial, relPath), (n) => {
        done += n;
        o.io.checkCancelled();
        o.io.progress('恢复档案', done, v.bytes);
      });
      if (actual !== sha) throw new AppError('INTERNAL', `复制时文件 ${relPath} 校验不符`);
    }
    const db = new Database(path.join(partial, DB_FILE), { readonly: true, fileMustExist: true });
    try {
      const check = String(db.pragma('quick_check', { simple: true }));
      if (check !== 'ok') throw new AppError('INTERNAL', `恢复的数据库检查未通过（${check}）`);
    } finally {
      db.close();
    }
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(partial, target);
    // The next start opens the restored copy (see electron/dataDir.ts); the old one is untouched.
    pointTo(o.currentDataDir, target);
  } catch (e) {
    fs.rmSync(partial, { recursive: true, force: true });
    if (e instanceof Error && e.name === 'JobCancelled') throw e;
    throw diskError(e, '恢复', target);
  }
  return { targetDir: target, files: v.files, bytes: v.bytes };
}
