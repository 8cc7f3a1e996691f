import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { ItemDetail, ItemFieldValues, ItemRow, ItemStatus, ItemVersionRow, itemCreateInput, itemUpdateInput } from '../../shared/schemas/item';
import type { HandlerCtx } from '../api/context';
import { requireUser } from '../api/context';
import type { Db } from '../db/database';
import { AppError } from '../errors';

/**
 * The inspection item list. Life of an item: draft → published → retired. A draft is edited in
 * place; editing a published item prepares its next version as a draft, which a head publishes
 * (the version in force stays in force until then). Published versions are frozen by trigger.
 */
type CreateInput = z.output<typeof itemCreateInput>;
type UpdateInput = z.output<typeof itemUpdateInput>;

const FIELD_COLS = `v.name, v.basis, v.subject, v.level, v.undertaking_unit AS undertakingUnit, v.target, v.content, v.method, v.frequency, v.remark`;
const SELECT = `SELECT i.id, i.uuid, i.version, i.agency_id AS agencyId, a.name AS agencyName, i.code, i.status, i.current_version AS currentVersion,
  (SELECT max(p.version) FROM item_versions p WHERE p.item_id = i.id AND p.version > i.current_version AND p.published_at IS NULL) AS pendingVersion,
  v.published_at AS publishedAt, i.retired_at AS retiredAt, i.retire_reason AS retireReason, i.updated_at AS updatedAt, ${FIELD_COLS}
  FROM items i JOIN agencies a ON a.id = i.agency_id JOIN item_versions v ON v.item_id = i.id AND v.version = i.current_version`;

export function list(ctx: HandlerCtx, input: { agencyId?: number | undefined; status?: ItemStatus | undefined }): ItemRow[] {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (input.agencyId !== undefined) {
    conds.push('i.agency_id = ?');
    params.push(input.agencyId);
  }
  if (input.status) {
    conds.push('i.status = ?');
    params.push(input.status);
  }
  const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  return ctx.db.prepare(`${SELECT} ${where} ORDER BY a.is_own DESC, i.agency_id, i.code, i.id`).all(...params) as ItemRow[];
}

