import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors';

/**
 * Folders typed by the user (browser mode has no folder picker; the server is this machine):
 * checked up front with a sentence that says what is wrong, in Chinese.
 */

const fmt = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${Math.max(1, Math.round(n / 1024 ** 2))} MB`);

export function requireAbsolute(p: string, what: string): string {
  if (!path.isAbsolute(p)) throw new AppError('INVALID_INPUT', `${what}请填写完整路径（例如 D:\\档案备份 或 /home/档案/备份），现为“${p}”`, 'targetDir');
  return path.resolve(p);
}

/** An existing, writable folder (tested by creating and removing a small file). */
export function checkWritableFolder(p: string, what = '备份文件夹'): string {
  const dir = requireAbsolute(p, what);
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new AppError('INVALID_INPUT', `${what}路径中有一段不是文件夹（是一个文件）：${dir}`, 'targetDir');
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('INVALID_INPUT', `没有权限访问${what}：${dir}`, 'targetDir');
    throw new AppError('INVALID_INPUT', `${what}不存在：${dir}。请先创建该文件夹，或检查移动硬盘、U 盘是否已连接`, 'targetDir');
  }
  if (!st.isDirectory()) throw new AppError('INVALID_INPUT', `${dir} 是一个文件，不是文件夹`, 'targetDir');
  const probe = path.join(dir, `.inspectdesk-write-test-${process.pid}-${Date.now()}`);
  try {
    fs.writeFileSync(probe, 'ok');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new AppError('INVALID_INPUT', `${what}所在磁盘已满：${dir}`, 'targetDir');
    throw new AppError('INVALID_INPUT', `${what}无法写入（没有写入权限或为只读磁盘）：${dir}`, 'targetDir');
  } finally {
    fs.rmSync(probe, { force: true });
  }
  return dir;
}

/** Refuses a folder inside the data directory: a backup must survive the loss of the data directory. */
export function outsideDataDir(dir: string, dataDir: string, what = '备份文件夹'): void {
  const rel = path.relative(path.resolve(dataDir), dir);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new AppError('INVALID_INPUT', `${what}不能放在数据目录（${dataDir}）之内：数据目录损坏或丢失时备份会一同丢失。请选择另一块磁盘或移动硬盘上的文件夹`, 'targetDir');
  }
}

/** Free bytes where `dir` is, or null when the platform cannot say. */
export function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

export function requireSpace(dir: string, needed: number, what = '备份'): void {
  const free = freeBytes(dir);
  if (free !== null && free < needed * 1.02 + 1024 * 1024) {
    throw new AppError('INVALID_INPUT', `磁盘空间不足：${what}约需 ${fmt(needed)}，${dir} 所在磁盘只剩 ${fmt(free)}。请清理磁盘或换一个文件夹`, 'targetDir');
  }
}

/** A write that ran out of space, in words. */
export function diskError(e: unknown, what: string, where: string): AppError {
  const cause = e instanceof AppError ? (e.cause as NodeJS.ErrnoException | undefined) : (e as NodeJS.ErrnoException | null);
  const code = cause?.code;
  if (e instanceof AppError && code !== 'ENOSPC') return e;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return new AppError('INTERNAL', `磁盘已满，${what}未完成（未完成的部分已删除，原有数据未受影响）：${where}`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new AppError('INTERNAL', `没有写入权限，${what}未完成：${where}`);
  return AppError.from(`${what}未完成（未完成的部分已删除）`, e, where);
}
