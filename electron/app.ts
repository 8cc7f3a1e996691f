import fs from 'node:fs';
import path from 'node:path';
import type { JobEvent, Result, SessionUser } from '../shared/api';
import { createDispatcher } from './api/dispatch';
import type { Services } from './api/context';
import { openDatabase } from './db/database';
import { AppError } from './errors';
import { FileStore } from './files/store';
import { Transfers } from './files/transfers';
import { JobRunner } from './jobs/runner';
import { appendAudit } from './services/audit';
import { reindexMissing } from './services/enterpriseIndex';
import { SessionStore } from './services/sessions';
import { startBackupScheduler } from './services/archive/schedule';

export interface AppOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  appVersion: string;
  /** The bundled worker file (dist/electron/worker.js); tests point at the .ts source. */
  workerFile?: string;
  workerExecArgv?: string[];
  now?: () => Date;
  demoRowDelayMs?: number;
}

export interface CallContext {
  /** Identifies the connection: `wc:<webContents id>` in Electron, the session cookie in browser mode. */
  sessionKey: string;
}

export interface App {
  readonly dataDir: string;
  readonly dbPath: string;
  dispatch(route: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  onJobProgress(listener: (event: JobEvent) => void): () => void;
  /** Who is logged in on a connection (uploads and downloads check it). */
  userOf(sessionKey: string): SessionUser | null;
  /** Forgets the login of a closed window / expired cookie. */
  endSession(sessionKey: string): void;
  /** Uploads in, produced files out (both transports use it; see files/transfers.ts). */
  readonly transfers: Transfers;
  /** For tests and shutdown: resolves when the job ends. */
  waitForJob(id: string): Promise<JobEvent>;
  close(): Promise<void>;
}

export const DB_FILE = 'inspectdesk.db';
const LOCK_FILE = 'inspectdesk.lock';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process holds (two apps in one process must not share a directory either). */
const heldLocks = new Set<string>();

/** One app per data directory: a lock file with our pid; a stale one (dead pid) is taken over. */
function takeLock(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  if (heldLocks.has(file)) {
    throw new AppError('LOCKED', `该数据目录正被另一个 InspectDesk 程序使用（进程 ${process.pid}）：${dataDir}。请先关闭它。`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldLocks.add(file);
      return () => {
        heldLocks.delete(file);
        fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw AppError.from('数据目录无法写入', e, dataDir);
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) {
        throw new AppError('LOCKED', `该数据目录正被另一个 InspectDesk 程序使用（进程 ${pid}）：${dataDir}。请先关闭它。`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('LOCKED', `无法锁定数据目录：${dataDir}`);
}

/** Opens the archive in `dataDir` and binds the contract: the one entry both transports use. */
export function createApp(opts: AppOptions): App {
  const dataDir = path.resolve(opts.dataDir);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (e) {
    throw AppError.from('数据目录不存在或无法写入', e, dataDir);
  }
  const release = takeLock(dataDir);
  const dbPath = path.join(dataDir, DB_FILE);
  let opened;
  try {
    opened = openDatabase(dbPath);
  } catch (e) {
    release();
    throw e;
  }
  const { db } = opened;
  // Search data needs JS (pinyin), so rows a migration or a raw bulk insert left without it are filled here.
  reindexMissing(db);
  const now = opts.now ?? (() => new Date());
  const sessions = new SessionStore();
  const transfers = new Transfers(dataDir);
  transfers.sweep();
  const files = new FileStore(dataDir);
  const jobs = new JobRunner({
    dbPath,
    dataDir,
    workerFile: opts.workerFile ?? path.join(__dirname, 'worker.js'),
    workerExecArgv: opts.workerExecArgv,
    onFinish: (job, by) => {
      const outcome = job.status === 'done' ? '完成' : job.status === 'cancelled' ? '已取消' : `失败：${job.error ?? ''}`;
      const detail = job.status === 'done' && job.result ? `（${JSON.stringify(job.result)}）` : '';
      db.transaction(() =>
        appendAudit(db, { userId: by.userId, username: by.username }, `job.${job.kind}`, { entity: 'job', entityId: job.id, summary: `${job.title}${outcome}${detail}` }, now()),
      ).immediate();
    },
  });
  const services: Services = { db, sessions, jobs, dataDir, dbPath, mode: opts.mode, appVersion: opts.appVersion, now, demoRowDelayMs: opts.demoRowDelayMs ?? 0, transfers, files };
  const dispatch = createDispatcher(services);
  // Automatic whole-archive backups (services/archive/schedule.ts); off until configured.
  const stopBackupSchedule = startBackupScheduler(services, { now });
  let closed = false;

  return {
    dataDir,
    dbPath,
    transfers,
    dispatch: (route, input, ctx) => dispatch(route, input, ctx),
    onJobProgress: (listener) => jobs.onProgress(listener),
    userOf: (key) => sessions.get(key),
    endSession: (key) => sessions.delete(key),
    waitForJob: (id) => jobs.wait(id),
    async close() {
      if (closed) return;
      closed = true;
      stopBackupSchedule();
      await jobs.close();
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
        release();
      }
    },
  };
}
