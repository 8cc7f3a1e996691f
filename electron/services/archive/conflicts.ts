import type { Output, ParsedInput } from '../../../shared/api';
import type { BundleEntityType } from '../../../shared/schemas/bundle';
import { shanghaiDate } from '../../../shared/calendar';
import { requireUser, type HandlerCtx } from '../../api/context';
import { AppError } from '../../errors';
import { writeCaseFileChildren, writeInspectionChildren, writeRow } from './apply';
import { afterImport } from './afterImport';
import { SPECS, tableOf, type Json } from './records';
import { rowHash } from '../audit';

/**
 * Import conflicts, decided one by one by an archivist:
 * - 保留本地 (keep_local): the local record stays and its version moves past the incoming one, so
 *   the next bundle this office sends carries the decision to the other side;
 * - 采用导入 (take_incoming): the incoming record replaces the local one (with its children),
 *   at the incoming version when that is not older, so both offices hold the same record.
 * A conflict about a number taken by another record, a second current document or a changed
 * file can only be kept local: nothing is ever renumbered or overwritten silently.
 */

interface ConflictDbRow {
  id: number;
  entity: string;
  uuid: string;
  reason: string;
  status: 'open' | 'kept_local' | 'took_incoming';
  local_version: number;
  local_record: string;
  incoming_version: number;
  incoming_record: string;
  incoming_sha256: string;
  created_at: string;
  decided_by_name: string | null;
  decided_at: string | null;
}

export function list(ctx: HandlerCtx, input: ParsedInput<'bundles.conflicts'>): Output<'bundles.conflicts'> {
  const rows = ctx.db.prepare(`SELECT * FROM sync_conflicts ${input.status === 'open' ? "WHERE status = 'open'" : ''} ORDER BY status = 'open' DESC, id DESC LIMIT 500`).all() as ConflictDbRow[];
  return rows.map((r) => {
    const incoming = JSON.parse(r.incoming_record) as Json;
    const local = JSON.parse(r.local_record) as Json;
    const spec = SPECS[r.entity as BundleEntityType];
    return {
      id: r.id,
      entity: r.entity,
      uuid: r.uuid,
      label: spec ? spec.label(incoming) : r.entity,
      reason: r.reason,
      status: r.status,
      localVersion: r.local_version,
      incomingVersion: r.incoming_version,
      local,
      incoming: Object.fromEntries(Object.entries(incoming).filter(([k]) => !k.startsWith('_'))),
      createdAt: r.created_at,
      decidedBy: r.decided_by_name,
      decidedAt: r.decided_at,
    };
  });
}

export function resolve(ctx: HandlerCtx, input: ParsedInput<'bundles.resolve'>): Record<string, never> {
  const me = requireUser(ctx);
  const c = ctx.db.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(input.id) as ConflictDbRow | undefined;
  if (!c) throw new AppError('NOT_FOUND', '找不到该冲突');
  if (c.status !== 'open') throw new AppError('CONFLICT', '该冲突已处理');
  const type = c.entity as BundleEntityType;
  const spec = SPECS[type];
  if (!spec) throw new AppError('INVALID_INPUT', '不认识的记录类型');
  const incoming = JSON.parse(c.incoming_record) as Json & { _entries?: Json[]; _takeable?: boolean };
  const row = ctx.db.prepare(`SELECT id, ${spec.table === 'rule_overrides' ? '1 AS version' : 'version'} FROM ${spec.table} WHERE uuid = ?`).get(c.uuid) as { id: number; version: number } | undefined;
  const at = ctx.at.toISOString();
  const sync = (version: number) =>
    ctx.db
      .prepare('INSERT INTO sync_state (entity, uuid, version, content_sha256, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, uuid) DO UPDATE SET version = excluded.version, content_sha256 = excluded.content_sha256, at = excluded.at')
      .run(type, c.uuid, version, c.incoming_sha256, at);
  if (input.decision === 'keep_local') {
    if (row && spec.table !== 'rule_overrides') {
      ctx.db.prepare(`UPDATE ${spec.table} SET version = ? WHERE id = ?`).run(Math.max(row.version, c.incoming_version) + 1, row.id);
      sync(c.incoming_version);
    }
  } else {
    if (!row || incoming._takeable !== true) throw new AppError('CONFLICT', `此冲突（${c.reason}）只能保留本地记录`);
    const version = c.incoming_version >= row.version ? c.incoming_version : row.version + 1;
    const lookup = (t: BundleEntityType, uuid: string): number | null => (ctx.db.prepare(`SELECT id FROM ${tableOf(t)} WHERE uuid = ?`).pluck().get(uuid) as number | undefined) ?? null;
    ctx.db.pragma('defer_foreign_keys = ON');
    writeRow(ctx.db, spec, { ...incoming, version }, 'update', row.id, c.uuid, lookup, { id: me.id });
    if (type === 'inspections') writeInspectionChildren(ctx.db, row.id, incoming, lookup);
    if (type === 'case_files') writeCaseFileChildren(ctx.db, row.id, incoming, incoming._entries ?? [], lookup, { id: me.id });
    afterImport(ctx.db, new Map([[type, [row.id]]]), shanghaiDate(ctx.at));
    sync(c.incoming_version);
  }
  ctx.db.prepare('UPDATE sync_conflicts SET status = ?, decided_by_name = ?, decided_at = ? WHERE id = ?').run(input.decision === 'keep_local' ? 'kept_local' : 'took_incoming', me.displayName, at, c.id);
  ctx.audit({ entity: 'conflict', entityId: c.id, summary: `处理导入冲突（${spec.label(incoming)}：${c.reason}）：${input.decision === 'keep_local' ? '保留本地' : '采用导入版本'}` });
  return {};
}

/** Re-checks every imported audit row against its own hash (the chains are partial: only each row's content is checked). */
export function verifyImportedAudit(ctx: HandlerCtx): Output<'bundles.verifyImportedAudit'> {
  let checked = 0;
  let broken = 0;
  for (const r of ctx.db.prepare('SELECT * FROM imported_audit ORDER BY id').iterate() as IterableIterator<{ seq: number; at: string; user_id: number | null; username: string | null; route: string; entity: string; entity_id: string | null; summary: string; prev_hash: string; hash: string }>) {
    checked++;
    if (rowHash({ id: r.seq, at: r.at, user_id: r.user_id, username: r.username, route: r.route, entity: r.entity, entity_id: r.entity_id, summary: r.summary, prev_hash: r.prev_hash }) !== r.hash) broken++;
  }
  return { checked, broken, message: broken ? `外单位审计日志校验失败：${broken} 条记录的内容与其哈希不符` : `外单位审计日志完整：共 ${checked} 条，逐条哈希校验通过` };
}
