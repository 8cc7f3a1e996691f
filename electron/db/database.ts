import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Defaults to the app's own list; tests pass their own to exercise upgrades. */
  migrations?: readonly Migration[];
  /** Where the pre-migration backup goes; defaults to `<dir of file>/backups`. */
  backupDir?: string;
  now?: () => Date;
}

export interface OpenResult {
  db: Db;
  schemaVersion: number;
  /** Path of the backup taken before migrating, if one was needed. */
  preMigrationBackup: string | null;
}

/** Applies the connection settings every connection (main or worker) uses. */
export function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
}

/**
 * A larger page cache for a connection that writes in bulk. SQLite's default is 2 MiB: an
 * 80,000-row import, inserting into a dozen indexes at random places, then evicts and re-reads
 * pages all the time and spills to the WAL mid-transaction. 64 MiB keeps its working set in
 * memory (allocated only as used). Not for every connection: a bundle export reading the whole
 * archive would fill it too and stay above its memory budget.
 */
export function bulkCache(db: Db): void {
  db.pragma('cache_size = -65536');
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Opens (or creates) the archive database: checks integrity, refuses a newer schema without
 * touching it, backs the file up, then applies pending migrations in one transaction.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenResult {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const now = options.now ?? (() => new Date());
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;

  let db: Db;
  try {
    db = new Database(file, { fileMustExist: false, timeout: 5000 });
  } catch (e) {
    throw AppError.from('数据库文件无法打开', e, file);
  }
  try {
    // Read the version before any write: a newer database must not be touched at all.
    let current: number;
    try {
      current = db.pragma('user_version', { simple: true }) as number;
    } catch (e) {
      throw AppError.from('数据库文件已损坏或不是 InspectDesk 数据库', e, file);
    }
    if (current > latest) {
      throw new AppError(
        'CONFLICT',
        `该数据库由更新版本的 InspectDesk 创建（数据库版本 ${current}，本程序支持到 ${latest}），为避免损坏数据，本程序不会打开它。请升级 InspectDesk。`,
      );
    }
    if (existed) {
      let check: string;
      try {
        check = String(db.pragma('quick_check', { simple: true }));
      } catch (e) {
        throw AppError.from('数据库文件已损坏或不是 InspectDesk 数据库', e, file);
      }
      if (check !== 'ok') {
        throw new AppError('INTERNAL', `数据库完整性检查未通过（${check}）。请从备份恢复，原文件未做任何修改：${file}`);
      }
    }
    try {
      configure(db);
    } catch (e) {
      throw AppError.from('数据库被其他程序锁定或无法写入', e, file);
    }

    const pending = migrations.filter((m) => m.version > current);
    let backup: string | null = null;
    if (pending.length > 0 && existed && current > 0) {
      const dir = options.backupDir ?? path.join(path.dirname(file), 'backups');
      fs.mkdirSync(dir, { recursive: true });
      backup = path.join(dir, `pre-migration-v${current}-to-v${latest}-${stamp(now())}.db`);
      // VACUUM INTO writes a consistent, compacted copy; it never changes the source.
      db.prepare('VACUUM INTO ?').run(backup);
    }
    if (pending.length > 0) {
      const apply = db.transaction(() => {
        for (const m of pending) {
          db.exec(m.sql);
          db.pragma(`user_version = ${m.version}`);
        }
      });
      try {
        apply.immediate();
      } catch (e) {
        throw AppError.from(`数据库升级失败，已回滚（备份：${backup ?? '无'}）`, e, file);
      }
    }
    return { db, schemaVersion: latest, preMigrationBackup: backup };
  } catch (e) {
    db.close();
    throw e;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export { LATEST_SCHEMA_VERSION };
