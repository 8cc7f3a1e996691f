import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/database';
import { safeFileName } from '../../files/transfers';
import type { DocumentRow, InspectionDocumentKind } from '../../../shared/api/documents';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/schemas/documents';
import { statusRank, type InspectionStatus } from '../../../shared/rules';
import { AppError } from '../../errors';
import type { InspectionContext } from './context';

/**
 * The register of generated documents (migration 005): numbering from `counters`, recording a
 * document and superseding the previous current one, and the lists the UI shows.
 */

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- Which documents an inspection needs --------------------------------------------------

export const KIND_STEP: Record<InspectionDocumentKind, string> = {
  approvalForm: '负责人批准',
  filingForm: '入企报备',
  inspectionNotice: '送达检查通知书',
  onSiteRecord: '制作检查记录',
  offSiteRecord: '制作检查记录',
  resultNotice: '书面反馈结果',
  rectificationOrder: '办结（责令整改）',
  transferLetter: '办结（移送）',
};

/** Whether a kind applies to this inspection at all (on-site or not, its outcome, filing). */
export function applies(kind: InspectionDocumentKind, c: InspectionContext, followsFiling: boolean): boolean {
  const r = c.row;
  if (r.merged_into !== null) return false;
  switch (kind) {
    case 'approvalForm':
    case 'resultNotice':
      return true;
    case 'filingForm':
      return followsFiling && r.filing_exemption === null;
    case 'inspectionNotice':
      return r.onsite === 1 && r.no_notice_reason === null;
    case 'onSiteRecord':
      return r.onsite === 1;
    case 'offSiteRecord':
      return r.onsite === 0;
    case 'rectificationOrder':
      return r.outcome === 'rectification';
    case 'transferLetter':
      return r.outcome === 'transfer' || r.outcome === 'penalty';
    default:
      return kind satisfies never;
  }
}

/** Whether the inspection has reached the step the kind belongs to. */
export function reached(kind: InspectionDocumentKind, c: InspectionContext): boolean {
  const r = c.row;
  const at = (s: InspectionStatus) => statusRank(r.status as InspectionStatus) >= statusRank(s);
  switch (kind) {
    case 'approvalForm':
      return true;
    case 'filingForm':
    case 'inspectionNotice':
      return at('approved') || r.emergency === 1;
    case 'onSiteRecord':
      return r.actual_start !== null;
    case 'offSiteRecord':
      return r.recorded_at !== null || at('approved');
    case 'resultNotice':
      return r.recorded_at !== null;
    case 'rectificationOrder':
    case 'transferLetter':
      return r.outcome !== null;
    default:
      return kind satisfies never;
  }
}

// ---- Numbers --------------------------------------------------------------------------------

/** Takes the next serial of a kind's yearly counter (inside the caller's transaction). */
export function takeSerial(db: Db, scope: string, year: number): number {
  const row = db
    .prepare('INSERT INTO counters (scope, year, value) VALUES (?, ?, 1) ON CONFLICT(scope, year) DO UPDATE SET value = value + 1 RETURNING value')
    .get(scope, year) as { value: number };
  return row.value;
}

/** The last serial taken (0 when none this year). */
export function peekSerial(db: Db, scope: string, year: number): number {
  return (db.prepare('SELECT value FROM counters WHERE scope = ? AND year = ?').get(scope, year) as { value: number } | undefined)?.value ?? 0;
}

/** Moves a counter from `from` to `to` only if nobody else moved it: false if someone did. */
export function advanceCounter(db: Db, scope: string, year: number, from: number, to: number): boolean {
  if (from === 0) {
    const r = db.prepare('INSERT INTO counters (scope, year, value) VALUES (?, ?, ?) ON CONFLICT(scope, year) DO NOTHING').run(scope, year, to);
    return r.changes === 1;
  }
  return db.prepare('UPDATE counters SET value = ? WHERE scope = ? AND year = ? AND value = ?').run(to, scope, year, from).changes === 1;
}

// ---- Recording --------------------------------------------------------------------------

export interface NewDocument {
  inspectionId: number | null;
  kind: DocumentKind;
  format: 'docx' | 'xlsx';
  number: string | null;
  year: number | null;
  serial: number | null;
  period: { from: string; to: string } | null;
  sha256: string;
  bytes: number;
  fileName: string;
  createdBy: number | null;
  createdAt: string;
}

/** `湘县市监检通〔2025〕12号-行政检查通知书-湘潭湘莲食品有限公司.docx` (no number: the inspection's instead). */
export function fileNameFor(kind: DocumentKind, number: string | null, enterprise: string, inspectionNumber: string): string {
  const title = DOCUMENT_KINDS[kind];
  return safeFileName(number ? `${number}-${title}-${enterprise}.docx` : `${title}-${enterprise}-${inspectionNumber}.docx`);
}

