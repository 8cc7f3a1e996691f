import fs from 'node:fs';
import type { Input, ParsedInput } from '../../shared/api';
import { importPreviewSchema, type ImportPreview } from '../../shared/api/exchange';
import { IMPORT_KIND_LABELS } from '../../shared/schemas/importFields';
import type { HandlerCtx } from '../api/context';
import { requireUser } from '../api/context';
import { AppError } from '../errors';
import { checkMapping } from '../import/mapping';

/**
 * Routes of import and export. Each starts a background job (reading a workbook is asynchronous
 * and takes seconds at 80,000 rows; the main process must not wait on it) or reads back what
 * one produced. The jobs are in electron/jobs/tasks/exchange.ts.
 */

/** A preview is a small JSON; anything much bigger is not one of ours. */
const MAX_PREVIEW_BYTES = 8 * 1024 * 1024;

export function startPreview(ctx: HandlerCtx, input: ParsedInput<'imports.preview'>): { jobId: string } {
  const me = requireUser(ctx);
  const upload = ctx.transfers.upload(input.uploadId);
  if (input.mapping) checkMapping(input.kind, input.mapping, null);
  const job = ctx.jobs.start(
    'import.preview',
    `预览导入文件（${IMPORT_KIND_LABELS[input.kind]}）`,
    { uploadId: upload.uploadId, kind: input.kind, mapping: input.mapping ?? null, scan: input.scan },
    { userId: me.id, username: me.username },
  );
  return { jobId: job.id };
}

export function previewResult(ctx: HandlerCtx, input: ParsedInput<'imports.previewResult'>): ImportPreview {
  const gone = new AppError('NOT_FOUND', '找不到预览结果（可能已过期），请重新预览');
  let file: { path: string; bytes: number };
  try {
    file = ctx.transfers.download(input.previewId);
  } catch {
    throw gone;
  }
  if (file.bytes > MAX_PREVIEW_BYTES) throw gone;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file.path, 'utf8'));
  } catch {
    throw gone;
  }
  const r = importPreviewSchema.safeParse(parsed);
  if (!r.success) throw gone;
  return r.data;
}

export function startImport(ctx: HandlerCtx, input: ParsedInput<'imports.start'>): { jobId: string } {
  const me = requireUser(ctx);
  const upload = ctx.transfers.upload(input.uploadId);
  const missing = checkMapping(input.kind, input.mapping, null);
  if (missing.length > 0) throw new AppError('INVALID_INPUT', `以下必填字段还没有对应到文件中的列：${missing.join('、')}`, 'mapping');
  const label = IMPORT_KIND_LABELS[input.kind];
  const job = ctx.jobs.start(
    'import.run',
    `导入${label}`,
    { uploadId: upload.uploadId, kind: input.kind, mapping: input.mapping, mode: input.mode, expectedRows: input.expectedRows ?? 0, userId: me.id, username: me.username },
    { userId: me.id, username: me.username },
  );
  const how = input.mode === 'validOnly' ? '仅导入有效行' : '有错误则全部不导入';
  ctx.audit({ entity: 'job', entityId: job.id, summary: `开始导入${label}（文件 ${upload.name}，${how}）` });
  return { jobId: job.id };
}

export function startEnterpriseExport(ctx: HandlerCtx, input: ParsedInput<'exports.enterprises'>): { jobId: string } {
  const me = requireUser(ctx);
  const filters: Input<'exports.enterprises'> = input;
  const job = ctx.jobs.start('export.enterprises', '导出经营主体名录', { filters }, { userId: me.id, username: me.username });
  ctx.audit({ entity: 'job', entityId: job.id, summary: `开始导出经营主体名录${describeFilters(input)}` });
  return { jobId: job.id };
}

function describeFilters(f: ParsedInput<'exports.enterprises'>): string {
  const parts: string[] = [];
  if (f.q) parts.push(`搜索“${f.q}”`);
  if (f.kind) parts.push(f.kind);
  if (f.grade) parts.push(`${f.grade}色`);
  if (f.whitelist !== undefined) parts.push(f.whitelist ? '白名单' : '非白名单');
  if (f.keySupervision !== undefined) parts.push(f.keySupervision ? '重点监管' : '非重点监管');
  if (f.park) parts.push(f.park);
  return parts.length ? `（${parts.join('，')}）` : '（全部）';
}
