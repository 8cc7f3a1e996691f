import { v7 as uuidv7 } from 'uuid';
import type { HandlerCtx } from '../../api/context';
import { requireUser } from '../../api/context';
import type { InspectionDraft } from '../../../shared/api/inspections';
import { shanghaiDate } from '../../../shared/calendar';
import { blockingFindings, evaluateAll, RULE_BY_ID, type Finding, type InspectionStatus } from '../../../shared/rules';
import { AppError } from '../../errors';
import { buildFacts, draftOf, itemVersions, loadRow, UNSAVED_ID, type InspectionRow } from './facts';
import { refreshDeadlines, refreshEnterpriseWarnings } from './derived';
import { ruleSettingsFor } from './settings';

export function today(ctx: Pick<HandlerCtx, 'at'>): string {
  return shanghaiDate(ctx.at);
}

/** The next number of a per-year counter; never reused, never skipped (one transaction). */
export function nextCounter(ctx: HandlerCtx, scope: string, year: number): number {
  const row = ctx.db
    .prepare('INSERT INTO counters (scope, year, value) VALUES (?, ?, 1) ON CONFLICT(scope, year) DO UPDATE SET value = value + 1 RETURNING value')
    .get(scope, year) as { value: number };
  return row.value;
}

/** Evaluates the rules for an inspection at a status (saved or not). */
export function evaluate(ctx: HandlerCtx, id: number, draft: InspectionDraft, status: InspectionStatus, row: InspectionRow | null, patch?: Partial<InspectionRow>): Finding[] {
  const t = today(ctx);
  const facts = buildFacts(ctx.db, { id, draft, status, row, patch, today: t });
  return evaluateAll(facts, ruleSettingsFor(ctx.db, t));
}

/** A numbered list of findings with their basis, for an error message. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings
    .map((f, i) => `${i + 1}. ${f.message}（依据：${f.basis}）${f.effect === 'warn' ? '——可由负责人记录理由后继续' : ''}`)
    .join('\n');
}

/** Draft values are checked when saved: a wrong value (an auxiliary on the team, a retired item) is refused. */
function refuseBlocks(findings: readonly Finding[], what: string): void {
  const blocks = findings.filter((f) => f.effect === 'block');
  if (blocks.length > 0) throw new AppError('RULE_BLOCKED', `${what}未保存，因为：\n${describeFindings(blocks)}`);
}

function validateRefs(ctx: HandlerCtx, d: InspectionDraft): void {
  if (d.leaderOfficerId !== null && !d.teamOfficerIds.includes(d.leaderOfficerId)) throw new AppError('INVALID_INPUT', '带队人员必须是检查人员之一', 'leaderOfficerId');
  if (d.jointAgencyIds.includes(d.agencyId)) throw new AppError('INVALID_INPUT', '联合单位不能与牵头单位相同', 'jointAgencyIds');
  if (new Set(d.teamOfficerIds).size !== d.teamOfficerIds.length) throw new AppError('INVALID_INPUT', '检查人员有重复', 'teamOfficerIds');
  if (new Set(d.itemIds).size !== d.itemIds.length) throw new AppError('INVALID_INPUT', '检查事项有重复', 'itemIds');
  if (d.emergency && !d.emergencyReason) throw new AppError('INVALID_INPUT', '情况紧急时请写明紧急情况说明', 'emergencyReason');
  void ctx;
}

function writeChildren(ctx: HandlerCtx, id: number, d: InspectionDraft): void {
  const db = ctx.db;
  const saved = new Map((db.prepare('SELECT item_id, item_version FROM inspection_items WHERE inspection_id = ?').all(id) as { item_id: number; item_version: number }[]).map((r) => [r.item_id, r.item_version]));
  const versions = itemVersions(db, d.itemIds, saved);
  db.prepare('DELETE FROM inspection_agencies WHERE inspection_id = ?').run(id);
  db.prepare('DELETE FROM inspection_items WHERE inspection_id = ?').run(id);
  db.prepare('DELETE FROM inspection_team WHERE inspection_id = ?').run(id);
  const a = db.prepare('INSERT INTO inspection_agencies (inspection_id, agency_id) VALUES (?, ?)');
  for (const j of d.jointAgencyIds) a.run(id, j);
  const it = db.prepare('INSERT INTO inspection_items (inspection_id, item_id, item_version) VALUES (?, ?, ?)');
  for (const v of versions) it.run(id, v.item_id, v.version);
  const t = db.prepare('INSERT INTO inspection_team (inspection_id, officer_id, role) VALUES (?, ?, ?)');
  for (const o of d.teamOfficerIds) t.run(id, o, o === d.leaderOfficerId ? 'leader' : 'member');
}

