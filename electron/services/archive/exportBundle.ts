import fs from 'node:fs';
import type { BundleAuditEntry, BundleEntityType, BundleRecord } from '../../../shared/schemas/bundle';
import type { BundleContent, BundleFileInput } from '../../bundle/write';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { TaskIO } from '../../jobs/protocol';
import { caseFileHashes, contentHash, SPECS, toRecord, type Json } from './records';

/**
 * What an upload bundle holds for a selection (a date range, an agency, chosen case files):
 * the inspections chosen and everything they need to stand on their own — their enterprise,
 * agencies, officers, items at the versions used, overrides, every document version and
 * evidence file, the case files they are in (with all of those case files' inspections) and
 * their entries and products — plus the audit rows of those records (local ones, and other
 * offices' rows imported earlier). Read in one transaction, so the bundle is one consistent
 * state of the archive.
 */

export interface ExportSelection {
  from?: string;
  to?: string;
  agencyId?: number;
  caseFileIds?: number[];
}

export interface ExportOptions {
  now: Date;
  appVersion: string;
  io: TaskIO;
  store: { pathOf(sha256: string): string };
}

/** A stored file's size (the writer re-checks it against the file). */
function sizeOf(store: ExportOptions['store'], sha: string): number {
  try {
    return fs.statSync(store.pathOf(sha)).size;
  } catch (e) {
    throw AppError.from('案卷封面等文件缺失，无法导出（请先运行档案文件校验）', e, sha);
  }
}

