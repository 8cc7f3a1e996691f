import fs from 'node:fs';
import type { Output, ParsedInput } from '../../../shared/api';
import { PRODUCT_LABELS, type CaseFileRow as CaseFileListRow } from '../../../shared/api/archive';
import type { HandlerCtx } from '../../api/context';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import { completeness } from './collect';
import { searchDocs } from './search';
import { entriesOf, inspectionIdsOf, loadCaseFile, type CaseFileRow } from './store';

/** Reading case files: the 组卷 candidates, the list with filters, one case file, its products. */

export function candidates(ctx: HandlerCtx, input: ParsedInput<'caseFiles.candidates'>): Output<'caseFiles.candidates'> {
  const where = ["i.status = 'closed'", 'i.merged_into IS NULL', 'NOT EXISTS (SELECT 1 FROM case_file_inspections ci WHERE ci.inspection_id = i.id)'];
  const params: Record<string, unknown> = {};
  if (input.agencyId) {
    where.push('i.agency_id = @agencyId');
    params.agencyId = input.agencyId;
  }
  if (input.year) {
    where.push("substr(COALESCE(i.closed_at, i.actual_end, i.planned_date), 1, 4) = @year");
    params.year = String(input.year);
  }
  if (input.q) {
    where.push("(i.number LIKE @q ESCAPE '\\' OR e.name LIKE @q ESCAPE '\\' OR e.credit_code LIKE @q ESCAPE '\\')");
    params.q = `%${input.q.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
  }
  return ctx.db
    .prepare(
      `SELECT i.id, i.number, e.name AS enterpriseName, i.agency_id AS agencyId, a.name AS agencyName,
              COALESCE(i.closed_at, i.actual_end, i.planned_date) AS date, i.outcome,
              (SELECT COUNT(*) FROM documents d WHERE d.inspection_id = i.id AND d.status = 'current') AS documents,
              (SELECT COUNT(*) FROM attachments t WHERE t.inspection_id = i.id) AS attachments
       FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id JOIN agencies a ON a.id = i.agency_id
       WHERE ${where.join(' AND ')} ORDER BY date DESC, i.id DESC LIMIT 500`,
    )
    .all(params) as Output<'caseFiles.candidates'>;
}

function inspectionsOf(db: Db, id: number): CaseFileListRow['inspections'] {
  return db
    .prepare(
      `SELECT i.id, i.number, e.name AS enterpriseName FROM case_file_inspections ci JOIN inspections i ON i.id = ci.inspection_id
       JOIN enterprises e ON e.id = i.enterprise_id WHERE ci.case_file_id = ? ORDER BY ci.position`,
    )
    .all(id) as CaseFileListRow['inspections'];
}

export function toListRow(db: Db, c: CaseFileRow): CaseFileListRow {
  return {
    id: c.id,
    version: c.version,
    status: c.status,
    title: c.title,
    year: c.year,
    agencyId: c.agency_id,
    agencyName: db.prepare('SELECT name FROM agencies WHERE id = ?').pluck().get(c.agency_id) as string,
    archiveNo: c.archive_no,
    filingNo: c.filing_no,
    retention: c.retention,
    retentionUntil: c.retention_until,
    dateFrom: c.date_from,
    dateTo: c.date_to,
    itemsCount: c.items_count,
    pages: c.pages,
    legalHold: c.legal_hold === 1,
    inspections: inspectionsOf(db, c.id),
  };
}

export function list(ctx: HandlerCtx, input: ParsedInput<'caseFiles.list'>): Output<'caseFiles.list'> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.q) {
    const ids = searchDocs(ctx.db, { q: input.q, kind: 'case_file', limit: 2000 }).rows.map((r) => r.ref_id);
    if (!ids.length) return { rows: [], total: 0 };
    where.push(`c.id IN (${ids.map(() => '?').join(',')})`);
    params.push(...ids);
  }
  for (const [key, col] of [
    ['status', 'c.status'],
    ['year', 'c.year'],
    ['agencyId', 'c.agency_id'],
    ['retention', 'c.retention'],
  ] as const) {
    if (input[key] !== undefined) {
      where.push(`${col} = ?`);
      params.push(input[key]);
    }
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.db.prepare(`SELECT COUNT(*) FROM case_files c ${w}`).pluck().get(...params) as number;
  const rows = ctx.db
    .prepare(`SELECT * FROM case_files c ${w} ORDER BY c.status = 'draft' DESC, c.year DESC, c.volume_no DESC, c.id DESC LIMIT ? OFFSET ?`)
    .all(...params, input.limit, input.offset) as CaseFileRow[];
  return { rows: rows.map((r) => toListRow(ctx.db, r)), total };
}

export function get(ctx: HandlerCtx, id: number): Output<'caseFiles.get'> {
  const db = ctx.db;
  const c = loadCaseFile(db, id);
  const checks = completeness(db, inspectionIdsOf(db, id));
  const disposal = db
    .prepare(
      `SELECT id, status, reason, decision_no AS decisionNo, proposed_by_name AS proposedBy, proposed_at AS proposedAt, decided_by_name AS decidedBy, decided_at AS decidedAt
       FROM disposals WHERE case_file_id = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(id) as Output<'caseFiles.get'>['disposal'] | undefined;
  return {
    ...toListRow(db, c),
    uuid: c.uuid,
    fondsNo: c.fonds_no,
    fondsName: c.fonds_name,
    catalogNo: c.catalog_no,
    category: c.category,
    volumeNo: c.volume_no,
    note: c.note,
    missingExplanation: c.missing_explanation,
    compiledBy: c.compiled_by_name,
    checkedBy: c.checked_by_name,
    archivedAt: c.archived_at,
    legalHoldReason: c.legal_hold_reason,
    disposedAt: c.disposed_at,
    entries: entriesOf(db, id).map((e) => ({
      id: e.id,
      seq: e.seq,
      inspectionId: e.inspection_id,
      documentId: e.document_id,
      attachmentId: e.attachment_id,
      slot: e.slot,
      docNo: e.doc_no,
      author: e.author,
      title: e.title,
      date: e.date,
      pages: e.pages,
      pagesSource: e.pages_source,
      pageFrom: e.page_from,
      pageTo: e.page_to,
      remark: e.remark,
    })),
    completeness: checks,
    missingRequired: checks.filter((m) => m.required && !m.present).length,
    products: { cover: c.cover_sha256, index: c.index_sha256, notes: c.notes_sha256 },
    revisions: db.prepare('SELECT version, reason, changed_by_name AS changedBy, changed_at AS changedAt FROM case_file_revisions WHERE case_file_id = ? ORDER BY version DESC').all(id) as Output<'caseFiles.get'>['revisions'],
    events: db.prepare('SELECT id, action, at, username, note FROM case_file_events WHERE case_file_id = ? ORDER BY id').all(id) as Output<'caseFiles.get'>['events'],
    disposal: disposal ?? null,
  };
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A product of the current version, or of an earlier one kept with its revision. */
export function download(ctx: HandlerCtx, input: ParsedInput<'caseFiles.download'>): Output<'caseFiles.download'> {
  const c = loadCaseFile(ctx.db, input.id);
  const column = `${input.part}_sha256` as const;
  let sha: string | null;
  if (input.revision !== undefined && input.revision !== c.version) {
    const r = ctx.db.prepare(`SELECT ${column} AS sha FROM case_file_revisions WHERE case_file_id = ? AND version = ?`).get(c.id, input.revision) as { sha: string | null } | undefined;
    if (!r) throw new AppError('NOT_FOUND', `该案卷没有第 ${input.revision} 版`);
    sha = r.sha;
  } else {
    sha = c[column];
  }
  if (!sha) throw new AppError('NOT_FOUND', '该文件尚未生成');
  const scratch = ctx.transfers.scratchPath('.docx');
  fs.writeFileSync(scratch, ctx.files.read(sha));
  const base = (c.archive_no ?? c.title).slice(0, 60);
  const suffix = input.revision !== undefined && input.revision !== c.version ? `（第${input.revision}版）` : '';
  return ctx.transfers.offerDownload(scratch, `${base}-${PRODUCT_LABELS[input.part]}${suffix}.docx`, DOCX);
}
