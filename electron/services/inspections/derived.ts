import type { Db } from '../../db/database';
import { addCalendarDays } from '../../../shared/calendar';
import { deadlines, type InspectionFacts } from '../../../shared/rules';
import { calendarOverrides, readRuleSettings } from './settings';

/**
 * What the 工作台 reads, kept up to date one inspection at a time (never by scanning the
 * archive): the inspection's open deadlines, and its enterprise's archive-wide warnings.
 */
export function refreshDeadlines(db: Db, facts: InspectionFacts, closedOrMerged: boolean): void {
  const id = facts.inspection.id;
  db.prepare('DELETE FROM inspection_deadlines WHERE inspection_id = ?').run(id);
  if (closedOrMerged) return;
  const s = readRuleSettings(db);
  const ins = db.prepare('INSERT INTO inspection_deadlines (inspection_id, kind, due, provisional, basis) VALUES (?, ?, ?, ?, ?)');
  for (const d of deadlines(facts, calendarOverrides(db), { followsXiangtanFiling: s.followsXiangtanFiling })) {
    if (!d.done) ins.run(id, d.kind, d.due.date, d.due.provisional ? 1 : 0, d.basis);
  }
}

interface Row {
  id: number;
  agency_id: number;
  agency_name: string;
  kind: string;
  date: string;
}

/**
 * 多头 (several agencies within the window), 重复 (the same item twice within a year) and 高频
 * (more routine visits by one agency in a year than the cap, or a burst of triggered ones)
 * for one enterprise, from its own inspections of the last year.
 */
export function refreshEnterpriseWarnings(db: Db, enterpriseId: number, today: string): void {
  const s = readRuleSettings(db);
  const since = addCalendarDays(today, -365);
  const rows = db
    .prepare(
      `SELECT i.id, i.agency_id, a.name AS agency_name, i.kind, COALESCE(i.actual_start, i.planned_date) AS date
       FROM inspections i JOIN agencies a ON a.id = i.agency_id
       WHERE i.enterprise_id = ? AND i.merged_into IS NULL AND COALESCE(i.actual_start, i.planned_date) >= ?
       ORDER BY date`,
    )
    .all(enterpriseId, since) as Row[];
  const found: { kind: 'multi_agency' | 'repeat_item' | 'high_frequency'; message: string; since: string }[] = [];

  // 多头: two different lead agencies within the window of each other.
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    const b = rows.slice(i + 1).find((x) => x.agency_id !== a.agency_id && x.date <= addCalendarDays(a.date, s.multiAgencyWindowDays));
    if (b) {
      found.push({ kind: 'multi_agency', message: `多头检查：${a.agency_name}（${a.date}）与${b.agency_name}（${b.date}）在 ${s.multiAgencyWindowDays} 天内先后检查，宜联合检查`, since: b.date });
      break;
    }
  }

  // 重复: the same item on this enterprise more than once in the year.
  const repeat = db
    .prepare(
      `SELECT v.name, COUNT(*) AS n, MAX(COALESCE(i.actual_start, i.planned_date)) AS last
       FROM inspection_items ii JOIN inspections i ON i.id = ii.inspection_id
       JOIN item_versions v ON v.item_id = ii.item_id AND v.version = ii.item_version
       WHERE i.enterprise_id = ? AND i.merged_into IS NULL AND COALESCE(i.actual_start, i.planned_date) >= ?
       GROUP BY ii.item_id HAVING COUNT(*) > 1 ORDER BY n DESC LIMIT 1`,
    )
    .get(enterpriseId, since) as { name: string; n: number; last: string } | undefined;
  if (repeat) found.push({ kind: 'repeat_item', message: `重复检查：事项“${repeat.name}”一年内检查 ${repeat.n} 次`, since: repeat.last });

  // 高频: routine visits by one agency this calendar year over the cap, or a triggered burst.
  const year = today.slice(0, 4);
  const perAgency = new Map<number, Row[]>();
  for (const r of rows) if (r.date.startsWith(year) && r.kind !== 'triggered' && r.kind !== 'special') perAgency.set(r.agency_id, [...(perAgency.get(r.agency_id) ?? []), r]);
  const over = [...perAgency.values()].find((xs) => xs.length > s.cap);
  const burstFrom = addCalendarDays(today, -s.burstDays);
  const triggered = rows.filter((r) => r.kind === 'triggered' && r.date >= burstFrom);
  if (over) {
    found.push({ kind: 'high_frequency', message: `高频检查：${over[0]!.agency_name}今年已安排日常检查 ${over.length} 次，超过上限 ${s.cap} 次`, since: over[over.length - 1]!.date });
  } else if (triggered.length >= s.burstCount) {
    found.push({ kind: 'high_frequency', message: `高频检查：近 ${s.burstDays} 天触发式检查 ${triggered.length} 次，达到预警次数 ${s.burstCount} 次`, since: triggered[triggered.length - 1]!.date });
  }

  db.prepare('DELETE FROM enterprise_warnings WHERE enterprise_id = ?').run(enterpriseId);
  const ins = db.prepare('INSERT INTO enterprise_warnings (enterprise_id, kind, message, since) VALUES (?, ?, ?, ?)');
  for (const f of found) ins.run(enterpriseId, f.kind, f.message, f.since);
}
