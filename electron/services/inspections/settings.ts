import type { Db } from '../../db/database';
import { OFFICIAL_YEARS, type CalendarOverride } from '../../../shared/calendar';
import { ruleSettingsSchema, type RuleSettings } from '../../../shared/rules';

/** The office's rule settings, stored as one JSON value in `settings`. */
export interface StoredRuleSettings {
  cap: number;
  triggeredCountsTowardCap: boolean;
  offsiteCountsTowardCap: boolean;
  followsXiangtanFiling: boolean;
  burstCount: number;
  burstDays: number;
  multiAgencyWindowDays: number;
}

export const DEFAULT_RULE_SETTINGS: StoredRuleSettings = {
  cap: 2,
  triggeredCountsTowardCap: false,
  offsiteCountsTowardCap: false,
  followsXiangtanFiling: true,
  burstCount: 3,
  burstDays: 30,
  multiAgencyWindowDays: 30,
};

export function readRuleSettings(db: Db): StoredRuleSettings {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'rules'").get() as { value: string } | undefined;
  if (!row) return DEFAULT_RULE_SETTINGS;
  try {
    return { ...DEFAULT_RULE_SETTINGS, ...(JSON.parse(row.value) as Partial<StoredRuleSettings>) };
  } catch {
    return DEFAULT_RULE_SETTINGS;
  }
}

export function writeRuleSettings(db: Db, s: StoredRuleSettings): void {
  db.prepare("INSERT INTO settings (key, value) VALUES ('rules', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(s));
}

export function calendarOverrides(db: Db): CalendarOverride[] {
  return (db.prepare('SELECT date, kind, note FROM calendar_days ORDER BY date').all() as { date: string; kind: 'holiday' | 'workday'; note: string | null }[]).map(
    (r) => ({ date: r.date, kind: r.kind, note: r.note ?? '' }),
  );
}

/** Settings as the rules take them, for one evaluation day. */
export function ruleSettingsFor(db: Db, today: string): RuleSettings {
  const s = readRuleSettings(db);
  return ruleSettingsSchema.parse({
    today,
    cap: s.cap,
    triggeredCountsTowardCap: s.triggeredCountsTowardCap,
    offsiteCountsTowardCap: s.offsiteCountsTowardCap,
    followsXiangtanFiling: s.followsXiangtanFiling,
    burst: { count: s.burstCount, days: s.burstDays },
    multiAgencyWindowDays: s.multiAgencyWindowDays,
    calendar: calendarOverrides(db),
  });
}

/** A notice for settings and the 工作台 when a year in use has no arrangement. */
export function calendarNotice(db: Db, today: string): string | null {
  const year = Number(today.slice(0, 4));
  const userYears = new Set((db.prepare("SELECT DISTINCT substr(date, 1, 4) AS y FROM calendar_days").all() as { y: string }[]).map((r) => Number(r.y)));
  const missing = [year, year + 1].filter((y) => !OFFICIAL_YEARS.has(y) && !userYears.has(y));
  if (missing.length === 0) return null;
  return `${missing.join('、')} 年的节假日安排尚未内置或导入：涉及这些年份的期限按周末推算，标注为“暂定”。请在 设置 → 节假日安排 中导入国务院办公厅公布的安排。`;
}
