import { backupArchive, restoreBackup, verifyBackup } from '../../services/archive/backup';
import type { Task } from '../protocol';

/** Whole-archive backup, its verification and its restore into a new data directory (services/archive/backup.ts). */

function str(v: unknown, what: string): string {
  if (typeof v !== 'string' || v === '') throw new Error(`job parameter ${what} missing`);
  return v;
}

export const archiveBackupTask: Task = async (input, io) => {
  const p = input.params;
  const r = await backupArchive({
    dbPath: input.dbPath,
    dataDir: input.dataDir,
    targetDir: str(p.targetDir, 'targetDir'),
    auto: p.auto === true,
    keep: typeof p.keep === 'number' && p.keep > 0 ? p.keep : 7,
    io,
    now: new Date(),
    appVersion: typeof p.appVersion === 'string' ? p.appVersion : '',
  });
  return { name: r.name, path: r.path, files: r.files, bytes: r.bytes, damaged: r.damaged.length, pruned: r.pruned.length };
};

export const verifyBackupTask: Task = async (input, io) => {
  const r = await verifyBackup(str(input.params.path, 'path'), io);
  return { ok: r.ok, files: r.files, bytes: r.bytes, createdAt: r.createdAt, problems: r.problems.slice(0, 20), problemCount: r.problems.length };
};

export const restoreBackupTask: Task = async (input, io) => {
  const r = await restoreBackup({ backupDir: str(input.params.path, 'path'), targetDir: str(input.params.targetDir, 'targetDir'), currentDataDir: input.dataDir, io });
  return { targetDir: r.targetDir, files: r.files, bytes: r.bytes };
};
