import type { HandlerCtx } from '../../api/context';
import type { Output } from '../../../shared/api';
import { addWorkingDays, OFFICIAL_YEARS, parseArrangement, yearOf } from '../../../shared/calendar';
import { AppError } from '../../errors';
import { calendarNotice, calendarOverrides, readRuleSettings, writeRuleSettings, type StoredRuleSettings } from './settings';
import { today } from './store';

/** 工作台: what is overdue or due within the next `days` working days, and the enterprise warnings. */
export function dashboard(ctx: HandlerCtx, days: number): Output<'dashboard.get'> {
  const t = today(ctx);
  const horizon = addWorkingDays(t, days, calendarOverrides(ctx.db)).date;
  const due = (
    ctx.db
      .prepare(
        `SELECT d.inspection_id AS inspectionId, i.number, e.name AS enterpriseName, d.kind, d.due, d.provisional, d.basis
         FROM inspection_deadlines d JOIN inspections i ON i.id = d.inspection_id JOIN enterprises e ON e.id = i.enterprise_id
         WHERE d.due <= ? ORDER BY d.due, d.inspection_id LIMIT 500`,
      )
      .all(horizon) as { inspectionId: number; number: string; enterpriseName: string; kind: Output<'dashboard.get'>['due'][number]['kind']; due: string; provisional: number; basis: string }[]
  ).map((d) => ({ ...d, label: LABELS[d.kind], provisional: d.provisional === 1, overdue: d.due < t }));
  const warnings = ctx.db
    .prepare(
      `SELECT w.enterprise_id AS enterpriseId, e.name AS enterpriseName, w.kind, w.message, w.since
       FROM enterprise_warnings w JOIN enterprises e ON e.id = w.enterprise_id ORDER BY w.since DESC LIMIT 200`,
    )
    .all() as Output<'dashboard.get'>['warnings'];
  const counts = Object.fromEntries(
    (ctx.db.prepare('SELECT status, n FROM inspection_status_counts WHERE n > 0').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]),
  );
  return { today: t, horizon, due, warnings, counts, calendarNotice: calendarNotice(ctx.db, t) };
}

const LABELS: Record<Output<'dashboard.get'>['due'][number]['kind'], string> = {
  feedback: '书面反馈检查结果',
  approval: '补办检查方案批准',
  filing: '补报入企备案',
  rectification: '整改期满复查',
  transfer: '移送主管机关',
  remote: '异地检查报司法行政备案',
};

export function calendarInfo(ctx: HandlerCtx): Output<'calendar.get'> {
  const user = ctx.db.prepare('SELECT date, kind, note FROM calendar_days ORDER BY date').all() as Output<'calendar.get'>['userDays'];
  const userYears = new Set(user.map((d) => yearOf(d.date)));
  const year = yearOf(today(ctx));
  const coverage = [year - 1, year, year + 1].map((y) => ({
    year: y,
    source: OFFICIAL_YEARS.has(y) ? ('official' as const) : userYears.has(y) ? ('user' as const) : ('provisional' as const),
  }));
  return { officialYears: [...OFFICIAL_YEARS].sort((a, b) => a - b), userDays: user, coverage };
}

export function importCalendar(ctx: HandlerCtx, text: string): Output<'calendar.import'> {
  const parsed = parseArrangement(text);
  if (parsed.errors.length > 0) {
    const first = parsed.errors.slice(0, 5).map((e) => `第 ${e.line} 行：${e.message}`).join('；');
    throw new AppError('INVALID_INPUT', `节假日安排有误，未导入：${first}${parsed.errors.length > 5 ? `（共 ${parsed.errors.length} 处）` : ''}`, 'text');
  }
  const ins = ctx.db.prepare('INSERT INTO calendar_days (date, kind, note, imported_at) VALUES (?, ?, ?, ?) ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, note = excluded.note, imported_at = excluded.imported_at');
  for (const d of parsed.overrides) ins.run(d.date, d.kind, d.note || null, ctx.at.toISOString());
  const years = [...new Set(parsed.overrides.map((d) => yearOf(d.date)))].sort();
  ctx.audit({ entity: 'calendar', entityId: years.join(','), summary: `导入节假日安排 ${parsed.overrides.length} 天（${years.join('、')} 年）` });
  return { imported: parsed.overrides.length, years };
}

export function getRuleSettings(ctx: HandlerCtx): StoredRuleSettings {
  return readRuleSettings(ctx.db);
}

export function setRuleSettings(ctx: HandlerCtx, s: StoredRuleSettings): Record<string, never> {
  const before = readRuleSettings(ctx.db);
  writeRuleSettings(ctx.db, s);
  const changed = (Object.keys(s) as (keyof StoredRuleSettings)[]).filter((k) => before[k] !== s[k]).map((k) => `${k}: ${String(before[k])}→${String(s[k])}`);
  ctx.audit({ entity: 'settings', entityId: 'rules', summary: `修改规则设置：${changed.join('，') || '无变化'}` });
  return {};
}
