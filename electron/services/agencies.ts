import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { AgencyRow, agencyCreateInput, agencyUpdateInput } from '../../shared/schemas/agency';
import type { HandlerCtx } from '../api/context';
import { AppError } from '../errors';

type CreateInput = z.output<typeof agencyCreateInput>;
type UpdateInput = z.output<typeof agencyUpdateInput>;

const SELECT = `SELECT a.id, a.uuid, a.version, a.name, a.short_name AS shortName, a.level, a.credit_code AS creditCode, a.head, a.phone,
  a.complaint_channel AS complaintChannel, a.is_own AS isOwn, a.updated_at AS updatedAt,
  (SELECT COUNT(*) FROM officers o WHERE o.agency_id = a.id) AS officerCount
  FROM agencies a`;

type Raw = Omit<AgencyRow, 'isOwn'> & { isOwn: number };
const toRow = (r: Raw): AgencyRow => ({ ...r, isOwn: r.isOwn === 1 });

/** The own agency first, then the others in the order they were added. */
export function list(ctx: HandlerCtx): AgencyRow[] {
  return (ctx.db.prepare(`${SELECT} ORDER BY a.is_own DESC, a.id`).all() as Raw[]).map(toRow);
}

function byId(ctx: HandlerCtx, id: number): AgencyRow {
  const r = ctx.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Raw | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的检查主体`);
  return toRow(r);
}

/** Names and credit codes are unique; say which agency already has one. */
function checkUnique(ctx: HandlerCtx, input: CreateInput, exceptId = 0): void {
  const byName = ctx.db.prepare('SELECT id FROM agencies WHERE name = ? AND id <> ?').get(input.name, exceptId);
  if (byName) throw new AppError('CONFLICT', `已有名为“${input.name}”的检查主体`, 'name');
  if (input.creditCode) {
    const other = ctx.db.prepare('SELECT name FROM agencies WHERE credit_code = ? AND id <> ?').get(input.creditCode, exceptId) as { name: string } | undefined;
    if (other) throw new AppError('CONFLICT', `统一社会信用代码 ${input.creditCode} 已属于“${other.name}”`, 'creditCode');
  }
}

export function create(ctx: HandlerCtx, input: CreateInput): AgencyRow {
  checkUnique(ctx, input);
  const at = ctx.at.toISOString();
  const info = ctx.db
    .prepare(
      `INSERT INTO agencies (uuid, name, short_name, level, credit_code, head, phone, complaint_channel, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(uuidv7(), input.name, input.shortName, input.level, input.creditCode, input.head, input.phone, input.complaintChannel, at, at);
  const id = Number(info.lastInsertRowid);
  ctx.audit({ entity: 'agency', entityId: id, summary: `新增检查主体“${input.name}”（${input.level}级）` });
  return byId(ctx, id);
}

export function update(ctx: HandlerCtx, input: UpdateInput): AgencyRow {
  const before = byId(ctx, input.id);
  if (before.version !== input.version) {
    throw new AppError('CONFLICT', `“${before.name}”已被他人修改（当前为第 ${before.version} 版），请重新打开后再修改`);
  }
  checkUnique(ctx, input, input.id);
  const r = ctx.db
    .prepare(
      `UPDATE agencies SET name = ?, short_name = ?, level = ?, credit_code = ?, head = ?, phone = ?, complaint_channel = ?,
         version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
    )
    .run(input.name, input.shortName, input.level, input.creditCode, input.head, input.phone, input.complaintChannel, ctx.at.toISOString(), input.id, input.version);
  if (r.changes !== 1) throw new AppError('CONFLICT', '该检查主体刚被他人修改，请重新打开后再修改');
  const renamed = before.name !== input.name ? `（原名“${before.name}”）` : '';
  ctx.audit({ entity: 'agency', entityId: input.id, summary: `修改检查主体“${input.name}”${renamed}` });
  return byId(ctx, input.id);
}
