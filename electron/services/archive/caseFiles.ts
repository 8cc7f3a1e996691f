import { v7 as uuidv7 } from 'uuid';
import type { ParsedInput } from '../../../shared/api';
import { RETENTION_LABELS, type Retention } from '../../../shared/api/archive';
import { shanghaiDate } from '../../../shared/calendar';
import { requireUser, type HandlerCtx } from '../../api/context';
import { AppError } from '../../errors';
import { nextCounter } from '../inspections/store';
import { collectEntries, completeness } from './collect';
import { refreshCaseFileSearch } from './search';
import { longest, readArchiveSettings, retentionUntil } from './settings';
import { caseEvent, entriesOf, inspectionIdsOf, loadCaseFile, recordRevision, regenerateProducts, retotal, writeEntries, type CaseFileRow } from './store';

/**
 * Case files (案卷): made from one closed inspection or several small ones of one agency
 * (多案一卷); their entries follow the filing order and are paged; archiving gives the 档号 and
 * 归档号 and locks the case file and its inspections ('archived'). After that, every change
 * needs the archivist's reason and keeps the previous version (case_file_revisions).
 */

const who = (ctx: HandlerCtx) => requireUser(ctx).displayName;
const day = (ctx: HandlerCtx) => shanghaiDate(ctx.at);

interface Candidate {
  id: number;
  number: string;
  status: string;
  merged_into: number | null;
  agency_id: number;
  enterprise: string;
  outcome: string | null;
  date: string | null;
  items: string | null;
  in_case: number | null;
}

