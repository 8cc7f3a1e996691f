import { createHash } from 'node:crypto';
import type { BundleEntityType } from '../../../shared/schemas/bundle';
import type { Db } from '../../db/database';
import { canonicalJson } from '../../bundle/write';

/**
 * How each table travels in a bundle (BundleRecord: uuid + version + the row's columns).
 * Integer keys never leave the machine: a foreign key becomes the referenced record's uuid
 * (`agency_id` → `agency_uuid`), a user becomes `{username, displayName}` (users are not
 * exported; on import the name is kept in `foreign_refs`), derived columns (pinyin keys, the
 * search rank) are left out. Children without their own identity travel inside their parent
 * (an inspection's team, items, joint agencies, events, supplement; a case file's inspections,
 * revisions, events and disposal records). The same function makes the record for export and
 * for comparing with an incoming one, so "same content" means byte-equal canonical JSON.
 */

export type Json = Record<string, unknown>;

export interface Spec {
  type: BundleEntityType;
  table: string;
  /** audit_log.entity of this table's rows ('inspection'…), for the audit rows of a bundle. */
  auditEntity: string | null;
  refs: Record<string, BundleEntityType>;
  users: string[];
  omit: string[];
  /** Matched by a natural key when the uuid is unknown: 'same' links the two, 'clash' is a conflict. */
  natural: { kind: 'same' | 'clash'; sql: string; params: (row: Json) => unknown[] } | null;
  /** Columns an update may change (others differing make a conflict); null: any. */
  mutable: string[] | null;
  label: (r: Json) => string;
}

const S = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export const SPECS: Partial<Record<BundleEntityType, Spec>> = {
  agencies: {
    type: 'agencies', table: 'agencies', auditEntity: 'agency', refs: {}, users: [], omit: [], mutable: null,
    natural: { kind: 'same', sql: 'SELECT id FROM agencies WHERE name = ? OR (credit_code IS NOT NULL AND credit_code = ?)', params: (r) => [r.name, r.credit_code] },
    label: (r) => `检查主体 ${S(r.name)}`,
  },
  officers: {
    type: 'officers', table: 'officers', auditEntity: 'officer', refs: { agency_id: 'agencies' }, users: [], omit: [], mutable: null,
    natural: { kind: 'same', sql: 'SELECT id FROM officers WHERE cert_no IS NOT NULL AND cert_no = ?', params: (r) => [r.cert_no] },
    label: (r) => `执法人员 ${S(r.name)}（${S(r.cert_no)}）`,
  },
  enterprises: {
    type: 'enterprises', table: 'enterprises', auditEntity: 'enterprise', refs: {}, users: [], omit: ['name_pinyin', 'name_initials', 'name_rank'], mutable: null,
    natural: { kind: 'same', sql: 'SELECT id FROM enterprises WHERE credit_code = ?', params: (r) => [r.credit_code] },
    label: (r) => `经营主体 ${S(r.name)}（${S(r.credit_code)}）`,
  },
  items: {
    type: 'items', table: 'items', auditEntity: 'item', refs: { agency_id: 'agencies' }, users: ['retired_by'], omit: [], mutable: null,
    natural: { kind: 'same', sql: 'SELECT id FROM items WHERE agency_id = ? AND code = ?', params: (r) => [r.agency_id, r.code] },
    label: (r) => `检查事项 ${S(r.code)}`,
  },
  item_versions: {
    type: 'item_versions', table: 'item_versions', auditEntity: null, refs: { item_id: 'items' }, users: ['published_by', 'created_by'], omit: [], mutable: [],
    natural: { kind: 'same', sql: 'SELECT id FROM item_versions WHERE item_id = ? AND version = ?', params: (r) => [r.item_id, r.version] },
    label: (r) => `检查事项版本 ${S(r.name)}（第 ${S(r.version)} 版）`,
  },
  inspections: {
    type: 'inspections', table: 'inspections', auditEntity: 'inspection', refs: { agency_id: 'agencies', enterprise_id: 'enterprises', merged_into: 'inspections' }, users: ['approved_by', 'created_by'], omit: [], mutable: null,
    natural: { kind: 'clash', sql: 'SELECT id FROM inspections WHERE number = ?', params: (r) => [r.number] },
    label: (r) => `检查 ${S(r.number)}`,
  },
  rule_overrides: {
    type: 'rule_overrides', table: 'rule_overrides', auditEntity: null, refs: { inspection_id: 'inspections' }, users: ['user_id'], omit: [], mutable: [], natural: null,
    label: (r) => `规则放行记录 ${S(r.rule_id)}`,
  },
  documents: {
    type: 'documents', table: 'documents', auditEntity: 'document', refs: { inspection_id: 'inspections', superseded_by: 'documents' }, users: ['created_by'], omit: [], mutable: ['status', 'superseded_by'],
    natural: { kind: 'clash', sql: 'SELECT id FROM documents WHERE number IS NOT NULL AND number = ?', params: (r) => [r.number] },
    label: (r) => `文书 ${S(r.number) || S(r.file_name)}`,
  },
  attachments: {
    type: 'attachments', table: 'attachments', auditEntity: 'attachment', refs: { inspection_id: 'inspections' }, users: ['created_by'], omit: [], mutable: ['note'], natural: null,
    label: (r) => `证据 ${S(r.name)}`,
  },
  case_files: {
    type: 'case_files', table: 'case_files', auditEntity: 'case_file', refs: { agency_id: 'agencies' }, users: ['archived_by', 'created_by'], omit: [], mutable: null,
    natural: { kind: 'clash', sql: 'SELECT id FROM case_files WHERE archive_no IS NOT NULL AND (archive_no = ? OR filing_no = ?)', params: (r) => [r.archive_no, r.filing_no] },
    label: (r) => `案卷 ${S(r.archive_no) || S(r.title)}`,
  },
  case_file_entries: {
    type: 'case_file_entries', table: 'case_file_entries', auditEntity: null,
    refs: { case_file_id: 'case_files', inspection_id: 'inspections', document_id: 'documents', attachment_id: 'attachments' }, users: [], omit: [], mutable: null, natural: null,
    label: (r) => `卷内文件 ${S(r.title)}`,
  },
};

