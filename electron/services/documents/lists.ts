import type { HandlerCtx } from '../../api/context';
import type { Output, ParsedInput } from '../../../shared/api';
import { INSPECTION_DOCUMENT_KINDS, type DocumentSettings, type InspectionDocumentKind } from '../../../shared/api/documents';
import { DOCUMENT_KINDS } from '../../../shared/schemas/documents';
import { readRuleSettings } from '../inspections/settings';
import { listRecent } from './records';
import { counterScope, ownAgency, qrFingerprint, qrSecret, readDocumentSettings, writeDocumentSettings } from './settings';

/** Lists of the 文书 page (recent documents, inspections to batch) and the settings routes. */

export function recent(ctx: HandlerCtx, input: ParsedInput<'documents.recent'>): Output<'documents.recent'> {
  return listRecent(ctx.db, input);
}

/** SQL condition for "this kind applies" (mirrors records.ts `applies`). */
function appliesSql(kind: InspectionDocumentKind | undefined, followsFiling: boolean): string {
  switch (kind) {
    case undefined:
    case 'approvalForm':
    case 'resultNotice':
      return '1';
    case 'filingForm':
      return followsFiling ? 'i.filing_exemption IS NULL' : '0';
    case 'inspectionNotice':
      return 'i.onsite = 1 AND i.no_notice_reason IS NULL';
    case 'onSiteRecord':
      return 'i.onsite = 1';
    case 'offSiteRecord':
      return 'i.onsite = 0';
    case 'rectificationOrder':
      return "i.outcome = 'rectification'";
    case 'transferLetter':
      return "i.outcome IN ('transfer','penalty')";
    default:
      return kind satisfies never;
  }
}

/** Inspections a batch may cover: the kind applies, filtered by status and date (start, else planned). */
export function candidates(ctx: HandlerCtx, input: ParsedInput<'documents.candidates'>): Output<'documents.candidates'> {
  const where = ['i.merged_into IS NULL', appliesSql(input.kind, readRuleSettings(ctx.db).followsXiangtanFiling)];
  if (input.status) where.push('i.status = @status');
  if (input.from) where.push('COALESCE(i.actual_start, i.planned_date) >= @from');
  if (input.to) where.push('COALESCE(i.actual_start, i.planned_date) <= @to');
  const rows = ctx.db
    .prepare(
      `SELECT i.id, i.number, e.name AS enterpriseName, i.status, COALESCE(i.actual_start, i.planned_date) AS date,
         EXISTS (SELECT 1 FROM documents d WHERE d.inspection_id = i.id AND d.kind = @kind AND d.status = 'current') AS hasCurrent
       FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id
       WHERE ${where.join(' AND ')} ORDER BY i.id DESC LIMIT @limit`,
    )
    .all({ kind: input.kind ?? '', status: input.status, from: input.from, to: input.to, limit: input.limit + 1 }) as (Omit<
    Output<'documents.candidates'>['rows'][number],
    'hasCurrent'
  > & { hasCurrent: number })[];
  const truncated = rows.length > input.limit;
  if (truncated) rows.pop();
  return { rows: rows.map((r) => ({ ...r, hasCurrent: r.hasCurrent === 1 })), truncated };
}

export function getSettings(ctx: HandlerCtx): Output<'documentSettings.get'> {
  const own = ownAgency(ctx.db);
  const scopes = new Map(INSPECTION_DOCUMENT_KINDS.map((k) => [counterScope(k), k]));
  const counters = (ctx.db.prepare("SELECT scope, year, value FROM counters WHERE scope LIKE 'doc:%' ORDER BY year DESC, scope").all() as { scope: string; year: number; value: number }[])
    .filter((r) => scopes.has(r.scope))
    .map((r) => ({ kind: scopes.get(r.scope)!, year: r.year, value: r.value }));
  return {
    settings: readDocumentSettings(ctx.db),
    fallbackAgencyName: own.name,
    fallbackAbbr: own.shortName,
    counters,
    qrKeyFingerprint: qrFingerprint(qrSecret(ctx.db)),
  };
}

export function setSettings(ctx: HandlerCtx, input: DocumentSettings): Record<string, never> {
  const before = readDocumentSettings(ctx.db);
  writeDocumentSettings(ctx.db, input);
  const changed: string[] = [];
  if (before.agencyName !== input.agencyName || before.abbr !== input.abbr) changed.push(`机关名称/简称：${input.agencyName || '（默认）'} / ${input.abbr || '（默认）'}`);
  for (const k of INSPECTION_DOCUMENT_KINDS) {
    if (before.patterns[k] !== input.patterns[k]) changed.push(`《${DOCUMENT_KINDS[k]}》文号格式 ${before.patterns[k] || '（无）'} → ${input.patterns[k] || '（无）'}`);
  }
  if (JSON.stringify(before.texts) !== JSON.stringify(input.texts)) changed.push('固定文字');
  if (before.defaultRectifyWorkingDays !== input.defaultRectifyWorkingDays) changed.push(`默认整改期限：${input.defaultRectifyWorkingDays ?? '不设'}个工作日`);
  ctx.audit({ entity: 'settings', entityId: 'documents', summary: `修改文书设置${changed.length ? `：${changed.join('；')}` : '（无变化）'}` });
  return {};
}
