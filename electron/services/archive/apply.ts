import type { BundleEntityType } from '../../../shared/schemas/bundle';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import { columnsOf, refKey, userKey, type Json, type Spec } from './records';

/**
 * Writing one incoming record (and the children that travel inside it) into the local tables.
 * Foreign keys are resolved uuid → local id by the caller's `resolve` (records added in the
 * same import have reserved ids; the transaction defers foreign-key checks to its commit, so
 * the order within one table does not matter). Users are not created: a user column is left
 * empty (or, where the column is required, set to the importing user) and the other office's
 * user is kept by name in `foreign_refs`, which export reads first.
 */

export type Resolve = (type: BundleEntityType, uuid: string) => number | null;

export interface Importer {
  id: number;
}

const notNullCache = new WeakMap<Db, Map<string, Set<string>>>();
function notNullColumns(db: Db, table: string): Set<string> {
  let m = notNullCache.get(db);
  if (!m) notNullCache.set(db, (m = new Map()));
  let s = m.get(table);
  if (!s) m.set(table, (s = new Set((db.prepare('SELECT name FROM pragma_table_info(?) WHERE "notnull" = 1').pluck().all(table) as string[]))));
  return s;
}

function must(resolve: Resolve, type: BundleEntityType, uuid: unknown, what: string): number {
  const id = typeof uuid === 'string' ? resolve(type, uuid) : null;
  if (id === null) throw new AppError('INVALID_INPUT', `数据包中的${what}引用了不存在的记录（${type}/${String(uuid)}）`);
  return id;
}

/** The user a row's column names today: the other office's (foreign_refs) or a local user. */
function currentUser(db: Db, spec: Spec, uuid: string, col: string, id: unknown): { username: string | null; displayName: string | null } | null {
  const f = db.prepare('SELECT username, display_name AS displayName FROM foreign_refs WHERE entity = ? AND uuid = ? AND field = ?').get(spec.type, uuid, col) as
    | { username: string | null; displayName: string | null }
    | undefined;
  if (f) return f;
  if (typeof id !== 'number') return null;
  return (db.prepare('SELECT username, display_name AS displayName FROM users WHERE id = ?').get(id) as { username: string; displayName: string } | undefined) ?? null;
}

const sameUser = (a: { username: string | null; displayName: string | null } | null | undefined, b: typeof a) =>
  (a ?? null) === null ? (b ?? null) === null : !!b && a?.username === b.username && a?.displayName === b.displayName;

/**
 * Inserts (with the reserved `id`) or updates the row of `rec`; returns the local id. An update
 * sets only the columns whose value changes (a registered document's frozen columns are never
 * touched), and keeps a user column that already names the same person.
 */
