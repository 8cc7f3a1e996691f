import fs from 'node:fs';
import path from 'node:path';
import type { AgencyRow, EnterpriseRow, OfficerRow, Output } from '../../shared/api';
import type { HandlerCtx } from '../api/context';
import { requireUser } from '../api/context';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../db/database';
import { AppError } from '../errors';
import { backupDir } from '../jobs/tasks/backup';
import { userCount } from './users';

function count(ctx: HandlerCtx, table: 'agencies' | 'officers' | 'enterprises'): number {
  return (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function fileSize(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0;
  }
}

export function info(ctx: HandlerCtx): Output<'system.info'> {
  const dir = backupDir(ctx.dataDir);
  let backups: Output<'system.info'>['backups'] = [];
  try {
    backups = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.db'))
      .map((name) => {
        const st = fs.statSync(path.join(dir, name));
        return { name, bytes: st.size, createdAt: st.mtime.toISOString() };
      })
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  } catch {
    // No backup folder yet.
  }
  return {
    appVersion: ctx.appVersion,
    dataDir: ctx.dataDir,
    databasePath: ctx.dbPath,
    databaseBytes: fileSize(ctx.dbPath) + fileSize(`${ctx.dbPath}-wal`),
    schemaVersion: schemaVersion(ctx.db),
    latestSchemaVersion: LATEST_SCHEMA_VERSION,
    mode: ctx.mode,
    counts: { agencies: count(ctx, 'agencies'), officers: count(ctx, 'officers'), enterprises: count(ctx, 'enterprises'), users: userCount(ctx) },
    backups,
  };
}

export function startBackup(ctx: HandlerCtx): { jobId: string } {
  const me = requireUser(ctx);
  const job = ctx.jobs.start('backup', '备份数据库', {}, { userId: me.id, username: me.username });
  ctx.audit({ entity: 'job', entityId: job.id, summary: '开始备份数据库' });
  return { jobId: job.id };
}

export function startDemo(ctx: HandlerCtx, params: Record<string, unknown> = {}): { jobId: string } {
  const me = requireUser(ctx);
  if (count(ctx, 'enterprises') + count(ctx, 'agencies') > 0) {
    throw new AppError('CONFLICT', '档案中已有数据，不能加载演示档案（演示档案只能加载到空档案中）');
  }
  const job = ctx.jobs.start('demo.load', '加载演示档案', params, { userId: me.id, username: me.username });
  ctx.audit({ entity: 'job', entityId: job.id, summary: '开始加载演示档案' });
  return { jobId: job.id };
}

export function listAgencies(ctx: HandlerCtx): AgencyRow[] {
  return ctx.db
    .prepare(
      `SELECT id, name, short_name AS shortName, level, credit_code AS creditCode, head, phone, complaint_channel AS complaintChannel
       FROM agencies ORDER BY is_own DESC, id`,
    )
    .all() as AgencyRow[];
}

export function listOfficers(ctx: HandlerCtx): OfficerRow[] {
  return ctx.db
    .prepare(
      `SELECT o.id, a.name AS agencyName, o.name, o.post, o.phone, o.cert_no AS certNo, o.cert_valid_from AS certValidFrom,
              o.cert_valid_to AS certValidTo, o.kind, o.status
       FROM officers o JOIN agencies a ON a.id = o.agency_id ORDER BY a.is_own DESC, o.agency_id, o.id`,
    )
    .all() as OfficerRow[];
}

export function pageEnterprises(ctx: HandlerCtx, input: { afterId: number; limit: number }): Output<'enterprises.page'> {
  const rows = ctx.db
    .prepare(
      `SELECT id, credit_code AS creditCode, name, kind, address, legal_rep AS legalRep, industry, grade
       FROM enterprises WHERE id > ? ORDER BY id LIMIT ?`,
    )
    .all(input.afterId, input.limit + 1) as EnterpriseRow[];
  const more = rows.length > input.limit;
  if (more) rows.pop();
  return { rows, total: count(ctx, 'enterprises'), nextAfterId: more ? (rows[rows.length - 1]?.id ?? null) : null };
}
