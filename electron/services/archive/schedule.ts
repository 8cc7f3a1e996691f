import type { BackupSchedule } from '../../../shared/api/archive';
import type { Services } from '../../api/context';
import { appendAudit } from '../audit';
import { markScheduledRun, readSchedule } from './settings';

/**
 * Automatic whole-archive backups: a timer in the app process looks once a minute whether a
 * backup is due (enabled, a folder set, `everyHours` since the last one) and, if no backup is
 * running, starts the same job as the 整库备份 button, marked automatic so it keeps only the
 * newest `keep` automatic backups in that folder. The clock and the timer are injectable.
 */

export function isDue(s: BackupSchedule & { lastRunAt: string | null }, now: Date): boolean {
  if (!s.enabled || !s.targetDir) return false;
  if (!s.lastRunAt) return true;
  const last = Date.parse(s.lastRunAt);
  return Number.isNaN(last) || now.getTime() - last >= s.everyHours * 3_600_000 || now.getTime() < last;
}

export interface SchedulerOptions {
  now?: () => Date;
  every?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/** The user automatic jobs are started as (audit rows name it). */
export const SCHEDULER_USER = { userId: 0, username: '系统（自动备份）' };

/** One look at the schedule; returns the id of the job it started, if any. */
export function tick(services: Pick<Services, 'db' | 'jobs'>, now: Date): string | null {
  const s = readSchedule(services.db);
  if (!isDue(s, now) || services.jobs.isRunning('archive.backup')) return null;
  services.db
    .transaction(() => {
      markScheduledRun(services.db, now);
      appendAudit(services.db, { userId: null, username: SCHEDULER_USER.username }, 'archive.schedule', { entity: 'job', summary: `开始自动整库备份到 ${s.targetDir}（保留最近 ${s.keep} 份）` }, now);
    })
    .immediate();
  return services.jobs.start('archive.backup', '自动整库备份', { targetDir: s.targetDir, keep: s.keep, auto: true }, SCHEDULER_USER).id;
}

/** Starts the timer; returns the function that stops it (call it when the app closes). */
export function startBackupScheduler(services: Pick<Services, 'db' | 'jobs'>, opts: SchedulerOptions = {}): () => void {
  const now = opts.now ?? (() => new Date());
  const set = opts.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const clear = opts.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
  const handle = set(() => {
    try {
      tick(services, now());
    } catch {
      // A busy database or a job already running: the next minute tries again.
    }
  }, opts.every ?? 60_000);
  (handle as { unref?: () => void }).unref?.();
  return () => clear(handle);
}
