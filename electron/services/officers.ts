import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { CERT_WARN_DAYS, type CertStatus, type OfficerRow, type officerCreateInput, type officerUpdateInput } from '../../shared/schemas/officer';
import type { HandlerCtx } from '../api/context';
import { AppError } from '../errors';

type CreateInput = z.output<typeof officerCreateInput>;
type UpdateInput = z.output<typeof officerUpdateInput>;

const SELECT = `SELECT o.id, o.uuid, o.version, o.agency_id AS agencyId, a.name AS agencyName, o.name, o.post, o.phone, o.cert_no AS certNo,
  o.cert_valid_from AS certValidFrom, o.cert_valid_to AS certValidTo, o.auxiliary_type AS auxiliaryType, o.status
  FROM officers o JOIN agencies a ON a.id = o.agency_id`;

type Raw = Omit<OfficerRow, 'certStatus' | 'certDaysLeft' | 'canInspect'>;

/** The calendar day of `d` on this machine (the office's clock), as YYYY-MM-DD. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Where a certificate stands on `today`: its last day still counts, and one ending within
 * 30 days is flagged so it can be renewed in time (湘政办发〔2025〕5号（三）: valid certificate).
 */
export function certStatus(validFrom: string | null, validTo: string | null, today: string): { status: CertStatus; daysLeft: number | null } {
  if (!validTo) return { status: 'none', daysLeft: null };
  const daysLeft = daysBetween(today, validTo);
  if (validFrom && validFrom > today) return { status: 'notYetValid', daysLeft };
  if (daysLeft < 0) return { status: 'expired', daysLeft };
  return { status: daysLeft <= CERT_WARN_DAYS ? 'expiring' : 'valid', daysLeft };
}

function toRow(r: Raw, today: string): OfficerRow {
  const c = r.auxiliaryType ? { status: 'none' as const, daysLeft: null } : certStatus(r.certValidFrom, r.certValidTo, today);
  return {
    ...r,
    certStatus: c.status,
    certDaysLeft: c.daysLeft,
    canInspect: r.auxiliaryType === null && r.status === 'active' && (c.status === 'valid' || c.status === 'expiring'),
  };
}

export function list(ctx: HandlerCtx, input: { agencyId?: number | undefined; includeDisabled: boolean }): OfficerRow[] {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (input.agencyId !== undefined) {
    conds.push('o.agency_id = ?');
    params.push(input.agencyId);
  }
  if (!input.includeDisabled) conds.push("o.status = 'active'");
  const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  const today = localDay(ctx.at);
  return (ctx.db.prepare(`${SELECT} ${where} ORDER BY a.is_own DESC, o.agency_id, o.auxiliary_type IS NOT NULL, o.id`).all(...params) as Raw[]).map((r) => toRow(r, today));
}

function byId(ctx: HandlerCtx, id: number): OfficerRow {
  const r = ctx.db.prepare(`${SELECT} WHERE o.id = ?`).get(id) as Raw | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的执法人员`);
  return toRow(r, localDay(ctx.at));
}

function check(ctx: HandlerCtx, input: CreateInput, exceptId = 0): void {
  if (!ctx.db.prepare('SELECT 1 FROM agencies WHERE id = ?').get(input.agencyId)) {
    throw new AppError('NOT_FOUND', '所选检查主体不存在', 'agencyId');
  }
  if (input.certNo) {
    const other = ctx.db.prepare('SELECT name FROM officers WHERE cert_no = ? AND id <> ?').get(input.certNo, exceptId) as { name: string } | undefined;
    if (other) throw new AppError('CONFLICT', `执法证号 ${input.certNo} 已登记在“${other.name}”名下`, 'certNo');
  }
}

function describe(input: CreateInput): string {
  return input.auxiliaryType ? `${input.name}（${input.auxiliaryType}，不得参加检查）` : `${input.name}（执法证号 ${input.certNo ?? ''}）`;
}

export function create(ctx: HandlerCtx, input: CreateInput): OfficerRow {
  check(ctx, input);
  const at = ctx.at.toISOString();
  const info = ctx.db
    .prepare(
      `INSERT INTO officers (uuid, agency_id, name, post, phone, cert_no, cert_valid_from, cert_valid_to, kind, auxiliary_type, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(uuidv7(), input.agencyId, input.name, input.post, input.phone, input.certNo, input.certValidFrom, input.certValidTo, input.auxiliaryType ? 'auxiliary' : 'officer', input.auxiliaryType, at, at);
  const id = Number(info.lastInsertRowid);
  ctx.audit({ entity: 'officer', entityId: id, summary: `新增执法人员 ${describe(input)}` });
  return byId(ctx, id);
}

export function update(ctx: HandlerCtx, input: UpdateInput): OfficerRow {
  const before = byId(ctx, input.id);
  if (before.version !== input.version) throw new AppError('CONFLICT', `“${before.name}”的信息已被他人修改（当前为第 ${before.version} 版），请重新打开后再修改`);
  check(ctx, input, input.id);
  const r = ctx.db
    .prepare(
      `UPDATE officers SET agency_id = ?, name = ?, post = ?, phone = ?, cert_no = ?, cert_valid_from = ?, cert_valid_to = ?, kind = ?, auxiliary_type = ?,
         version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
    )
    .run(input.agencyId, input.name, input.post, input.phone, input.certNo, input.certValidFrom, input.certValidTo, input.auxiliaryType ? 'auxiliary' : 'officer', input.auxiliaryType, ctx.at.toISOString(), input.id, input.version);
  if (r.changes !== 1) throw new AppError('CONFLICT', '该执法人员的信息刚被他人修改，请重新打开后再修改');
  ctx.audit({ entity: 'officer', entityId: input.id, summary: `修改执法人员 ${describe(input)}` });
  return byId(ctx, input.id);
}

export function setStatus(ctx: HandlerCtx, input: { id: number; status: 'active' | 'disabled' }): OfficerRow {
  const before = byId(ctx, input.id);
  if (before.status !== input.status) {
    ctx.db.prepare('UPDATE officers SET status = ?, version = version + 1, updated_at = ? WHERE id = ?').run(input.status, ctx.at.toISOString(), input.id);
  }
  ctx.audit({ entity: 'officer', entityId: input.id, summary: `${input.status === 'active' ? '恢复在岗' : '停用'}执法人员 ${before.name}` });
  return byId(ctx, input.id);
}