const DRAFT_COLUMNS = `agency_id = @agencyId, enterprise_id = @enterpriseId, kind = @kind, trigger_source = @triggerSource, trigger_ref = @triggerRef,
  special_approval_no = @specialApprovalNo, onsite = @onsite, basis = @basis, content = @content, planned_date = @plannedDate,
  emergency = @emergency, emergency_reason = @emergencyReason, no_notice_reason = @noNoticeReason, filing_exemption = @filingExemption,
  out_of_jurisdiction = @outOfJurisdiction`;

function bind(d: InspectionDraft) {
  return { ...d, onsite: d.onsite ? 1 : 0, emergency: d.emergency ? 1 : 0, outOfJurisdiction: d.outOfJurisdiction ? 1 : 0 };
}

/** Rewrites what the 工作台 reads for this inspection and its enterprise. */
export function afterChange(ctx: HandlerCtx, id: number): void {
  const row = loadRow(ctx.db, id);
  const draft = draftOf(ctx.db, row);
  const facts = buildFacts(ctx.db, { id, draft, status: row.status, row, today: today(ctx) });
  refreshDeadlines(ctx.db, facts, row.merged_into !== null || row.status === 'archived');
  refreshEnterpriseWarnings(ctx.db, row.enterprise_id, today(ctx));
}

export function event(ctx: HandlerCtx, id: number, action: string, note: string | null): void {
  const me = requireUser(ctx);
  ctx.db.prepare('INSERT INTO inspection_events (inspection_id, action, at, user_id, username, note) VALUES (?, ?, ?, ?, ?, ?)').run(id, action, ctx.at.toISOString(), me.id, me.username, note);
}

export function create(ctx: HandlerCtx, d: InspectionDraft): { id: number; number: string } {
  const me = requireUser(ctx);
  validateRefs(ctx, d);
  refuseBlocks(evaluate(ctx, UNSAVED_ID, d, 'draft', null), '检查任务');
  const agency = ctx.db.prepare('SELECT short_name FROM agencies WHERE id = ?').get(d.agencyId) as { short_name: string };
  const year = Number((d.plannedDate ?? today(ctx)).slice(0, 4));
  const serial = nextCounter(ctx, `inspection:${d.agencyId}`, year);
  const number = `${agency.short_name}检〔${year}〕${serial}号`;
  const at = ctx.at.toISOString();
  const info = ctx.db
    .prepare(
      `INSERT INTO inspections (uuid, number, agency_id, enterprise_id, kind, trigger_source, trigger_ref, special_approval_no, onsite, basis, content,
         planned_date, emergency, emergency_reason, no_notice_reason, filing_exemption, out_of_jurisdiction, created_by, created_at, updated_at)
       VALUES (@uuid, @number, @agencyId, @enterpriseId, @kind, @triggerSource, @triggerRef, @specialApprovalNo, @onsite, @basis, @content,
         @plannedDate, @emergency, @emergencyReason, @noNoticeReason, @filingExemption, @outOfJurisdiction, @createdBy, @at, @at)`,
    )
    .run({ ...bind(d), uuid: uuidv7(), number, createdBy: me.id, at });
  const id = Number(info.lastInsertRowid);
  writeChildren(ctx, id, d);
  event(ctx, id, 'create', null);
  afterChange(ctx, id);
  ctx.audit({ entity: 'inspection', entityId: id, summary: `新建检查任务 ${number}` });
  return { id, number };
}

export function update(ctx: HandlerCtx, input: { id: number; version: number; draft: InspectionDraft }): { version: number } {
  const row = loadRow(ctx.db, input.id);
  if (row.version !== input.version) throw new AppError('CONFLICT', '该检查任务已被他人或另一窗口修改，请刷新后重试');
  if (row.status !== 'draft' || row.merged_into !== null) throw new AppError('CONFLICT', '检查方案已批准（或已合并），不能再修改');
  const d = input.draft;
  validateRefs(ctx, d);
  refuseBlocks(evaluate(ctx, row.id, d, 'draft', row), '检查方案');
  ctx.db.prepare(`UPDATE inspections SET ${DRAFT_COLUMNS}, version = version + 1, updated_at = @at WHERE id = @id`).run({ ...bind(d), id: row.id, at: ctx.at.toISOString() });
  writeChildren(ctx, row.id, d);
  event(ctx, row.id, 'update', null);
  afterChange(ctx, row.id);
  ctx.audit({ entity: 'inspection', entityId: row.id, summary: `修改检查方案 ${row.number}` });
  return { version: row.version + 1 };
}