function candidates(ctx: HandlerCtx, ids: readonly number[]): Candidate[] {
  const st = ctx.db.prepare(
    `SELECT i.id, i.number, i.status, i.merged_into, i.agency_id, e.name AS enterprise, i.outcome,
            COALESCE(i.closed_at, i.actual_end, i.actual_start, i.planned_date) AS date,
            (SELECT group_concat(v.name, '、') FROM inspection_items ii JOIN item_versions v ON v.item_id = ii.item_id AND v.version = ii.item_version WHERE ii.inspection_id = i.id) AS items,
            (SELECT case_file_id FROM case_file_inspections WHERE inspection_id = i.id) AS in_case
     FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id WHERE i.id = ?`,
  );
  return ids.map((id) => {
    const r = st.get(id) as Candidate | undefined;
    if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的检查`);
    if (r.merged_into !== null) throw new AppError('CONFLICT', `${r.number} 已并入其他检查，请对其并入的检查组卷`);
    if (r.status !== 'closed') throw new AppError('CONFLICT', `${r.number} 尚未办结（或已归档），只有已办结的检查才能组卷`);
    if (r.in_case !== null) throw new AppError('CONFLICT', `${r.number} 已在另一案卷中`);
    return r;
  });
}

function defaultTitle(ctx: HandlerCtx, list: Candidate[], year: number): string {
  const [first] = list;
  if (!first) return '';
  if (list.length === 1) return `${first.enterprise}涉企行政检查（${first.items ?? first.number}）案卷`;
  const agency = ctx.db.prepare('SELECT name FROM agencies WHERE id = ?').pluck().get(first.agency_id) as string;
  const names = [...new Set(list.map((c) => c.enterprise))];
  return `${agency}${year}年涉企行政检查案卷（${names[0]}${names.length > 1 ? `等${names.length}家` : ''}，${list.length}件）`;
}

export function create(ctx: HandlerCtx, input: ParsedInput<'caseFiles.create'>): { id: number } {
  const me = requireUser(ctx);
  if (new Set(input.inspectionIds).size !== input.inspectionIds.length) throw new AppError('INVALID_INPUT', '检查重复选择', 'inspectionIds');
  const list = candidates(ctx, input.inspectionIds);
  if (new Set(list.map((c) => c.agency_id)).size > 1) throw new AppError('CONFLICT', '多案一卷只能合并同一检查主体的检查');
  const settings = readArchiveSettings(ctx.db);
  const retention: Retention = longest(list.map((c) => settings.retention[(c.outcome ?? 'no_problem') as keyof typeof settings.retention] ?? '10y'));
  const year = Number((list.map((c) => c.date ?? '').sort().pop() || day(ctx)).slice(0, 4));
  const at = ctx.at.toISOString();
  const info = ctx.db
    .prepare(
      `INSERT INTO case_files (uuid, agency_id, year, title, fonds_no, fonds_name, catalog_no, category, retention, compiled_by_name, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(uuidv7(), list[0]?.agency_id, year, input.title ?? defaultTitle(ctx, list, year), settings.fondsNo || null, settings.fondsName, settings.catalogNo || null, settings.category, retention, me.displayName, me.id, at, at);
  const id = Number(info.lastInsertRowid);
  const link = ctx.db.prepare('INSERT INTO case_file_inspections (case_file_id, inspection_id, position) VALUES (?, ?, ?)');
  list.forEach((c, i) => link.run(id, c.id, i + 1));
  writeEntries(ctx.db, id, collectEntries(ctx.db, ctx.files, input.inspectionIds));
  regenerateProducts(ctx.db, ctx.files, id, day(ctx));
  caseEvent(ctx.db, id, 'create', me.username, at, list.map((c) => c.number).join('、'));
  ctx.audit({ entity: 'case_file', entityId: id, summary: `组卷：${list.map((c) => c.number).join('、')}（保管期限 ${RETENTION_LABELS[retention]}）` });
  return { id };
}

/** Checks the version and the state; an archived case file needs a reason and keeps its old version. */
function beginChange(ctx: HandlerCtx, id: number, version: number, reason: string | undefined, what: string): CaseFileRow {
  const c = loadCaseFile(ctx.db, id);
  if (c.version !== version) throw new AppError('CONFLICT', '该案卷已被他人或另一窗口修改，请刷新后重试');
  if (c.status === 'disposed') throw new AppError('CONFLICT', '该案卷已销毁，不能再修改');
  if (c.status === 'archived') {
    if (!reason) throw new AppError('INVALID_INPUT', `案卷已归档锁定，${what}须写明修改理由（将保留修改前的版本）`, 'reason');
    recordRevision(ctx.db, id, reason, who(ctx), ctx.at.toISOString());
  }
  return c;
}

function finishChange(ctx: HandlerCtx, c: CaseFileRow, action: string, note: string | null): number {
  ctx.db.prepare('UPDATE case_files SET version = version + 1, updated_at = ? WHERE id = ?').run(ctx.at.toISOString(), c.id);
  regenerateProducts(ctx.db, ctx.files, c.id, day(ctx));
  caseEvent(ctx.db, c.id, action, requireUser(ctx).username, ctx.at.toISOString(), note);
  return c.version + 1;
}

export function update(ctx: HandlerCtx, input: ParsedInput<'caseFiles.update'>): { version: number } {
  const c = beginChange(ctx, input.id, input.version, input.reason, '修改');
  const db = ctx.db;
  const changed: string[] = [];
  if (input.title !== undefined && input.title !== c.title) {
    db.prepare('UPDATE case_files SET title = ? WHERE id = ?').run(input.title, c.id);
    changed.push(`题名改为“${input.title}”`);
  }
  if (input.retention !== undefined && input.retention !== c.retention) {
    const until = c.status === 'archived' ? retentionUntil(input.retention, c.date_to, c.year) : null;
    db.prepare('UPDATE case_files SET retention = ?, retention_until = ? WHERE id = ?').run(input.retention, until, c.id);
    changed.push(`保管期限 ${RETENTION_LABELS[c.retention]} → ${RETENTION_LABELS[input.retention]}`);
  }
  for (const [key, column, label] of [
    ['note', 'note', '情况说明'],
    ['compiledBy', 'compiled_by_name', '立卷人'],
    ['checkedBy', 'checked_by_name', '检查人'],
  ] as const) {
    const v = input[key];
    if (v !== undefined) {
      db.prepare(`UPDATE case_files SET ${column} = ? WHERE id = ?`).run(v, c.id);
      changed.push(label);
    }
  }
  if (input.entries?.length) {
    const known = new Map(entriesOf(db, c.id).map((e) => [e.id, e]));
    const up = db.prepare("UPDATE case_file_entries SET pages = ?, pages_source = CASE WHEN pages = ? THEN pages_source ELSE 'manual' END, remark = ? WHERE id = ?");
    for (const e of input.entries) {
      const old = known.get(e.id);
      if (!old) throw new AppError('NOT_FOUND', '卷内文件不属于该案卷，请刷新后重试', 'entries');
      if (old.pages !== e.pages || old.remark !== e.remark) {
        up.run(e.pages, e.pages, e.remark, e.id);
        changed.push(`第 ${old.seq} 件${old.pages !== e.pages ? ` 页数 ${old.pages}→${e.pages}` : ' 备注'}`);
      }
    }
    retotal(db, c.id);
  }
  if (!changed.length) return { version: c.version };
  const v = finishChange(ctx, c, 'update', `${changed.join('；')}${input.reason ? `（理由：${input.reason}）` : ''}`);
  ctx.audit({ entity: 'case_file', entityId: c.id, summary: `修改案卷 ${c.archive_no ?? c.title}：${changed.join('；')}${input.reason ? `；理由：${input.reason}` : ''}` });
  return { version: v };
}

/** Re-collects the entries from the inspections' current documents and evidence; manual page counts are kept. */
export function refresh(ctx: HandlerCtx, input: ParsedInput<'caseFiles.refresh'>): { version: number } {
  const c = beginChange(ctx, input.id, input.version, input.reason, '重新编排');
  const manual = new Map(entriesOf(ctx.db, c.id).filter((e) => e.pages_source === 'manual').map((e) => [`${e.document_id}/${e.attachment_id}`, e]));
  const drafts = collectEntries(ctx.db, ctx.files, inspectionIdsOf(ctx.db, c.id)).map((d) => {
    const m = manual.get(`${d.documentId}/${d.attachmentId}`);
    return m ? { ...d, pages: m.pages, pagesSource: 'manual' as const, remark: m.remark } : d;
  });
  writeEntries(ctx.db, c.id, drafts);
  const v = finishChange(ctx, c, 'refresh', input.reason ?? null);
  ctx.audit({ entity: 'case_file', entityId: c.id, summary: `重新编排卷内文件 ${c.archive_no ?? c.title}（${drafts.length} 件）${input.reason ? `；理由：${input.reason}` : ''}` });
  return { version: v };
}

export function archive(ctx: HandlerCtx, input: ParsedInput<'caseFiles.archive'>): { version: number; archiveNo: string } {
  const c = loadCaseFile(ctx.db, input.id);
  if (c.version !== input.version) throw new AppError('CONFLICT', '该案卷已被他人或另一窗口修改，请刷新后重试');
  if (c.status !== 'draft') throw new AppError('CONFLICT', '该案卷已归档');
  const settings = readArchiveSettings(ctx.db);
  if (!settings.fondsNo || !settings.catalogNo) throw new AppError('INVALID_INPUT', '请先在“档案设置”中填写全宗号和目录号，再归档');
  const ids = inspectionIdsOf(ctx.db, c.id);
  const missing = completeness(ctx.db, ids).filter((m) => m.required && !m.present);
  if (missing.length && !input.explanation) {
    throw new AppError('RULE_BLOCKED', `案卷不完整，缺少：\n${missing.map((m, i) => `${i + 1}. ${m.inspectionNo} ${m.label}（${m.basis}）`).join('\n')}\n请补齐，或写明缺项说明后归档（说明将写入备考表）。`, 'explanation');
  }
  const open = ctx.db.prepare(`SELECT number FROM inspections WHERE id IN (${ids.map(() => '?').join(',')}) AND status <> 'closed'`).pluck().all(...ids) as string[];
  if (open.length) throw new AppError('CONFLICT', `${open.join('、')} 已不是“已办结”状态，不能归档`);
  const volume = nextCounter(ctx, `archive:volume:${settings.fondsNo}:${settings.catalogNo}`, 0);
  const serial = nextCounter(ctx, 'archive:filing', c.year);
  const archiveNo = `${settings.fondsNo}-${settings.catalogNo}-${String(volume).padStart(4, '0')}`;
  const filingNo = `${c.year}-${String(serial).padStart(4, '0')}`;
  const at = ctx.at.toISOString();
  const me = requireUser(ctx);
  ctx.db
    .prepare(
      `UPDATE case_files SET status = 'archived', fonds_no = ?, fonds_name = ?, catalog_no = ?, category = ?, volume_no = ?, archive_no = ?, filing_no = ?,
         retention_until = ?, missing_explanation = ?, archived_at = ?, archived_by = ? WHERE id = ?`,
    )
    .run(settings.fondsNo, settings.fondsName, settings.catalogNo, settings.category, volume, archiveNo, filingNo, retentionUntil(c.retention, c.date_to, c.year), missing.length ? (input.explanation ?? null) : null, at, me.id, c.id);
  const lock = ctx.db.prepare("UPDATE inspections SET status = 'archived', version = version + 1, updated_at = ? WHERE id = ?");
  const ev = ctx.db.prepare('INSERT INTO inspection_events (inspection_id, action, at, user_id, username, note) VALUES (?, ?, ?, ?, ?, ?)');
  for (const id of ids) {
    lock.run(at, id);
    ev.run(id, 'archive', at, me.id, me.username, `归档，档号 ${archiveNo}`);
    ctx.db.prepare('DELETE FROM inspection_deadlines WHERE inspection_id = ?').run(id);
  }
  const v = finishChange(ctx, c, 'archive', `档号 ${archiveNo}，归档号 ${filingNo}`);
  ctx.audit({ entity: 'case_file', entityId: c.id, summary: `案卷归档：档号 ${archiveNo}，归档号 ${filingNo}，${c.items_count} 件 ${c.pages} 页${missing.length ? `；缺项说明：${input.explanation ?? ''}` : ''}` });
  return { version: v, archiveNo };
}

export function dissolve(ctx: HandlerCtx, input: ParsedInput<'caseFiles.dissolve'>): Record<string, never> {
  const c = loadCaseFile(ctx.db, input.id);
  if (c.version !== input.version) throw new AppError('CONFLICT', '该案卷已被他人或另一窗口修改，请刷新后重试');
  if (c.status !== 'draft') throw new AppError('CONFLICT', '已归档的案卷不能撤销');
  ctx.db.prepare('DELETE FROM case_files WHERE id = ?').run(c.id);
  refreshCaseFileSearch(ctx.db, c.id);
  ctx.audit({ entity: 'case_file', entityId: c.id, summary: `撤销整理中的案卷“${c.title}”` });
  return {};
}

export function hold(ctx: HandlerCtx, input: ParsedInput<'caseFiles.hold'>): { version: number } {
  const c = loadCaseFile(ctx.db, input.id);
  if (c.status === 'disposed') throw new AppError('CONFLICT', '该案卷已销毁');
  if ((c.legal_hold === 1) === input.hold) throw new AppError('CONFLICT', input.hold ? '该案卷已处于法律保全' : '该案卷未处于法律保全');
  if (input.hold && ctx.db.prepare("SELECT 1 FROM disposals WHERE case_file_id = ? AND status = 'proposed'").get(c.id)) {
    ctx.db.prepare("UPDATE disposals SET status = 'rejected', decided_at = ?, decided_by_name = ?, decision_note = ? WHERE case_file_id = ? AND status = 'proposed'").run(ctx.at.toISOString(), who(ctx), `因法律保全中止：${input.reason}`, c.id);
  }
  ctx.db
    .prepare('UPDATE case_files SET legal_hold = ?, legal_hold_reason = ?, legal_hold_at = ?, version = version + 1, updated_at = ? WHERE id = ?')
    .run(input.hold ? 1 : 0, input.hold ? input.reason : null, input.hold ? ctx.at.toISOString() : null, ctx.at.toISOString(), c.id);
  caseEvent(ctx.db, c.id, input.hold ? 'hold' : 'release', requireUser(ctx).username, ctx.at.toISOString(), input.reason);
  ctx.audit({ entity: 'case_file', entityId: c.id, summary: `${input.hold ? '设置' : '解除'}法律保全：${c.archive_no ?? c.title}；理由：${input.reason}` });
  return { version: c.version + 1 };
}
