import fs from 'node:fs';
import path from 'node:path';
import type { Output } from '../../shared/api';
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
