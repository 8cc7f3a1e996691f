import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import type { AuditRow } from '../../shared/api';

export interface AuditEntry {
  entity: string;
  entityId?: string | number | null;
  summary: string;
}

export interface AuditActor {
  userId: number | null;
  username: string | null;
}

const GENESIS = '0'.repeat(64);

interface StoredRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  route: string;
  entity: string;
  entity_id: string | null;
  summary: string;
  prev_hash: string;
  hash: string;
}

/** The hash covers every column of the row and the previous row's hash, so any edit breaks the chain. */
export function rowHash(r: Omit<StoredRow, 'hash'>): string {
  const canonical = JSON.stringify([r.id, r.at, r.user_id, r.username, r.route, r.entity, r.entity_id, r.summary, r.prev_hash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Appends one row; call inside the transaction of the action it records. */
export function appendAudit(db: Db, actor: AuditActor, route: string, entry: AuditEntry, at: Date): void {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    | { id: number; hash: string }
    | undefined;
  const row = {
    id: (last?.id ?? 0) + 1,
    at: at.toISOString(),
    user_id: actor.userId,
    username: actor.username,
    route,
    entity: entry.entity,
    entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    summary: entry.summary,
    prev_hash: last?.hash ?? GENESIS,
  };
  db.prepare(
    `INSERT INTO audit_log (id, at, user_id, username, route, entity, entity_id, summary, prev_hash, hash)
     VALUES (@id, @at, @user_id, @username, @route, @entity, @entity_id, @summary, @prev_hash, @hash)`,
  ).run({ ...row, hash: rowHash(row) });
}

export function listAudit(db: Db, beforeId: number | undefined, limit: number): { rows: AuditRow[]; total: number } {
  const rows = db
    .prepare(
      `SELECT id, at, username, route, entity, entity_id AS entityId, summary FROM audit_log
       WHERE id < ? ORDER BY id DESC LIMIT ?`,
    )
    .all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[];
  const total = (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  return { rows, total };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  message: string;
}

/** Walks the whole chain in id order and reports the first row whose link or content does not hold. */
export function verifyAudit(db: Db): VerifyResult {
  let prev = GENESIS;
  let expectedId = 1;
  let checked = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<StoredRow>) {
    checked++;
    if (r.id !== expectedId) {
      return broken(checked, expectedId, `第 ${expectedId} 条记录缺失（日志被删除或插入）`);
    }
    if (r.prev_hash !== prev) {
      return broken(checked, r.id, `第 ${r.id} 条记录与前一条不衔接（前一条被修改或删除）`);
    }
    if (rowHash(r) !== r.hash) {
      return broken(checked, r.id, `第 ${r.id} 条记录的内容与其哈希不符（记录被修改）`);
    }
    prev = r.hash;
    expectedId++;
  }
  return { ok: true, checked, firstBrokenId: null, message: `审计日志完整：共 ${checked} 条，哈希链校验通过` };
}

function broken(checked: number, id: number, message: string): VerifyResult {
  return { ok: false, checked, firstBrokenId: id, message: `审计日志校验失败：${message}` };
}