export interface BuiltBundle {
  content: BundleContent;
  /** Each exported record with its content hash, recorded as shared once the bundle is written. */
  shared: { entity: BundleEntityType; uuid: string; version: number; sha: string }[];
  counts: Partial<Record<BundleEntityType, number>>;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ids = (db: Db, sql: string, params: unknown[]): number[] => db.prepare(sql).pluck().all(...params) as number[];
const inList = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Local time with the office's offset, as the bundle schema wants it. */
export function shanghaiIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

function chunks<T>(list: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A query over a long id list, in chunks of 500 bound parameters; each id once in the result. */
function many(db: Db, sql: (marks: string) => string, list: readonly number[]): number[] {
  return [...new Set(chunks(list).flatMap((c) => ids(db, sql(inList(c.length)), c)))];
}

export function buildBundle(db: Db, sel: ExportSelection, opts: ExportOptions): BuiltBundle {
  return db.transaction(() => collect(db, sel, opts))();
}

function collect(db: Db, sel: ExportSelection, opts: ExportOptions): BuiltBundle {
  const { io } = opts;
  io.progress('收集记录', 0, 0);
  const office = db.prepare('SELECT uuid, name, credit_code AS creditCode FROM agencies ORDER BY is_own DESC, id LIMIT 1').get() as { uuid: string; name: string; creditCode: string | null } | undefined;
  if (!office) throw new AppError('CONFLICT', '档案中还没有检查主体（本单位），无法导出数据包');

  let caseFiles: number[] = [];
  let inspections: number[];
  if (sel.caseFileIds?.length) {
    caseFiles = many(db, (m) => `SELECT id FROM case_files WHERE id IN (${m}) AND status <> 'disposed'`, sel.caseFileIds);
    if (caseFiles.length !== new Set(sel.caseFileIds).size) throw new AppError('NOT_FOUND', '所选案卷不存在或已销毁');
    inspections = many(db, (m) => `SELECT inspection_id FROM case_file_inspections WHERE case_file_id IN (${m})`, caseFiles);
  } else {
    const where: string[] = [];
    const params: unknown[] = [];
    if (sel.from) {
      where.push("COALESCE(i.actual_start, i.planned_date, substr(i.created_at, 1, 10)) >= ?");
      params.push(sel.from);
    }
    if (sel.to) {
      where.push("COALESCE(i.actual_start, i.planned_date, substr(i.created_at, 1, 10)) <= ?");
      params.push(sel.to);
    }
    if (sel.agencyId) {
      where.push('(i.agency_id = ? OR EXISTS (SELECT 1 FROM inspection_agencies j WHERE j.inspection_id = i.id AND j.agency_id = ?))');
      params.push(sel.agencyId, sel.agencyId);
    }
    inspections = ids(db, `SELECT i.id FROM inspections i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params);
    // A case file travels whole: all its inspections come with it.
    caseFiles = many(db, (m) => `SELECT DISTINCT ci.case_file_id FROM case_file_inspections ci JOIN case_files c ON c.id = ci.case_file_id WHERE ci.inspection_id IN (${m}) AND c.status <> 'disposed'`, inspections);
    inspections = [...new Set([...inspections, ...many(db, (m) => `SELECT inspection_id FROM case_file_inspections WHERE case_file_id IN (${m})`, caseFiles)])];
  }
  // Merged inspections and what they were merged into travel together (merged_into).
  const have = new Set(inspections);
  for (;;) {
    const more = [
      ...many(db, (m) => `SELECT id FROM inspections WHERE merged_into IN (${m})`, [...have]),
      ...many(db, (m) => `SELECT merged_into FROM inspections WHERE id IN (${m}) AND merged_into IS NOT NULL`, [...have]),
    ].filter((x) => !have.has(x));
    if (!more.length) break;
    for (const x of more) have.add(x);
  }
  inspections = [...have];
  inspections.sort((a, b) => a - b);
  io.checkCancelled();

  const sets: Partial<Record<BundleEntityType, number[]>> = {
    inspections,
    case_files: caseFiles,
    enterprises: many(db, (m) => `SELECT DISTINCT enterprise_id FROM inspections WHERE id IN (${m})`, inspections),
    officers: many(db, (m) => `SELECT DISTINCT officer_id FROM inspection_team WHERE inspection_id IN (${m})`, inspections),
    items: many(db, (m) => `SELECT DISTINCT item_id FROM inspection_items WHERE inspection_id IN (${m})`, inspections),
    item_versions: many(db, (m) => `SELECT DISTINCT v.id FROM inspection_items ii JOIN item_versions v ON v.item_id = ii.item_id AND v.version = ii.item_version WHERE ii.inspection_id IN (${m})`, inspections),
    rule_overrides: many(db, (m) => `SELECT id FROM rule_overrides WHERE inspection_id IN (${m})`, inspections),
    documents: many(db, (m) => `SELECT id FROM documents WHERE inspection_id IN (${m})`, inspections),
    attachments: many(db, (m) => `SELECT id FROM attachments WHERE inspection_id IN (${m})`, inspections),
    case_file_entries: many(db, (m) => `SELECT id FROM case_file_entries WHERE case_file_id IN (${m})`, caseFiles),
  };
  sets.agencies = [
    ...new Set([
      ...many(db, (m) => `SELECT agency_id FROM inspections WHERE id IN (${m})`, inspections),
      ...many(db, (m) => `SELECT agency_id FROM inspection_agencies WHERE inspection_id IN (${m})`, inspections),
      ...many(db, (m) => `SELECT agency_id FROM officers WHERE id IN (${m})`, sets.officers ?? []),
      ...many(db, (m) => `SELECT agency_id FROM items WHERE id IN (${m})`, sets.items ?? []),
      ...many(db, (m) => `SELECT agency_id FROM case_files WHERE id IN (${m})`, caseFiles),
    ]),
  ];

  const total = Object.values(sets).reduce((n, l) => n + (l?.length ?? 0), 0);
  let done = 0;
  const records: Partial<Record<BundleEntityType, BundleRecord[]>> = {};
  const shared: BuiltBundle['shared'] = [];
  const localIds = new Map<BundleEntityType, Map<number, string>>();
  for (const [type, list] of Object.entries(sets) as [BundleEntityType, number[]][]) {
    const spec = SPECS[type];
    if (!spec || !list.length) continue;
    const st = db.prepare(`SELECT * FROM ${spec.table} WHERE id = ?`);
    const out: BundleRecord[] = [];
    const map = new Map<number, string>();
    for (const id of list) {
      const rec = toRecord(db, spec, st.get(id) as Json) as BundleRecord;
      out.push(rec);
      map.set(id, rec.uuid);
      shared.push({ entity: type, uuid: rec.uuid, version: rec.version, sha: contentHash(rec) });
      if (++done % 200 === 0) {
        io.checkCancelled();
        io.progress('收集记录', done, total);
      }
    }
    records[type] = out;
    localIds.set(type, map);
  }

  const documents: BundleFileInput[] = [];
  const attachments: BundleFileInput[] = [];
  const number = new Map((records.inspections ?? []).map((r) => [r.uuid, String(r.number)]));
  for (const r of records.documents ?? []) {
    const f = db.prepare('SELECT sha256, bytes, format FROM documents WHERE uuid = ?').get(r.uuid) as { sha256: string; bytes: number; format: string };
    documents.push({ sha256: f.sha256, size: f.bytes, name: `${number.get(String(r.inspection_uuid)) ?? '登记表'}/${String(r.file_name)}`, mediaType: f.format === 'xlsx' ? XLSX : DOCX, record: { entity: 'documents', uuid: r.uuid } });
  }
  for (const r of records.attachments ?? []) {
    attachments.push({ sha256: String(r.sha256), size: Number(r.bytes), name: `${number.get(String(r.inspection_uuid)) ?? ''}/${String(r.name)}`, mediaType: String(r.media_type), record: { entity: 'attachments', uuid: r.uuid } });
  }
  for (const r of records.case_files ?? []) {
    const base = String(r.archive_no ?? r.title).slice(0, 60);
    for (const sha of caseFileHashes(r)) {
      const bytes = sizeOf(opts.store, sha);
      documents.push({ sha256: sha, size: bytes, name: `案卷/${base}/${sha.slice(0, 8)}.docx`, mediaType: DOCX, record: { entity: 'case_files', uuid: r.uuid } });
    }
  }

  const audit = auditRows(db, localIds, records);
  const counts = Object.fromEntries(Object.entries(records).map(([k, v]) => [k, v?.length ?? 0])) as BuiltBundle['counts'];
  io.progress('收集记录', total, total);
  return {
    content: {
      exportedAt: shanghaiIso(opts.now),
      software: { name: 'InspectDesk', version: opts.appVersion },
      office: { agencyUuid: office.uuid, name: office.name, creditCode: office.creditCode },
      selection: selectionOf(db, sel, records),
      records,
      documents,
      attachments,
      audit,
    },
    shared,
    counts,
  };
}

function selectionOf(db: Db, sel: ExportSelection, records: Partial<Record<BundleEntityType, BundleRecord[]>>): BundleContent['selection'] {
  const agency = sel.agencyId ? (db.prepare('SELECT uuid, name FROM agencies WHERE id = ?').get(sel.agencyId) as { uuid: string; name: string } | undefined) : undefined;
  if (sel.agencyId && !agency) throw new AppError('NOT_FOUND', '找不到所选检查主体');
  const note = agency ? `检查主体：${agency.name}` : undefined;
  if (sel.caseFileIds?.length) return { kind: 'records', entity: 'case_files', uuids: (records.case_files ?? []).map((r) => r.uuid) };
  if (sel.from || sel.to) return { kind: 'dateRange', from: sel.from ?? '2000-01-01', to: sel.to ?? '2999-12-31', ...(note ? { note } : {}) };
  if (agency) return { kind: 'records', entity: 'agencies', uuids: [agency.uuid], note: note ?? '' };
  return { kind: 'all' };
}

/** Audit rows of the exported records: this office's own, and other offices' imported earlier. */
function auditRows(db: Db, localIds: Map<BundleEntityType, Map<number, string>>, records: Partial<Record<BundleEntityType, BundleRecord[]>>): BundleAuditEntry[] {
  const out = new Map<string, BundleAuditEntry>();
  for (const [type, map] of localIds) {
    const entity = SPECS[type]?.auditEntity;
    if (!entity || !map.size) continue;
    for (const c of chunks([...map.keys()])) {
      const rows = db
        .prepare(`SELECT * FROM audit_log WHERE entity = ? AND entity_id IN (${inList(c.length)}) ORDER BY id`)
        .all(entity, ...c.map(String)) as { id: number; at: string; user_id: number | null; username: string | null; route: string; entity: string; entity_id: string | null; summary: string; prev_hash: string; hash: string }[];
      for (const r of rows) {
        out.set(r.hash, { seq: r.id, at: r.at, userId: r.user_id, username: r.username, route: r.route, entity: r.entity, entityId: r.entity_id, summary: r.summary, prevHash: r.prev_hash, hash: r.hash, record: { entity: type, uuid: map.get(Number(r.entity_id)) ?? '' } });
      }
    }
  }
  for (const [type, list] of Object.entries(records) as [BundleEntityType, BundleRecord[]][]) {
    const st = db.prepare('SELECT * FROM imported_audit WHERE record_entity = ? AND record_uuid = ? ORDER BY id');
    for (const rec of list) {
      for (const r of st.all(type, rec.uuid) as { seq: number; at: string; user_id: number | null; username: string | null; route: string; entity: string; entity_id: string | null; summary: string; prev_hash: string; hash: string }[]) {
        out.set(r.hash, { seq: r.seq, at: r.at, userId: r.user_id, username: r.username, route: r.route, entity: r.entity, entityId: r.entity_id, summary: r.summary, prevHash: r.prev_hash, hash: r.hash, record: { entity: type, uuid: rec.uuid } });
      }
    }
  }
  return [...out.values()];
}
