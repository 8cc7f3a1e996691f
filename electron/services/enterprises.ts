import type { Statement } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { EnterpriseRecord, enterpriseCreateInput, enterpriseUpdateInput } from '../../shared/schemas/enterprise';
import { checkCreditCode } from '../../shared/validation/creditCode';
import type { HandlerCtx } from '../api/context';
import type { Db } from '../db/database';
import { AppError } from '../errors';
import { syncSearch, type NameKeys } from './enterpriseIndex';
import { searchEnterprises, type SearchInput, type SearchOutput } from './enterpriseSearch';

type CreateInput = z.output<typeof enterpriseCreateInput>;
type UpdateInput = z.output<typeof enterpriseUpdateInput>;
/** The fields an enterprise is made of (what create takes; import uses the same). */
export type EnterpriseFields = CreateInput;

/** An enterprise's row as stored: the columns its record is read from (the import and the export read them too). */
export interface EnterpriseRow {
  id: number;
  credit_code: string;
  name: string;
  kind: EnterpriseRecord['kind'];
  address: string;
  legal_rep: string | null;
  phone: string | null;
  industry: string | null;
  park: string | null;
  grade: EnterpriseRecord['grade'];
  whitelist: number;
  whitelist_date: string | null;
  whitelist_reason: string | null;
  key_supervision: number;
  key_supervision_date: string | null;
  key_supervision_reason: string | null;
}

interface Rec extends EnterpriseRow {
  uuid: string;
  version: number;
  name_initials: string | null;
  created_at: string;
  updated_at: string;
}