/** A draft checked while the form is filled in; nothing is saved. */
export function check(ctx: HandlerCtx, input: { id: number | null; draft: InspectionDraft }): Finding[] {
  const row = input.id === null ? null : loadRow(ctx.db, input.id);
  return evaluate(ctx, row?.id ?? UNSAVED_ID, input.draft, row?.status ?? 'draft', row);
}

/** Records a head's decision on a warning, then re-evaluates. */
export function override(ctx: HandlerCtx, input: { id: number; ruleId: string; reason: string; approvalNo: string | null }): { findings: Finding[] } {
  const me = requireUser(ctx);
  const row = loadRow(ctx.db, input.id);
  const rule = RULE_BY_ID.get(input.ruleId as never);
  if (!rule) throw new AppError('INVALID_INPUT', '没有这条规则', 'ruleId');
  const current = evaluate(ctx, row.id, draftOf(ctx.db, row), row.status, row);
  const pending = blockingFindings(current).some((f) => f.ruleId === input.ruleId && f.effect === 'warn');
  if (rule.effect === 'block' && !pending) throw new AppError('RULE_BLOCKED', `“${rule.title}”属于禁止事项，不能由负责人决定放行`, 'ruleId');
  const needsNumber = current.some((f) => f.ruleId === input.ruleId && f.needsApprovalNumber);
  if (needsNumber && !input.approvalNo) throw new AppError('INVALID_INPUT', '该事项须经批准，请填写批准文号', 'approvalNo');
  ctx.db
    .prepare('INSERT INTO rule_overrides (uuid, inspection_id, rule_id, reason, approval_no, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(uuidv7(), row.id, input.ruleId, input.reason, input.approvalNo, me.id, ctx.at.toISOString());
  event(ctx, row.id, 'override', `${rule.title}：${input.reason}${input.approvalNo ? `（${input.approvalNo}）` : ''}`);
  ctx.audit({ entity: 'inspection', entityId: row.id, summary: `负责人决定放行“${rule.title}”：${input.reason}${input.approvalNo ? `，批准文号 ${input.approvalNo}` : ''}` });
  return { findings: evaluate(ctx, row.id, draftOf(ctx.db, row), row.status, row) };
}

/** 综合查一次: merges a draft into another open inspection of the same enterprise and agency. */
export function merge(ctx: HandlerCtx, input: { id: number; intoId: number }): { intoId: number } {
  const from = loadRow(ctx.db, input.id);
  const into = loadRow(ctx.db, input.intoId);
  if (from.id === into.id) throw new AppError('INVALID_INPUT', '不能与自身合并');
  if (from.enterprise_id !== into.enterprise_id) throw new AppError('CONFLICT', '只能合并同一检查对象的任务');
  if (from.status !== 'draft' || from.merged_into !== null) throw new AppError('CONFLICT', `${from.number} 已不是草稿，不能并入其他任务`);
  if (into.merged_into !== null || !['draft', 'approved', 'filed', 'notified'].includes(into.status)) throw new AppError('CONFLICT', `${into.number} 已开始检查或已办结，不能再并入`);
  const a = draftOf(ctx.db, from);
  const b = draftOf(ctx.db, into);
  const union = <T>(x: T[], y: T[]) => [...new Set([...y, ...x])];
  const merged: InspectionDraft = {
    ...b,
    jointAgencyIds: union(a.agencyId === b.agencyId ? a.jointAgencyIds : [...a.jointAgencyIds, a.agencyId], b.jointAgencyIds).filter((x) => x !== b.agencyId),
    itemIds: union(a.itemIds, b.itemIds),
    teamOfficerIds: union(a.teamOfficerIds, b.teamOfficerIds),
    content: [b.content, a.content].filter(Boolean).join('\n'),
  };
  writeChildren(ctx, into.id, merged);
  ctx.db.prepare('UPDATE inspections SET version = version + 1, updated_at = ? WHERE id = ?').run(ctx.at.toISOString(), into.id);
  ctx.db.prepare('UPDATE inspections SET merged_into = ?, status = ?, version = version + 1, updated_at = ? WHERE id = ?').run(into.id, 'closed', ctx.at.toISOString(), from.id);
  event(ctx, from.id, 'merged', `并入 ${into.number}`);
  event(ctx, into.id, 'merge', `并入 ${from.number}（综合查一次）`);
  afterChange(ctx, from.id);
  afterChange(ctx, into.id);
  ctx.audit({ entity: 'inspection', entityId: from.id, summary: `综合查一次：${from.number} 并入 ${into.number}` });
  return { intoId: into.id };
}
