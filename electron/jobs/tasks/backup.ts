import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors';
import type { Task } from '../protocol';

export function backupDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * Online backup of the live database (SQLite backup API, page by page with progress),
 * written under a temporary name, integrity-checked, then renamed into place.
 */
export const backupTask: Task = async (input, io) => {
  const dir = typeof input.params.targetDir === 'string' ? input.params.targetDir : backupDir(input.dataDir);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    throw AppError.from('备份目录无法写入', e, dir);
  }
  let name = `inspectdesk-${stamp(new Date())}.db`;
  for (let i = 2; fs.existsSync(path.join(dir, name)); i++) name = `inspectdesk-${stamp(new Date())}-${i}.db`;
  const final = path.join(dir, name);
  const partial = `${final}.partial`;
  const src = new Database(input.dbPath, { readonly: true, fileMustExist: true });
  try {
    io.progress('复制数据库', 0, 1);
    await src.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        io.checkCancelled();
        io.progress('复制数据库', totalPages - remainingPages, totalPages);
        return 200;
      },
    });
    io.progress('校验备份', 1, 1);
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    let check: string;
    try {
      check = String(copy.pragma('integrity_check', { simple: true }));
    } finally {
      copy.close();
    }
    if (check !== 'ok') throw new AppError('INTERNAL', `备份文件校验失败（${check}），已删除该备份`);
    io.checkCancelled();
    fs.renameSync(partial, final);
    return { file: name, path: final, bytes: fs.statSync(final).size };
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  } finally {
    src.close();
  }
};