/**
 * Records a document; the previous current one of the same inspection and kind (or ledger
 * period and format) becomes superseded, pointing at this one. Call inside a transaction.
 */
export function registerDocument(db: Db, d: NewDocument): { id: number; supersededId: number | null } {
  const st = statements(db);
  const prev = (
    d.inspectionId !== null ? st.currentOf.get(d.inspectionId, d.kind) : st.currentLedger.get(d.kind, d.format, d.period?.from, d.period?.to)
  ) as { id: number } | undefined;
  if (prev) st.supersede.run(prev.id);
  let id: number;
  try {
    id = Number(st.insert.run({ ...d, uuid: uuidv7(), from: d.period?.from ?? null, to: d.period?.to ?? null }).lastInsertRowid);
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && d.number) {
      throw new AppError('CONFLICT', `文号“${d.number}”已被使用：请检查 设置 → 文书设置 中的文号格式（各类文书的格式不能相同）`);
    }
    throw e;
  }
  if (prev) st.successor.run(id, prev.id);
  return { id, supersededId: prev?.id ?? null };
}

const cache = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    currentOf: db.prepare("SELECT id FROM documents WHERE inspection_id = ? AND kind = ? AND status = 'current'"),
    currentLedger: db.prepare("SELECT id FROM documents WHERE inspection_id IS NULL AND kind = ? AND format = ? AND period_from = ? AND period_to = ? AND status = 'current'"),
    supersede: db.prepare("UPDATE documents SET status = 'superseded' WHERE id = ?"),
    successor: db.prepare('UPDATE documents SET superseded_by = ? WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO documents (uuid, inspection_id, kind, format, number, year, serial, period_from, period_to, sha256, bytes, file_name, created_by, created_at)
       VALUES (@uuid, @inspectionId, @kind, @format, @number, @year, @serial, @from, @to, @sha256, @bytes, @fileName, @createdBy, @createdAt)`,
    ),
  };
}

function statements(db: Db): ReturnType<typeof prepare> {
  let s = cache.get(db);
  if (!s) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}

// ---- Reading -------------------------------------------------------------------------------

const SELECT = `SELECT d.id, d.kind, d.format, d.number, d.file_name AS fileName, d.bytes, d.created_at AS createdAt, u.display_name AS author,
  d.status, d.superseded_by AS supersededBy, d.inspection_id AS inspectionId, i.number AS inspectionNumber, e.name AS enterpriseName,
  d.period_from AS periodFrom, d.period_to AS periodTo, d.sha256
  FROM documents d LEFT JOIN users u ON u.id = d.created_by
  LEFT JOIN inspections i ON i.id = d.inspection_id LEFT JOIN enterprises e ON e.id = i.enterprise_id`;

type Raw = Omit<DocumentRow, 'title' | 'period'> & { periodFrom: string | null; periodTo: string | null; sha256: string };

function toRow(r: Raw): DocumentRow {
  const { periodFrom, periodTo, sha256: _sha, ...rest } = r;
  return { ...rest, title: DOCUMENT_KINDS[r.kind], period: periodFrom && periodTo ? `${periodFrom} 至 ${periodTo}` : null };
}

export function listForInspection(db: Db, inspectionId: number): DocumentRow[] {
  return (db.prepare(`${SELECT} WHERE d.inspection_id = ? ORDER BY d.id DESC`).all(inspectionId) as Raw[]).map(toRow);
}

export function listRecent(db: Db, input: { kind?: DocumentKind; beforeId?: number; limit: number }): { rows: DocumentRow[]; nextBeforeId: number | null } {
  const where = ['d.id < @before'];
  if (input.kind) where.push('d.kind = @kind');
  const raw = db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY d.id DESC LIMIT @limit`).all({ before: input.beforeId ?? Number.MAX_SAFE_INTEGER, kind: input.kind, limit: input.limit + 1 }) as Raw[];
  const more = raw.length > input.limit;
  if (more) raw.pop();
  return { rows: raw.map(toRow), nextBeforeId: more ? (raw[raw.length - 1]?.id ?? null) : null };
}

/** One document with its file hash, for preview and download. */
export function getDocument(db: Db, id: number): DocumentRow & { sha256: string } {
  const r = db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as Raw | undefined;
  if (!r) throw new AppError('NOT_FOUND', '找不到该文书');
  return { ...toRow(r), sha256: r.sha256 };
}