function toRecord(r: Rec): EnterpriseRecord {
  return {
    id: r.id,
    uuid: r.uuid,
    version: r.version,
    creditCode: r.credit_code,
    name: r.name,
    kind: r.kind,
    address: r.address,
    legalRep: r.legal_rep,
    phone: r.phone,
    industry: r.industry,
    park: r.park,
    grade: r.grade,
    whitelist: r.whitelist === 1,
    whitelistDate: r.whitelist_date,
    whitelistReason: r.whitelist_reason,
    keySupervision: r.key_supervision === 1,
    keySupervisionDate: r.key_supervision_date,
    keySupervisionReason: r.key_supervision_reason,
    nameInitials: r.name_initials,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function byId(db: Db, id: number): Rec {
  const r = db.prepare('SELECT * FROM enterprises WHERE id = ?').get(id) as Rec | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的经营主体`);
  return r;
}

/** The flags keep their date and reason only while set. */
function flagValues(f: EnterpriseFields): unknown[] {
  return [
    f.whitelist ? 1 : 0,
    f.whitelist ? f.whitelistDate : null,
    f.whitelist ? f.whitelistReason : null,
    f.keySupervision ? 1 : 0,
    f.keySupervision ? f.keySupervisionDate : null,
    f.keySupervision ? f.keySupervisionReason : null,
  ];
}

function duplicate(db: Db, creditCode: string, exceptId?: number): AppError | null {
  const other = db.prepare('SELECT id, name FROM enterprises WHERE credit_code = ?').get(creditCode) as { id: number; name: string } | undefined;
  if (!other || other.id === exceptId) return null;
  return new AppError('CONFLICT', `统一社会信用代码 ${creditCode} 已登记为“${other.name}”（编号 ${other.id}），请打开已有主体修改，不要重复登记`, 'creditCode');
}

// Prepared once per connection: an import calls insertEnterprise for every row.
const inserts = new WeakMap<Db, Statement>();

/**
 * Inserts one enterprise and, unless `deferIndex`, its search data (pinyin key, initials, rank,
 * both full-text rows) in the caller's transaction; checks nothing but the database
 * constraints. Bulk loaders pass `deferIndex` and call `reindexMissing` once at the end, and
 * may pass the name's `keys` when they computed them already (the import's reading thread), so
 * the bulk indexing need not.
 */
export function insertEnterprise(db: Db, f: EnterpriseFields, at: string, opts: { deferIndex?: boolean; keys?: NameKeys } = {}): number {
  let insert = inserts.get(db);
  if (!insert) {
    insert = db.prepare(
      `INSERT INTO enterprises (uuid, credit_code, name, kind, address, legal_rep, phone, industry, park, grade,
         whitelist, whitelist_date, whitelist_reason, key_supervision, key_supervision_date, key_supervision_reason,
         name_pinyin, name_initials, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    inserts.set(db, insert);
  }
  const k = opts.keys ?? null;
  const info = insert.run(uuidv7(), f.creditCode, f.name, f.kind, f.address, f.legalRep, f.phone, f.industry, f.park, f.grade, ...flagValues(f), k?.pinyin ?? null, k?.initials ?? null, at, at);
  const id = Number(info.lastInsertRowid);
  if (!opts.deferIndex) syncSearch(db, id);
  return id;
}

export function search(ctx: HandlerCtx, input: SearchInput): SearchOutput {
  return searchEnterprises(ctx.db, input);
}

export function get(ctx: HandlerCtx, id: number): EnterpriseRecord {
  return toRecord(byId(ctx.db, id));
}

/** The enterprise already registered under a code, so the form can open it instead of duplicating it. */
export function findByCode(ctx: HandlerCtx, raw: string): { id: number; name: string; creditCode: string } | null {
  const check = checkCreditCode(raw);
  const r = ctx.db.prepare('SELECT id, name, credit_code AS creditCode FROM enterprises WHERE credit_code = ?').get(check.code) as
    | { id: number; name: string; creditCode: string }
    | undefined;
  return r ?? null;
}

export function create(ctx: HandlerCtx, input: CreateInput): EnterpriseRecord {
  const dup = duplicate(ctx.db, input.creditCode);
  if (dup) throw dup;
  const id = insertEnterprise(ctx.db, input, ctx.at.toISOString());
  ctx.audit({ entity: 'enterprise', entityId: id, summary: `新增经营主体“${input.name}”（${input.creditCode}）` });
  return get(ctx, id);
}

/** Saves an edit made on `input.version`; someone else's save in between is a conflict, not an overwrite. */
export function update(ctx: HandlerCtx, input: UpdateInput): EnterpriseRecord {
  const before = byId(ctx.db, input.id);
  if (before.version !== input.version) {
    throw new AppError('CONFLICT', `“${before.name}”已被他人修改（您编辑的是第 ${input.version} 版，当前为第 ${before.version} 版），请重新打开后再修改`);
  }
  const dup = duplicate(ctx.db, input.creditCode, input.id);
  if (dup) throw dup;
  const at = ctx.at.toISOString();
  const changed = ctx.db
    .prepare(
      `UPDATE enterprises SET credit_code = ?, name = ?, kind = ?, address = ?, legal_rep = ?, phone = ?, industry = ?, park = ?, grade = ?,
         whitelist = ?, whitelist_date = ?, whitelist_reason = ?, key_supervision = ?, key_supervision_date = ?, key_supervision_reason = ?,
         version = version + 1, updated_at = ?
       WHERE id = ? AND version = ?`,
    )
    .run(input.creditCode, input.name, input.kind, input.address, input.legalRep, input.phone, input.industry, input.park, input.grade, ...flagValues(input), at, input.id, input.version);
  if (changed.changes !== 1) throw new AppError('CONFLICT', '该经营主体刚被他人修改，请重新打开后再修改');
  // A new name, address or code cleared the search data (trigger); place the row again.
  syncSearch(ctx.db, input.id);
  const what = describeChanges(before, input);
  ctx.audit({ entity: 'enterprise', entityId: input.id, summary: `修改经营主体“${input.name}”${what ? `：${what}` : ''}` });
  return get(ctx, input.id);
}

const LABELS: [keyof Rec, keyof UpdateInput, string][] = [
  ['credit_code', 'creditCode', '信用代码'],
  ['name', 'name', '名称'],
  ['kind', 'kind', '类型'],
  ['address', 'address', '住所'],
  ['legal_rep', 'legalRep', '法定代表人'],
  ['phone', 'phone', '电话'],
  ['industry', 'industry', '行业'],
  ['park', 'park', '园区'],
  ['grade', 'grade', '等级'],
];

/** A short list of what changed, for the audit log. */
function describeChanges(before: Rec, after: UpdateInput): string {
  const parts: string[] = [];
  for (const [col, key, label] of LABELS) {
    if ((before[col] ?? null) !== (after[key] ?? null)) parts.push(`${label} ${String(before[col] ?? '空')} → ${String(after[key] ?? '空')}`);
  }
  if ((before.whitelist === 1) !== after.whitelist) parts.push(after.whitelist ? '列入白名单' : '移出白名单');
  if ((before.key_supervision === 1) !== after.keySupervision) parts.push(after.keySupervision ? '列入重点监管' : '移出重点监管');
  return parts.join('；');
}
