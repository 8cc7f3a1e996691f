import { v7 as uuidv7 } from 'uuid';
import type { ItemFieldValues } from '../../shared/schemas/item';
import { levelInSubject, type OfficerImportRow } from '../../shared/schemas/importRows';
import { insertVersion } from '../services/items';
import { agencyLookup, same, type Outcome, type RegistryWriter, type Rejection, type WriterOptions } from './writers';

interface StoredOfficer {
  id: number;
  agency_id: number;
  name: string;
  post: string | null;
  phone: string | null;
  cert_no: string | null;
  cert_valid_from: string | null;
  cert_valid_to: string | null;
  auxiliary_type: string | null;
  status: string;
}

/**
 * Officers, matched by certificate number (auxiliary staff, who have none, by agency and name).
 * Columns as officers.create/update write them (services/officers.ts), whose checks need a
 * HandlerCtx per call; here the row schema has already applied the same rules.
 */
export function officerWriter(opts: WriterOptions): RegistryWriter<'officers'> {
  const { db, at, mapped } = opts;
  const agency = agencyLookup(db);
  const COLS = 'id, agency_id, name, post, phone, cert_no, cert_valid_from, cert_valid_to, auxiliary_type, status';
  const byCert = db.prepare(`SELECT ${COLS} FROM officers WHERE cert_no = ?`);
  const byName = db.prepare(`SELECT ${COLS} FROM officers WHERE agency_id = ? AND name = ? AND cert_no IS NULL ORDER BY id LIMIT 1`);
  const insert = db.prepare(
    `INSERT INTO officers (uuid, agency_id, name, post, phone, cert_no, cert_valid_from, cert_valid_to, kind, auxiliary_type, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare(
    `UPDATE officers SET agency_id = ?, name = ?, post = ?, phone = ?, cert_no = ?, cert_valid_from = ?, cert_valid_to = ?, kind = ?, auxiliary_type = ?,
       status = ?, version = version + 1, updated_at = ? WHERE id = ?`,
  );
  const FIELDS: readonly [keyof OfficerImportRow, keyof StoredOfficer][] = [
    ['name', 'name'],
    ['post', 'post'],
    ['phone', 'phone'],
    ['certNo', 'cert_no'],
    ['certValidFrom', 'cert_valid_from'],
    ['certValidTo', 'cert_valid_to'],
  ];

  return {
    flush: () => undefined,
    write(row, dryRun): Outcome | Rejection {
      const a = agency(row.agency);
      if (!a) return { field: 'agency', reason: `“${row.agency}”不在检查主体名录中：请先在「检查主体」中登记，或填写已登记的名称或简称` };
      const old = (row.certNo ? byCert.get(row.certNo) : byName.get(a.id, row.name)) as StoredOfficer | undefined;
      const next: StoredOfficer = { ...(old ?? ({} as StoredOfficer)), agency_id: a.id };
      for (const [field, col] of FIELDS) if (!old || mapped.has(field)) (next as unknown as Record<string, unknown>)[col] = row[field];
      if (!old || mapped.has('category')) next.auxiliary_type = row.auxiliaryType;
      next.status = old && !mapped.has('status') ? old.status : (row.status ?? old?.status ?? 'active');
      if (!next.auxiliary_type && !next.cert_no) return { field: 'certNo', reason: '执法人员须填写执法证号（辅助人员请选择人员类别）' };
      const kind = next.auxiliary_type ? 'auxiliary' : 'officer';
      if (!old) {
        if (!dryRun) {
          insert.run(uuidv7(), a.id, next.name, next.post, next.phone, next.cert_no, next.cert_valid_from, next.cert_valid_to, kind, next.auxiliary_type, next.status, at, at);
        }
        return 'new';
      }
      const cols: (keyof StoredOfficer)[] = ['agency_id', 'name', 'post', 'phone', 'cert_no', 'cert_valid_from', 'cert_valid_to', 'auxiliary_type', 'status'];
      if (cols.every((c) => same(next[c], old[c]))) return 'unchanged';
      if (!dryRun) {
        update.run(a.id, next.name, next.post, next.phone, next.cert_no, next.cert_valid_from, next.cert_valid_to, kind, next.auxiliary_type, next.status, at, old.id);
      }
      return 'updated';
    },
  };
}

interface StoredItem {
  id: number;
  status: 'draft' | 'published' | 'retired';
  current_version: number;
  pending: number | null;
}
const ITEM_COLS: readonly (keyof ItemFieldValues)[] = ['name', 'basis', 'subject', 'level', 'undertakingUnit', 'target', 'content', 'method', 'frequency', 'remark'];

/**
 * Inspection items, matched within their agency by number (事项编号) or else by name. The
 * item life cycle of services/items.ts holds: a new item is a draft; a draft is edited in
 * place; a published item gets (or updates) its next, unpublished version, which a head then
 * publishes; a retired item is refused. Version rows go through `insertVersion` of that service.
 */
export function itemWriter(opts: WriterOptions): RegistryWriter<'items'> {
  const { db, at, mapped, userId } = opts;
  const agency = agencyLookup(db);
  const ITEM = `SELECT i.id, i.status, i.current_version,
    (SELECT max(p.version) FROM item_versions p WHERE p.item_id = i.id AND p.version > i.current_version AND p.published_at IS NULL) AS pending FROM items i`;
  const byCode = db.prepare(`${ITEM} WHERE i.agency_id = ? AND i.code = ?`);
  const byName = db.prepare(
    `${ITEM} WHERE i.agency_id = ? AND EXISTS (SELECT 1 FROM item_versions v WHERE v.item_id = i.id AND v.name = ?
       AND (v.version = i.current_version OR v.published_at IS NULL)) ORDER BY i.id LIMIT 1`,
  );
  const version = db.prepare(
    `SELECT name, basis, subject, level, undertaking_unit AS undertakingUnit, target, content, method, frequency, remark
     FROM item_versions WHERE item_id = ? AND version = ?`,
  );
  const codes = db.prepare('SELECT code FROM items WHERE agency_id = ?').pluck();
  const insertItem = db.prepare(`INSERT INTO items (uuid, agency_id, code, status, current_version, created_at, updated_at) VALUES (?, ?, ?, 'draft', 1, ?, ?)`);
  const editDraft = db.prepare(
    `UPDATE item_versions SET name = ?, basis = ?, subject = ?, level = ?, undertaking_unit = ?, target = ?, content = ?, method = ?, frequency = ?,
       remark = ?, updated_at = ? WHERE item_id = ? AND version = ? AND published_at IS NULL`,
  );
  const touch = db.prepare('UPDATE items SET version = version + 1, updated_at = ? WHERE id = ?');
  // Free numbers per agency, as services/items.ts numbers them (001, 002, …), kept across rows of one import.
  const taken = new Map<number, Set<string>>();
  function nextCode(agencyId: number): string {
    let set = taken.get(agencyId);
    if (!set) {
      set = new Set(codes.all(agencyId) as string[]);
      taken.set(agencyId, set);
    }
    let n = [...set].filter((c) => /^\d+$/u.test(c)).reduce((m, c) => Math.max(m, Number(c)), 0) + 1;
    while (set.has(String(n).padStart(3, '0'))) n++;
    return String(n).padStart(3, '0');
  }

  return {
    flush: () => undefined,
    write(row, dryRun): Outcome | Rejection {
      const subject = levelInSubject(row.subject);
      const a = agency(subject.name) ?? agency(row.subject);
      if (!a) return { field: 'subject', reason: `检查主体“${subject.name}”不在检查主体名录中：请先在「检查主体」中登记，或填写已登记的名称或简称` };
      const fields: ItemFieldValues = {
        name: row.name,
        basis: row.basis,
        subject: row.subject,
        level: row.level ?? subject.level ?? a.level,
        undertakingUnit: row.undertakingUnit,
        target: row.target,
        content: row.content,
        method: row.method,
        frequency: row.frequency,
        remark: row.remark,
      };
      const old = (row.code ? byCode.get(a.id, row.code) : byName.get(a.id, row.name)) as StoredItem | undefined;
      if (!old) {
        if (dryRun) return 'new';
        const code = row.code ?? nextCode(a.id);
        taken.get(a.id)?.add(code);
        const id = Number(insertItem.run(uuidv7(), a.id, code, at, at).lastInsertRowid);
        insertVersion(db, id, 1, fields, at, userId);
        return 'new';
      }
      if (old.status === 'retired') return { field: 'name', reason: '该事项已废止，不能通过导入修改' };
      const target = old.status === 'draft' ? old.current_version : old.pending;
      const before = version.get(old.id, target ?? old.current_version) as ItemFieldValues;
      if (!mapped.has('remark')) fields.remark = before.remark;
      if (!mapped.has('level') && !subject.level) fields.level = before.level;
      if (ITEM_COLS.every((c) => same(fields[c], before[c]))) return 'unchanged';
      if (dryRun) return 'updated';
      if (target !== null) {
        editDraft.run(fields.name, fields.basis, fields.subject, fields.level, fields.undertakingUnit, fields.target, fields.content, fields.method, fields.frequency, fields.remark, at, old.id, target);
      } else {
        insertVersion(db, old.id, old.current_version + 1, fields, at, userId);
      }
      touch.run(at, old.id);
      return 'updated';
    },
  };
}