function row(db: Db, id: number): ItemRow {
  const r = db.prepare(`${SELECT} WHERE i.id = ?`).get(id) as ItemRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的检查事项`);
  return r;
}

export function get(ctx: HandlerCtx, id: number): ItemDetail {
  const item = row(ctx.db, id);
  const versions = ctx.db
    .prepare(
      `SELECT v.version, ${FIELD_COLS}, v.published_at AS publishedAt, pu.display_name AS publishedBy, cu.display_name AS createdBy,
         v.created_at AS createdAt, v.updated_at AS updatedAt
       FROM item_versions v LEFT JOIN users pu ON pu.id = v.published_by LEFT JOIN users cu ON cu.id = v.created_by
       WHERE v.item_id = ? ORDER BY v.version DESC`,
    )
    .all(id) as ItemVersionRow[];
  return { ...item, versions };
}

function fieldParams(f: ItemFieldValues): unknown[] {
  return [f.name, f.basis, f.subject, f.level, f.undertakingUnit, f.target, f.content, f.method, f.frequency, f.remark];
}

/** Inserts a version row; the demo loader uses it too (with no user). */
export function insertVersion(db: Db, itemId: number, version: number, f: ItemFieldValues, at: string, userId: number | null, publishedAt: string | null = null): void {
  db.prepare(
    `INSERT INTO item_versions (uuid, item_id, version, name, basis, subject, level, undertaking_unit, target, content, method, frequency, remark,
       published_at, published_by, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(uuidv7(), itemId, version, ...fieldParams(f), publishedAt, publishedAt ? userId : null, userId, at, at);
}

/** The next free number in an agency's list: 001, 002, … */
function nextCode(db: Db, agencyId: number): string {
  const codes = db.prepare('SELECT code FROM items WHERE agency_id = ?').pluck().all(agencyId) as string[];
  const taken = new Set(codes);
  let n = codes.filter((c) => /^\d+$/u.test(c)).reduce((m, c) => Math.max(m, Number(c)), 0) + 1;
  while (taken.has(String(n).padStart(3, '0'))) n++;
  return String(n).padStart(3, '0');
}

export function create(ctx: HandlerCtx, input: CreateInput): ItemDetail {
  const me = requireUser(ctx);
  const agency = ctx.db.prepare('SELECT name FROM agencies WHERE id = ?').get(input.agencyId) as { name: string } | undefined;
  if (!agency) throw new AppError('NOT_FOUND', '所选检查主体不存在', 'agencyId');
  const code = input.code ?? nextCode(ctx.db, input.agencyId);
  if (ctx.db.prepare('SELECT 1 FROM items WHERE agency_id = ? AND code = ?').get(input.agencyId, code)) {
    throw new AppError('CONFLICT', `“${agency.name}”的清单中已有编号为 ${code} 的事项`, 'code');
  }
  const at = ctx.at.toISOString();
  const info = ctx.db
    .prepare(`INSERT INTO items (uuid, agency_id, code, status, current_version, created_at, updated_at) VALUES (?, ?, ?, 'draft', 1, ?, ?)`)
    .run(uuidv7(), input.agencyId, code, at, at);
  const id = Number(info.lastInsertRowid);
  insertVersion(ctx.db, id, 1, input, at, me.id);
  ctx.audit({ entity: 'item', entityId: id, summary: `新增检查事项（草稿）${code}“${input.name}”` });
  return get(ctx, id);
}

/** The item as the client last read it; a different record version means someone else saved first. */
function current(ctx: HandlerCtx, id: number, version: number): ItemRow {
  const item = row(ctx.db, id);
  if (item.version !== version) throw new AppError('CONFLICT', `事项“${item.name}”已被他人修改，请重新打开后再操作`);
  return item;
}

function touch(ctx: HandlerCtx, item: ItemRow, set: string, params: unknown[]): void {
  const r = ctx.db
    .prepare(`UPDATE items SET ${set}${set ? ', ' : ''}version = version + 1, updated_at = ? WHERE id = ? AND version = ?`)
    .run(...params, ctx.at.toISOString(), item.id, item.version);
  if (r.changes !== 1) throw new AppError('CONFLICT', `事项“${item.name}”刚被他人修改，请重新打开后再操作`);
}

export function update(ctx: HandlerCtx, input: UpdateInput): ItemDetail {
  const me = requireUser(ctx);
  const item = current(ctx, input.id, input.version);
  if (item.status === 'retired') throw new AppError('CONFLICT', `事项“${item.name}”已废止，不能再修改`);
  const at = ctx.at.toISOString();
  // A draft item edits its draft; a published one edits (or starts) the draft of its next version.
  const target = item.status === 'draft' ? item.currentVersion : (item.pendingVersion ?? null);
  if (target !== null) {
    ctx.db
      .prepare(
        `UPDATE item_versions SET name = ?, basis = ?, subject = ?, level = ?, undertaking_unit = ?, target = ?, content = ?, method = ?, frequency = ?,
           remark = ?, updated_at = ? WHERE item_id = ? AND version = ? AND published_at IS NULL`,
      )
      .run(...fieldParams(input), at, item.id, target);
  } else {
    insertVersion(ctx.db, item.id, item.currentVersion + 1, input, at, me.id);
  }
  touch(ctx, item, '', []);
  const v = target ?? item.currentVersion + 1;
  const what = item.status === 'draft' ? '修改草稿' : `修改第 ${v} 版（待发布）`;
  ctx.audit({ entity: 'item', entityId: item.id, summary: `检查事项 ${item.code}“${input.name}”${what}` });
  return get(ctx, item.id);
}

export function publish(ctx: HandlerCtx, input: { id: number; version: number }): ItemDetail {
  const me = requireUser(ctx);
  const item = current(ctx, input.id, input.version);
  const at = ctx.at.toISOString();
  let v: number;
  if (item.status === 'draft') v = item.currentVersion;
  else if (item.status === 'published' && item.pendingVersion !== null) v = item.pendingVersion;
  else if (item.status === 'published') throw new AppError('CONFLICT', `事项“${item.name}”没有待发布的修改`);
  else throw new AppError('CONFLICT', `事项“${item.name}”已废止，不能发布`);
  ctx.db.prepare('UPDATE item_versions SET published_at = ?, published_by = ?, updated_at = ? WHERE item_id = ? AND version = ?').run(at, me.id, at, item.id, v);
  touch(ctx, item, "status = 'published', current_version = ?", [v]);
  ctx.audit({ entity: 'item', entityId: item.id, summary: `发布检查事项 ${item.code}“${item.name}”第 ${v} 版` });
  return get(ctx, item.id);
}

export function retire(ctx: HandlerCtx, input: { id: number; version: number; reason?: string | undefined }): ItemDetail {
  const me = requireUser(ctx);
  const item = current(ctx, input.id, input.version);
  if (item.status !== 'published') {
    throw new AppError('CONFLICT', item.status === 'draft' ? `事项“${item.name}”尚未发布，无需废止` : `事项“${item.name}”已经废止`);
  }
  const reason = input.reason ? input.reason : null;
  touch(ctx, item, "status = 'retired', retired_at = ?, retired_by = ?, retire_reason = ?", [ctx.at.toISOString(), me.id, reason]);
  ctx.audit({ entity: 'item', entityId: item.id, summary: `废止检查事项 ${item.code}“${item.name}”${reason ? `：${reason}` : ''}` });
  return get(ctx, item.id);
}