export function writeRow(db: Db, spec: Spec, rec: Json, mode: 'insert' | 'update', id: number, localUuid: string, resolve: Resolve, importer: Importer): number {
  const required = notNullColumns(db, spec.table);
  const current = mode === 'update' ? (db.prepare(`SELECT * FROM ${spec.table} WHERE id = ?`).get(id) as Json | undefined) : undefined;
  const values: Record<string, unknown> = {};
  const users = new Map<string, { username: string | null; displayName: string | null } | null>();
  for (const col of columnsOf(db, spec.table)) {
    if (col === 'id' || spec.omit.includes(col)) continue;
    if (col === 'uuid') {
      if (mode === 'insert') values.uuid = rec.uuid;
      continue;
    }
    const target = spec.refs[col];
    if (target) {
      const v = rec[refKey(col)];
      values[col] = v === null || v === undefined ? null : must(resolve, target, v, spec.label(rec));
    } else if (spec.users.includes(col)) {
      const u = (rec[userKey(col)] ?? null) as { username: string | null; displayName: string | null } | null;
      if (current && sameUser(currentUser(db, spec, localUuid, col, current[col]), u)) continue;
      values[col] = required.has(col) ? importer.id : null;
      users.set(col, u);
    } else if (col === 'version' || col in rec) {
      values[col] = rec[col] ?? null;
    }
  }
  const cols = Object.keys(values).filter((c) => !current || JSON.stringify(current[c] ?? null) !== JSON.stringify(values[c] ?? null));
  try {
    if (mode === 'insert') {
      db.prepare(`INSERT INTO ${spec.table} (id, ${cols.join(', ')}) VALUES (@id, ${cols.map((c) => `@${c}`).join(', ')})`).run({ ...values, id });
    } else if (cols.length) {
      db.prepare(`UPDATE ${spec.table} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...Object.fromEntries(cols.map((c) => [c, values[c]])), id });
    }
  } catch (e) {
    throw AppError.from(`导入“${spec.label(rec)}”失败（与本地记录冲突）`, e, spec.table);
  }
  const del = db.prepare('DELETE FROM foreign_refs WHERE entity = ? AND uuid = ? AND field = ?');
  const keep = db.prepare('INSERT INTO foreign_refs (entity, uuid, field, username, display_name) VALUES (?, ?, ?, ?, ?)');
  for (const [col, u] of users) {
    del.run(spec.type, localUuid, col);
    if (u) keep.run(spec.type, localUuid, col, u.username ?? null, u.displayName ?? null);
  }
  return id;
}

type Row = Record<string, unknown>;
const list = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);

/** An inspection's joint agencies, items, team, events and document supplement. */
export function writeInspectionChildren(db: Db, id: number, rec: Json, resolve: Resolve): void {
  for (const t of ['inspection_agencies', 'inspection_items', 'inspection_team', 'inspection_events']) db.prepare(`DELETE FROM ${t} WHERE inspection_id = ?`).run(id);
  const a = db.prepare('INSERT INTO inspection_agencies (inspection_id, agency_id) VALUES (?, ?)');
  for (const u of Array.isArray(rec.joint_agencies) ? (rec.joint_agencies as unknown[]) : []) a.run(id, must(resolve, 'agencies', u, '联合单位'));
  const it = db.prepare('INSERT INTO inspection_items (inspection_id, item_id, item_version) VALUES (?, ?, ?)');
  for (const r of list(rec.items)) it.run(id, must(resolve, 'items', r.item_uuid, '检查事项'), r.item_version);
  const t = db.prepare('INSERT INTO inspection_team (inspection_id, officer_id, role) VALUES (?, ?, ?)');
  for (const r of list(rec.team)) t.run(id, must(resolve, 'officers', r.officer_uuid, '检查人员'), r.role);
  const ev = db.prepare('INSERT INTO inspection_events (inspection_id, action, at, user_id, username, note) VALUES (?, ?, ?, NULL, ?, ?)');
  for (const r of list(rec.events)) ev.run(id, r.action, r.at, r.username ?? null, r.note ?? null);
  const sup = rec.supplement as Row | null | undefined;
  if (sup) {
    db.prepare(
      `INSERT INTO document_supplements (inspection_id, data, version, updated_by, updated_at) VALUES (?, ?, ?, NULL, ?)
       ON CONFLICT(inspection_id) DO UPDATE SET data = excluded.data, version = excluded.version, updated_by = NULL, updated_at = excluded.updated_at`,
    ).run(id, sup.data, sup.version, sup.updated_at);
  } else {
    db.prepare('DELETE FROM document_supplements WHERE inspection_id = ?').run(id);
  }
}

/** A case file's inspections, entries, revisions (append-only), events and disposal records. */
export function writeCaseFileChildren(db: Db, id: number, rec: Json, entries: readonly Json[], resolve: Resolve, importer: Importer): void {
  db.prepare('DELETE FROM case_file_inspections WHERE case_file_id = ?').run(id);
  const link = db.prepare('INSERT INTO case_file_inspections (case_file_id, inspection_id, position) VALUES (?, ?, ?)');
  for (const r of list(rec.inspections)) link.run(id, must(resolve, 'inspections', r.inspection_uuid, '案卷所含检查'), r.position);
  db.prepare('DELETE FROM case_file_entries WHERE case_file_id = ?').run(id);
  const en = db.prepare(
    `INSERT INTO case_file_entries (uuid, version, case_file_id, seq, inspection_id, document_id, attachment_id, slot, doc_no, author, title, date, pages, pages_source, page_from, page_to, remark)
     VALUES (@uuid, @version, @case_file_id, @seq, @inspection_id, @document_id, @attachment_id, @slot, @doc_no, @author, @title, @date, @pages, @pages_source, @page_from, @page_to, @remark)`,
  );
  for (const e of entries) {
    en.run({
      ...Object.fromEntries(['uuid', 'version', 'seq', 'slot', 'doc_no', 'author', 'title', 'date', 'pages', 'pages_source', 'page_from', 'page_to', 'remark'].map((k) => [k, e[k] ?? null])),
      case_file_id: id,
      inspection_id: must(resolve, 'inspections', e.inspection_uuid, '卷内文件'),
      document_id: e.document_uuid ? must(resolve, 'documents', e.document_uuid, '卷内文件') : null,
      attachment_id: e.attachment_uuid ? must(resolve, 'attachments', e.attachment_uuid, '卷内文件') : null,
    });
  }
  const rev = db.prepare(
    `INSERT INTO case_file_revisions (case_file_id, version, reason, snapshot, cover_sha256, index_sha256, notes_sha256, changed_by_name, changed_at)
     VALUES (@case_file_id, @version, @reason, @snapshot, @cover_sha256, @index_sha256, @notes_sha256, @changed_by_name, @changed_at) ON CONFLICT (case_file_id, version) DO NOTHING`,
  );
  for (const r of list(rec.revisions)) rev.run({ ...r, case_file_id: id });
  db.prepare('DELETE FROM case_file_events WHERE case_file_id = ?').run(id);
  const ev = db.prepare('INSERT INTO case_file_events (case_file_id, action, at, username, note) VALUES (?, ?, ?, ?, ?)');
  for (const r of list(rec.events)) ev.run(id, r.action, r.at, r.username ?? null, r.note ?? null);
  const find = db.prepare('SELECT id, status FROM disposals WHERE case_file_id = ? AND proposed_at = ? AND decision_no = ?');
  for (const r of list(rec.disposals)) {
    const have = find.get(id, r.proposed_at, r.decision_no) as { id: number; status: string } | undefined;
    if (!have) {
      db.prepare(
        `INSERT INTO disposals (case_file_id, status, reason, decision_no, proposed_by, proposed_by_name, proposed_at, decided_by_name, decided_at, decision_note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, r.status, r.reason, r.decision_no, importer.id, r.proposed_by_name, r.proposed_at, r.decided_by_name ?? null, r.decided_at ?? null, r.decision_note ?? null);
    } else if (have.status === 'proposed' && r.status !== 'proposed') {
      db.prepare('UPDATE disposals SET status = ?, decided_by_name = ?, decided_at = ?, decision_note = ? WHERE id = ?').run(r.status, r.decided_by_name ?? null, r.decided_at ?? null, r.decision_note ?? null, have.id);
    }
  }
}
