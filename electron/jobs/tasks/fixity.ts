import Database from 'better-sqlite3';
import { configure } from '../../db/database';
import { FileStore } from '../../files/store';
import { runFixity } from '../../services/archive/fixity';
import type { Task } from '../protocol';

/** 档案文件校验: re-hashes every file the database references and records the run (services/archive/fixity.ts). */
export const fixityTask: Task = async (input, io) => {
  const db = new Database(input.dbPath, { fileMustExist: true });
  configure(db);
  try {
    const r = await runFixity(db, new FileStore(input.dataDir), io, typeof input.params.startedBy === 'string' ? input.params.startedBy : null, () => new Date());
    return { ...r };
  } finally {
    db.close();
  }
};
