import fs from 'node:fs';
import type { Output, ParsedInput } from '../../../shared/api';
import { importReportSchema, type ImportReport } from '../../../shared/api/archive';
import { requireUser, type HandlerCtx } from '../../api/context';
import { AppError } from '../../errors';
import { checkWritableFolder, outsideDataDir, requireAbsolute } from './paths';
import { readSchedule, writeSchedule } from './settings';

/**
 * Routes that start the archive's background jobs (electron/jobs/tasks/{fixity,archiveBackup,
 * bundleExport,bundleImport}.ts) after the checks that can be made at once — a folder that does
 * not exist or cannot be written is refused here, before any job starts — and read back what
 * the jobs left (the import report).
 */

function by(ctx: HandlerCtx) {
  const me = requireUser(ctx);
  return { userId: me.id, username: me.username };
}

export function startFixity(ctx: HandlerCtx): { jobId: string } {
  const me = requireUser(ctx);
  const job = ctx.jobs.start('archive.fixity', '档案文件校验', { startedBy: me.displayName }, by(ctx));
  ctx.audit({ entity: 'job', entityId: job.id, summary: '开始档案文件校验（重新计算每个档案文件的哈希）' });
  return { jobId: job.id };
}

export function startBackup(ctx: HandlerCtx, input: ParsedInput<'archiveBackups.start'>): { jobId: string } {
  const dir = checkWritableFolder(input.targetDir);
  outsideDataDir(dir, ctx.dataDir);
  const job = ctx.jobs.start('archive.backup', '整库备份', { targetDir: dir, keep: 0, auto: false, appVersion: ctx.appVersion }, by(ctx));
  ctx.audit({ entity: 'job', entityId: job.id, summary: `开始整库备份到 ${dir}` });
  return { jobId: job.id };
}

export function startVerify(ctx: HandlerCtx, input: ParsedInput<'archiveBackups.verify'>): { jobId: string } {
  const dir = requireAbsolute(input.path, '备份文件夹');
  if (!fs.existsSync(dir)) throw new AppError('INVALID_INPUT', `备份文件夹不存在：${dir}`, 'path');
  const job = ctx.jobs.start('archive.verifyBackup', '校验整库备份', { path: dir }, by(ctx));
  ctx.audit({ entity: 'job', entityId: job.id, summary: `开始校验整库备份 ${dir}` });
  return { jobId: job.id };
}

export function startRestore(ctx: HandlerCtx, input: ParsedInput<'archiveBackups.restore'>): { jobId: string } {
  const from = requireAbsolute(input.path, '备份文件夹');
  const to = requireAbsolute(input.targetDir, '新数据目录');
  if (!fs.existsSync(from)) throw new AppError('INVALID_INPUT', `备份文件夹不存在：${from}`, 'path');
  outsideDataDir(to, ctx.dataDir, '新数据目录');
  const job = ctx.jobs.start('archive.restore', '恢复整库备份', { path: from, targetDir: to, currentDataDir: ctx.dataDir }, by(ctx));
  ctx.audit({ entity: 'job', entityId: job.id, summary: `开始把整库备份 ${from} 恢复到新数据目录 ${to}` });
  return { jobId: job.id };
}

export function getSchedule(ctx: HandlerCtx): Output<'archiveBackups.getSchedule'> {
  return readSchedule(ctx.db);
}

export function setSchedule(ctx: HandlerCtx, input: ParsedInput<'archiveBackups.setSchedule'>): Record<string, never> {
  if (input.enabled) {
    const dir = checkWritableFolder(input.targetDir);
    outsideDataDir(dir, ctx.dataDir);
    input = { ...input, targetDir: dir };
  }
  writeSchedule(ctx.db, input);
  ctx.audit({ entity: 'settings', entityId: 'archive.backupSchedule', summary: input.enabled ? `自动整库备份：每 ${input.everyHours} 小时一次，保存到 ${input.targetDir}，保留最近 ${input.keep} 份` : '关闭自动整库备份' });
  return {};
}

export function startExport(ctx: HandlerCtx, input: ParsedInput<'bundles.export'>): { jobId: string } {
  if (input.agencyId && !ctx.db.prepare('SELECT 1 FROM agencies WHERE id = ?').get(input.agencyId)) throw new AppError('NOT_FOUND', '找不到所选检查主体', 'agencyId');
  const what = input.caseFileIds?.length ? `${input.caseFileIds.length} 个案卷` : `${input.from ?? '最早'} 至 ${input.to ?? '今天'}${input.agencyId ? '（指定检查主体）' : ''}`;
  const job = ctx.jobs.start('bundle.export', '导出数据包', { selection: input, appVersion: ctx.appVersion }, by(ctx));
  ctx.audit({ entity: 'job', entityId: job.id, summary: `开始导出数据包：${what}` });
  return { jobId: job.id };
}

function uploaded(ctx: HandlerCtx, uploadId: string) {
  const up = ctx.transfers.upload(uploadId);
  if (!/\.zip$/iu.test(up.name)) throw new AppError('INVALID_INPUT', `“${up.name}”不是数据包（.zip 文件）`, 'uploadId');
  return up;
}

export function startCheck(ctx: HandlerCtx, input: ParsedInput<'bundles.check'>): { jobId: string } {
  const me = requireUser(ctx);
  const up = uploaded(ctx, input.uploadId);
  return { jobId: ctx.jobs.start('bundle.check', `校验数据包“${up.name}”`, { uploadId: up.uploadId, dryRun: true, userId: me.id, username: me.username, displayName: me.displayName }, by(ctx)).id };
}

export function startImport(ctx: HandlerCtx, input: ParsedInput<'bundles.import'>): { jobId: string } {
  const me = requireUser(ctx);
  const up = uploaded(ctx, input.uploadId);
  const job = ctx.jobs.start('bundle.import', `导入数据包“${up.name}”`, { uploadId: up.uploadId, dryRun: false, userId: me.id, username: me.username, displayName: me.displayName }, by(ctx));
  ctx.audit({ entity: 'job', entityId: job.id, summary: `开始导入数据包 ${up.name}（${up.bytes} 字节）` });
  return { jobId: job.id };
}

export function report(ctx: HandlerCtx, input: ParsedInput<'bundles.report'>): ImportReport {
  const gone = new AppError('NOT_FOUND', '找不到该报告（可能已过期），请重新校验或导入');
  let parsed: unknown;
  try {
    const f = ctx.transfers.download(input.reportId);
    if (f.bytes > 32 * 1024 * 1024) throw gone;
    parsed = JSON.parse(fs.readFileSync(f.path, 'utf8'));
  } catch {
    throw gone;
  }
  const r = importReportSchema.safeParse(parsed);
  if (!r.success) throw gone;
  return r.data;
}

export function history(ctx: HandlerCtx): Output<'bundles.history'> {
  return ctx.db
    .prepare(
      `SELECT id, file_name AS fileName, office_name AS office, exported_at AS exportedAt, imported_at AS importedAt, imported_by_name AS importedBy,
              added, updated, skipped, conflicts, files_added AS filesAdded, audit_added AS auditAdded
       FROM bundle_imports ORDER BY id DESC LIMIT 200`,
    )
    .all() as Output<'bundles.history'>;
}
