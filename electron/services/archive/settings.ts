import type { Db } from '../../db/database';
import {
  archiveSettingsSchema,
  backupScheduleSchema,
  type ArchiveSettings,
  type BackupSchedule,
  type Retention,
} from '../../../shared/api/archive';
import { ownAgency } from '../documents/settings';

/**
 * The office's archive scheme (one JSON value in `settings` under 'archive'): 全宗号 and 全宗名称,
 * 目录号, 类目名称, and the retention (保管期限) of a case file by the outcome of its inspections.
 * The defaults follow DOMAIN.md §5 [U]: an office replaces them with its approved table.
 */

const KEY = 'archive';
const SCHEDULE_KEY = 'archive.backupSchedule';
const LAST_RUN_KEY = 'archive.lastAutoBackup';

export const DEFAULT_RETENTION: ArchiveSettings['retention'] = {
  no_problem: '10y',
  rectification: '30y',
  transfer: '30y',
  penalty: 'permanent',
};

export function readArchiveSettings(db: Db): ArchiveSettings {
  const fallback: ArchiveSettings = { fondsNo: '', fondsName: ownAgency(db).name, catalogNo: '', category: '行政检查', retention: DEFAULT_RETENTION };
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return fallback;
  try {
    const stored = JSON.parse(row.value) as Partial<ArchiveSettings>;
    const r = archiveSettingsSchema.safeParse({ ...fallback, ...stored, retention: { ...DEFAULT_RETENTION, ...(stored.retention ?? {}) } });
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

export function writeArchiveSettings(db: Db, s: ArchiveSettings): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(s));
}

const RANK: Record<Retention, number> = { permanent: 3, '30y': 2, '10y': 1 };

/** The longest of several retentions (a volume keeps as long as its longest-kept inspection). */
export function longest(list: readonly Retention[]): Retention {
  return list.reduce<Retention>((a, b) => (RANK[b] > RANK[a] ? b : a), '10y');
}

/**
 * The last day a case file must be kept: retention counts from 1 January of the year after the
 * last document was made (国家档案局第8号令 practice), so a 10-year file ending in 2025 may be
 * disposed of from 2036-01-01. Null for 永久.
 */
export function retentionUntil(retention: Retention, endDate: string | null, fallbackYear: number): string | null {
  if (retention === 'permanent') return null;
  const year = endDate ? Number(endDate.slice(0, 4)) : fallbackYear;
  const years = retention === '30y' ? 30 : 10;
  return `${year + years}-12-31`;
}

export const DEFAULT_SCHEDULE: BackupSchedule = { enabled: false, targetDir: '', everyHours: 24, keep: 7 };

export function readSchedule(db: Db): BackupSchedule & { lastRunAt: string | null } {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SCHEDULE_KEY) as { value: string } | undefined;
  const last = db.prepare('SELECT value FROM settings WHERE key = ?').get(LAST_RUN_KEY) as { value: string } | undefined;
  let s = DEFAULT_SCHEDULE;
  if (row) {
    try {
      const r = backupScheduleSchema.safeParse({ ...DEFAULT_SCHEDULE, ...(JSON.parse(row.value) as object) });
      if (r.success) s = r.data;
    } catch {
      // A damaged value means the defaults (automatic backup off).
    }
  }
  return { ...s, lastRunAt: last?.value ?? null };
}

export function writeSchedule(db: Db, s: BackupSchedule): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SCHEDULE_KEY, JSON.stringify(s));
}

export function markScheduledRun(db: Db, at: Date): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(LAST_RUN_KEY, at.toISOString());
}
