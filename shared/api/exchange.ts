import { z } from 'zod';
import { route } from './route';
import { REGISTRY_WRITERS } from './registry';
import { enterpriseSearchInput } from '../schemas/enterprise';
import { IMPORT_KINDS } from '../schemas/importFields';

/**
 * Import and export of the registries (.xlsx / .csv in, .xlsx out). Reading a file takes
 * seconds for a big register and the reader is asynchronous, so previews, imports and exports
 * run as background jobs; the routes start them and fetch what they produced.
 */

export const importKindSchema = z.enum(IMPORT_KINDS).describe('导入类别');

/** Field key → 0-based column of the file, or null for a field not imported. */
export const mappingSchema = z
  .record(z.string().min(1).max(40), z.number().int().min(0).max(999).nullable())
  .refine((m) => Object.keys(m).length <= 40, '列对应项过多')
  .describe('列对应');
export type ColumnMapping = z.infer<typeof mappingSchema>;

export const importModeSchema = z.enum(['validOnly', 'allOrNothing']).describe('导入方式');
export type ImportMode = z.infer<typeof importModeSchema>;

const uploadId = z.string().min(16).max(64).describe('上传文件编号');
const downloadId = z.string().min(16).max(64).describe('下载文件编号');

export const rowErrorSchema = z.object({
  row: z.number().describe('行号'),
  column: z.string().describe('列'),
  value: z.string().describe('值'),
  reason: z.string().describe('原因'),
});
export type RowErrorInfo = z.infer<typeof rowErrorSchema>;

/** What a preview found, read back by `imports.previewResult`. */
export const importPreviewSchema = z.object({
  kind: importKindSchema,
  fileName: z.string().describe('文件名'),
  format: z.enum(['xlsx', 'csv']).describe('文件格式'),
  encoding: z.string().nullable().describe('文字编码（CSV）'),
  sheetName: z.string().nullable().describe('工作表'),
  headerRow: z.number().describe('表头所在行'),
  headers: z.array(z.string()).describe('表头'),
  suggested: mappingSchema.describe('建议的列对应'),
  mapping: mappingSchema.describe('本次预览使用的列对应'),
  missingRequired: z.array(z.string()).describe('未对应的必填字段'),
  /** False when only the first rows were read (the quick look right after choosing a file). */
  complete: z.boolean().describe('是否读完全部行'),
  total: z.number().describe('数据行数'),
  valid: z.number().describe('有效行数'),
  invalid: z.number().describe('有错误的行数'),
  /** Among the valid rows: how many would be new, changed or the same as in the archive. */
  willCreate: z.number().describe('将新增'),
  willUpdate: z.number().describe('将更新'),
  willKeep: z.number().describe('无变化'),
  sample: z
    .array(z.object({ row: z.number(), values: z.record(z.string(), z.string().nullable()), errors: z.array(z.string()) }))
    .describe('前若干行'),
  errors: z.array(rowErrorSchema).describe('前若干条错误'),
  errorCount: z.number().describe('错误总条数'),
  reportDownloadId: downloadId.nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** The result a finished import job carries (`job.result`). */
export const importResultSchema = z.object({
  kind: importKindSchema,
  mode: importModeSchema,
  /** False when nothing was written (all-or-nothing with errors). */
  written: z.boolean(),
  total: z.number(),
  new: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  errorCount: z.number(),
  reportDownloadId: downloadId.nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** The result of a preview job: where the preview is, and the counts for the job list. */
export const previewJobResultSchema = z.object({ previewId: downloadId, total: z.number(), valid: z.number(), invalid: z.number() });
export const exportResultSchema = z.object({ downloadId, rows: z.number(), fileName: z.string() });

/** The enterprise list's own filters (the search route's input without paging). */
export const enterpriseExportInput = enterpriseSearchInput.omit({ after: true, limit: true });

const jobStarted = z.object({ jobId: z.string() });

export const exchangeRoutes = {
  'imports.preview': route({
    title: '预览导入文件（后台任务：识别格式与编码、表头与列对应，校验各行）',
    input: z
      .object({
        uploadId,
        kind: importKindSchema,
        mapping: mappingSchema.optional(),
        scan: z.enum(['head', 'full']).default('full').describe('读取范围'),
      })
      .strict(),
    output: jobStarted,
    access: REGISTRY_WRITERS,
    mutates: false,
  }),
  'imports.previewResult': route({
    title: '读取导入预览的结果',
    input: z.object({ previewId: downloadId }).strict(),
    output: importPreviewSchema,
    access: REGISTRY_WRITERS,
    mutates: false,
  }),
  'imports.start': route({
    title: '导入（后台任务；在一个事务中写入，取消或失败时档案保持原样）',
    input: z
      .object({
        uploadId,
        kind: importKindSchema,
        mapping: mappingSchema,
        mode: importModeSchema,
        expectedRows: z.number().int().min(0).max(10_000_000).optional().describe('预计行数'),
      })
      .strict(),
    output: jobStarted,
    access: REGISTRY_WRITERS,
    mutates: true,
  }),
  'exports.enterprises': route({
    title: '按当前筛选条件导出经营主体名录（.xlsx，后台任务）',
    input: enterpriseExportInput.strict(),
    output: jobStarted,
    access: REGISTRY_WRITERS,
    mutates: true,
  }),
};
