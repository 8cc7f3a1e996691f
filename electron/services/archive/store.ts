import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/database';
import { RETENTION_LABELS, type Retention } from '../../../shared/api/archive';
import { shanghaiDate } from '../../../shared/calendar';
import { AppError } from '../../errors';
import { completeness, numberPages, type EntryDraft } from './collect';
import { coverDocx, indexDocx, notesDocx, type ProductData } from './products';
import { refreshCaseFileSearch } from './search';

/** Low-level case file writes shared by the archive routes and the bundle importer. */

export interface CaseFileRow {
  id: number;
  uuid: string;
  version: number;
  status: 'draft' | 'archived' | 'disposed';
  agency_id: number;
  year: number;
  title: string;
  fonds_no: string | null;
  fonds_name: string;
  catalog_no: string | null;
  category: string;
  volume_no: number | null;
  archive_no: string | null;
  filing_no: string | null;
  date_from: string | null;
  date_to: string | null;
  retention: Retention;
  retention_until: string | null;
  items_count: number;
  pages: number;
  note: string;
  missing_explanation: string | null;
  compiled_by_name: string | null;
  checked_by_name: string | null;
  archived_at: string | null;
  cover_sha256: string | null;
  index_sha256: string | null;
  notes_sha256: string | null;
  legal_hold: number;
  legal_hold_reason: string | null;
  disposed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EntryRow {
  id: number;
  uuid: string;
  seq: number;
  inspection_id: number;
  document_id: number | null;
  attachment_id: number | null;
  slot: string;
  doc_no: string;
  author: string;
  title: string;
  date: string | null;
  pages: number;
  pages_source: string;
  page_from: number | null;
  page_to: number | null;
  remark: string;
}

export function loadCaseFile(db: Db, id: number): CaseFileRow {
  const row = db.prepare('SELECT * FROM case_files WHERE id = ?').get(id) as CaseFileRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到该案卷');
  return row;
}

export function entriesOf(db: Db, id: number): EntryRow[] {
  return db.prepare('SELECT * FROM case_file_entries WHERE case_file_id = ? ORDER BY seq').all(id) as EntryRow[];
}

export function inspectionIdsOf(db: Db, id: number): number[] {
  return db.prepare('SELECT inspection_id FROM case_file_inspections WHERE case_file_id = ? ORDER BY position').pluck().all(id) as number[];
}

/** Replaces the entries with `drafts` (numbered in order) and refreshes the totals and dates. */
export function writeEntries(db: Db, caseFileId: number, drafts: readonly (EntryDraft & { uuid?: string })[]): void {
  db.prepare('DELETE FROM case_file_entries WHERE case_file_id = ?').run(caseFileId);
  const ins = db.prepare(
    `INSERT INTO case_file_entries (uuid, case_file_id, seq, inspection_id, document_id, attachment_id, slot, doc_no, author, title, date, pages, pages_source, page_from, page_to, remark)
     VALUES (@uuid, @caseFileId, @seq, @inspectionId, @documentId, @attachmentId, @slot, @docNo, @author, @title, @date, @pages, @pagesSource, @pageFrom, @pageTo, @remark)`,
  );
  numberPages(drafts).forEach((e, i) => ins.run({ ...e, uuid: e.uuid ?? uuidv7(), caseFileId, seq: i + 1 }));
  retotal(db, caseFileId);
}

/** Renumbers pages after a page count changed; totals and 起止时间 follow. */
export function retotal(db: Db, caseFileId: number): void {
  const rows = entriesOf(db, caseFileId);
  const up = db.prepare('UPDATE case_file_entries SET page_from = ?, page_to = ? WHERE id = ?');
  for (const e of numberPages(rows)) up.run(e.pageFrom, e.pageTo, e.id);
  const dates = rows.map((r) => r.date).filter((d): d is string => !!d).sort();
  db.prepare('UPDATE case_files SET items_count = ?, pages = ?, date_from = ?, date_to = ? WHERE id = ?').run(
    rows.length,
    rows.reduce((n, r) => n + r.pages, 0),
    dates[0] ?? null,
    dates[dates.length - 1] ?? null,
    caseFileId,
  );
}

interface Stores {
  putBuffer(data: Uint8Array): { sha256: string };
}

/** The cover, index and 备考表 of the current state, stored by hash and linked. */
export function regenerateProducts(db: Db, files: Stores, caseFileId: number, today: string): void {
  const d = productData(db, caseFileId, today);
  const cover = files.putBuffer(coverDocx(d)).sha256;
  const index = files.putBuffer(indexDocx(d)).sha256;
  const notes = files.putBuffer(notesDocx(d)).sha256;
  db.prepare('UPDATE case_files SET cover_sha256 = ?, index_sha256 = ?, notes_sha256 = ? WHERE id = ?').run(cover, index, notes, caseFileId);
  refreshCaseFileSearch(db, caseFileId);
}

export function productData(db: Db, caseFileId: number, today: string): ProductData {
  const c = loadCaseFile(db, caseFileId);
  const entries = entriesOf(db, caseFileId);
  const missing = completeness(db, inspectionIdsOf(db, caseFileId))
    .filter((m) => m.required && !m.present)
    .map((m) => `${m.inspectionNo} ${m.label}`);
  const revisions = db.prepare('SELECT version, reason, changed_at AS at, changed_by_name AS by FROM case_file_revisions WHERE case_file_id = ? ORDER BY version').all(caseFileId) as {
    version: number;
    reason: string;
    at: string;
    by: string | null;
  }[];
  return {
    fondsName: c.fonds_name,
    fondsNo: c.fonds_no,
    catalogNo: c.catalog_no,
    volumeNo: c.volume_no,
    archiveNo: c.archive_no,
    filingNo: c.filing_no,
    category: c.category,
    title: c.title,
    dateFrom: c.date_from,
    dateTo: c.date_to,
    retentionLabel: RETENTION_LABELS[c.retention],
    itemsCount: c.items_count,
    pages: c.pages,
    entries: entries.map((e) => ({ seq: e.seq, docNo: e.doc_no, author: e.author, title: e.title, date: e.date, pageFrom: e.page_from, pageTo: e.page_to, remark: e.remark, media: e.pages_source === 'media' })),
    note: c.note,
    missing,
    missingExplanation: c.missing_explanation,
    revisions: revisions.map((r) => ({ ...r, at: shanghaiDate(r.at) })),
    compiledBy: c.compiled_by_name,
    compiledAt: c.archived_at ? shanghaiDate(c.archived_at) : today,
    checkedBy: c.checked_by_name,
  };
}

/** Keeps the state before a change of an archived case file (with its products), with the reason. */
export function recordRevision(db: Db, caseFileId: number, reason: string, by: string, at: string): void {
  const c = loadCaseFile(db, caseFileId);
  const snapshot = JSON.stringify({ caseFile: c, entries: entriesOf(db, caseFileId) });
  db.prepare(
    `INSERT INTO case_file_revisions (case_file_id, version, reason, snapshot, cover_sha256, index_sha256, notes_sha256, changed_by_name, changed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(caseFileId, c.version, reason, snapshot, c.cover_sha256, c.index_sha256, c.notes_sha256, by, at);
}

export function caseEvent(db: Db, caseFileId: number, action: string, username: string | null, at: string, note: string | null): void {
  db.prepare('INSERT INTO case_file_events (case_file_id, action, at, username, note) VALUES (?, ?, ?, ?, ?)').run(caseFileId, action, at, username, note);
}