/** JSON key of a foreign-key column: agency_id → agency_uuid, merged_into → merged_into_uuid. */
export const refKey = (col: string) => (col.endsWith('_id') ? `${col.slice(0, -3)}_uuid` : `${col}_uuid`);
/** JSON key of a user column: created_by → created_by_user, user_id → user. */
export const userKey = (col: string) => (col === 'user_id' ? 'user' : `${col}_user`);

const columnsCache = new WeakMap<Db, Map<string, string[]>>();
export function columnsOf(db: Db, table: string): string[] {
  let m = columnsCache.get(db);
  if (!m) columnsCache.set(db, (m = new Map()));
  let cols = m.get(table);
  if (!cols) m.set(table, (cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[])));
  return cols;
}

export function uuidOf(db: Db, table: string, id: number | null): string | null {
  if (id === null) return null;
  return (db.prepare(`SELECT uuid FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? null;
}

export function tableOf(type: BundleEntityType): string {
  return SPECS[type]?.table ?? type;
}

function userRef(db: Db, spec: Spec, uuid: string, col: string, id: number | null): { username: string | null; displayName: string | null } | null {
  const f = db.prepare('SELECT username, display_name AS displayName FROM foreign_refs WHERE entity = ? AND uuid = ? AND field = ?').get(spec.type, uuid, col) as
    | { username: string | null; displayName: string | null }
    | undefined;
  if (f) return f.username === null && f.displayName === null ? null : f;
  if (id === null) return null;
  const u = db.prepare('SELECT username, display_name AS displayName FROM users WHERE id = ?').get(id) as { username: string; displayName: string } | undefined;
  return u ?? null;
}

/** The bundle record of one row (what is exported, and what an incoming record is compared with). */
export function toRecord(db: Db, spec: Spec, row: Json): Json {
  const uuid = String(row.uuid);
  const out: Json = { uuid, version: typeof row.version === 'number' ? row.version : 1 };
  for (const col of columnsOf(db, spec.table)) {
    if (col === 'id' || col === 'uuid' || col === 'version' || spec.omit.includes(col)) continue;
    const v = row[col] ?? null;
    const target = spec.refs[col];
    if (target) out[refKey(col)] = uuidOf(db, tableOf(target), v as number | null);
    else if (spec.users.includes(col)) out[userKey(col)] = userRef(db, spec, uuid, col, v as number | null);
    else out[col] = v;
  }
  if (spec.table === 'item_versions') out.version = row.version;
  Object.assign(out, childrenOf(db, spec, Number(row.id)));
  return out;
}

function childrenOf(db: Db, spec: Spec, id: number): Json {
  if (spec.type === 'inspections') {
    const sup = db.prepare('SELECT data, version, updated_by, updated_at FROM document_supplements WHERE inspection_id = ?').get(id) as
      | { data: string; version: number; updated_by: number | null; updated_at: string }
      | undefined;
    return {
      joint_agencies: db.prepare('SELECT a.uuid FROM inspection_agencies j JOIN agencies a ON a.id = j.agency_id WHERE j.inspection_id = ? ORDER BY a.uuid').pluck().all(id),
      items: db.prepare('SELECT i.uuid AS item_uuid, ii.item_version FROM inspection_items ii JOIN items i ON i.id = ii.item_id WHERE ii.inspection_id = ? ORDER BY i.uuid').all(id),
      team: db.prepare('SELECT o.uuid AS officer_uuid, t.role FROM inspection_team t JOIN officers o ON o.id = t.officer_id WHERE t.inspection_id = ? ORDER BY o.uuid').all(id),
      events: db.prepare('SELECT action, at, username, note FROM inspection_events WHERE inspection_id = ? ORDER BY id').all(id),
      supplement: sup ? { data: sup.data, version: sup.version, updated_at: sup.updated_at } : null,
    };
  }
  if (spec.type === 'case_files') {
    return {
      inspections: db.prepare('SELECT i.uuid AS inspection_uuid, ci.position FROM case_file_inspections ci JOIN inspections i ON i.id = ci.inspection_id WHERE ci.case_file_id = ? ORDER BY ci.position').all(id),
      revisions: db
        .prepare('SELECT version, reason, snapshot, cover_sha256, index_sha256, notes_sha256, changed_by_name, changed_at FROM case_file_revisions WHERE case_file_id = ? ORDER BY version')
        .all(id),
      events: db.prepare('SELECT action, at, username, note FROM case_file_events WHERE case_file_id = ? ORDER BY id').all(id),
      disposals: db
        .prepare('SELECT status, reason, decision_no, proposed_by_name, proposed_at, decided_by_name, decided_at, decision_note FROM disposals WHERE case_file_id = ? ORDER BY id')
        .all(id),
    };
  }
  return {};
}

/** Every stored file a case file record carries (its products, and those of earlier versions). */
export function caseFileHashes(rec: Json): string[] {
  const out = new Set<string>();
  for (const k of ['cover_sha256', 'index_sha256', 'notes_sha256']) if (typeof rec[k] === 'string') out.add(rec[k]);
  for (const r of (rec.revisions as Json[] | undefined) ?? []) for (const k of ['cover_sha256', 'index_sha256', 'notes_sha256']) if (typeof r[k] === 'string') out.add(r[k]);
  return [...out];
}

export function without(rec: Json, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(rec).filter(([k]) => !keys.includes(k)));
}

/** SHA-256 of a record's content (its version left out: equal content at any version is the same). */
export function contentHash(rec: Json): string {
  return createHash('sha256').update(canonicalJson(without(rec, ['version']))).digest('hex');
}

export function sameContent(a: Json, b: Json, ignore: readonly string[] = ['version']): boolean {
  return canonicalJson(without(a, ignore)) === canonicalJson(without(b, ignore));
}
