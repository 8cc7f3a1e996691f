import { z } from 'zod';
import { route } from './route';
import { idSchema } from './common';
import { isoDateSchema } from '../calendar/date';

/**
 * The archive (issue 6): case files (案卷) made from closed inspections, retention and two-step
 * disposal, archive-wide search, the fixity log, whole-archive backups, and upload bundles
 * (export, import with conflicts). Long work (bundles, backups, fixity) runs as jobs; these
 * routes start them and read back what they recorded. Design: docs/archive.md.
 */

export const RETENTIONS = ['permanent', '30y', '10y'] as const;
export type Retention = (typeof RETENTIONS)[number];
export const RETENTION_LABELS: Record<Retention, string> = { permanent: '永久', '30y': '30年', '10y': '10年' };
export const retentionSchema = z.enum(RETENTIONS).describe('保管期限');

export const CASE_FILE_STATUSES = ['draft', 'archived', 'disposed'] as const;
export type CaseFileStatus = (typeof CASE_FILE_STATUSES)[number];
export const CASE_FILE_STATUS_LABELS: Record<CaseFileStatus, string> = { draft: '整理中', archived: '已归档', disposed: '已销毁' };

export const OUTCOME_KEYS = ['no_problem', 'rectification', 'penalty', 'transfer'] as const;
export const OUTCOME_LABELS: Record<(typeof OUTCOME_KEYS)[number], string> = { no_problem: '未发现问题', rectification: '责令整改', penalty: '转立案查处', transfer: '移送主管机关' };

/** Who keeps the archive; heads approve disposals. */
export const ARCHIVISTS = ['archivist'] as const;
export const ARCHIVE_ADMINS = ['archivist', 'admin'] as const;
export const DISPOSAL_APPROVERS = ['head'] as const;

const text = (label: string, max: number, min = 0, empty = `请填写${label}`) =>
  z.string().trim().min(min, empty).max(max, `${label}最多 ${max} 个字符`).describe(label);
const reason = (label: string) => z.string().trim().min(2, `请写明${label}`).max(500, `${label}最多 500 个字符`).describe(label);
const jobStarted = z.object({ jobId: z.string() });
const version = z.number().int().positive().describe('版本号');
const uploadId = z.string().min(16).max(64).describe('上传文件编号');
const folder = z.string().trim().min(1, '请填写文件夹路径').max(1000).describe('文件夹');

// ── Settings ─────────────────────────────────────────────────────────────────────────────

export const archiveSettingsSchema = z
  .object({
    fondsNo: text('全宗号', 20),
    fondsName: text('全宗名称', 100),
    catalogNo: text('目录号', 20),
    category: text('类目名称', 50, 1),
    retention: z.object(Object.fromEntries(OUTCOME_KEYS.map((k) => [k, retentionSchema])) as Record<(typeof OUTCOME_KEYS)[number], typeof retentionSchema>).describe('各检查结果的保管期限'),
  })
  .strict();
export type ArchiveSettings = z.infer<typeof archiveSettingsSchema>;

export const backupScheduleSchema = z
  .object({
    enabled: z.boolean().describe('自动备份'),
    targetDir: z.string().trim().max(1000).describe('备份文件夹'),
    everyHours: z.number().int().min(1, '间隔至少 1 小时').max(24 * 30, '间隔最多 30 天').describe('间隔（小时）'),
    keep: z.number().int().min(1, '至少保留 1 份').max(100, '最多保留 100 份').describe('保留份数'),
  })
  .strict();
export type BackupSchedule = z.infer<typeof backupScheduleSchema>;

// ── Case files ───────────────────────────────────────────────────────────────────────────

export const completenessItem = z.object({
  inspectionId: idSchema,
  inspectionNo: z.string(),
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  present: z.boolean(),
  basis: z.string(),
});
export type CompletenessItem = z.infer<typeof completenessItem>;

export const caseFileEntry = z.object({
  id: idSchema,
  seq: z.number(),
  inspectionId: idSchema,
  documentId: idSchema.nullable(),
  attachmentId: idSchema.nullable(),
  slot: z.string(),
  docNo: z.string(),
  author: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  pages: z.number(),
  pagesSource: z.string(),
  pageFrom: z.number().nullable(),
  pageTo: z.number().nullable(),
  remark: z.string(),
});
export type CaseFileEntry = z.infer<typeof caseFileEntry>;

export const caseFileRow = z.object({
  id: idSchema,
  version: z.number(),
  status: z.enum(CASE_FILE_STATUSES),
  title: z.string(),
  year: z.number(),
  agencyId: idSchema,
  agencyName: z.string(),
  archiveNo: z.string().nullable(),
  filingNo: z.string().nullable(),
  retention: retentionSchema,
  retentionUntil: z.string().nullable(),
  dateFrom: z.string().nullable(),
  dateTo: z.string().nullable(),
  itemsCount: z.number(),
  pages: z.number(),
  legalHold: z.boolean(),
  inspections: z.array(z.object({ id: idSchema, number: z.string(), enterpriseName: z.string() })),
});
export type CaseFileRow = z.infer<typeof caseFileRow>;

export const caseFileDetail = caseFileRow.extend({
  uuid: z.string(),
  fondsNo: z.string().nullable(),
  fondsName: z.string(),
  catalogNo: z.string().nullable(),
  category: z.string(),
  volumeNo: z.number().nullable(),
  note: z.string(),
  missingExplanation: z.string().nullable(),
  compiledBy: z.string().nullable(),
  checkedBy: z.string().nullable(),
  archivedAt: z.string().nullable(),
  legalHoldReason: z.string().nullable(),
  disposedAt: z.string().nullable(),
  entries: z.array(caseFileEntry),
  completeness: z.array(completenessItem),
  missingRequired: z.number(),
  products: z.object({ cover: z.string().nullable(), index: z.string().nullable(), notes: z.string().nullable() }),
  revisions: z.array(z.object({ version: z.number(), reason: z.string(), changedBy: z.string().nullable(), changedAt: z.string() })),
  events: z.array(z.object({ id: z.number(), action: z.string(), at: z.string(), username: z.string().nullable(), note: z.string().nullable() })),
  disposal: z.object({ id: idSchema, status: z.string(), reason: z.string(), decisionNo: z.string(), proposedBy: z.string(), proposedAt: z.string(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable() }).nullable(),
});
export type CaseFileDetail = z.infer<typeof caseFileDetail>;

export const candidateRow = z.object({
  id: idSchema,
  number: z.string(),
  enterpriseName: z.string(),
  agencyId: idSchema,
  agencyName: z.string(),
  date: z.string().nullable(),
  outcome: z.string().nullable(),
  documents: z.number(),
  attachments: z.number(),
});

export const PRODUCT_PARTS = ['cover', 'index', 'notes'] as const;
export const PRODUCT_LABELS: Record<(typeof PRODUCT_PARTS)[number], string> = { cover: '案卷封面', index: '卷内文件目录', notes: '卷内备考表' };

// ── Search ───────────────────────────────────────────────────────────────────────────────

export const SEARCH_KINDS = ['case_file', 'inspection', 'document', 'enterprise'] as const;
export const SEARCH_KIND_LABELS: Record<(typeof SEARCH_KINDS)[number], string> = { case_file: '案卷', inspection: '检查', document: '文书', enterprise: '企业' };
export const searchHit = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: idSchema,
  title: z.string(),
  detail: z.string(),
  year: z.number().nullable(),
  date: z.string().nullable(),
  retention: retentionSchema.nullable(),
});
export type SearchHit = z.infer<typeof searchHit>;

// ── Exchange ─────────────────────────────────────────────────────────────────────────────

export const CONFLICT_DECISIONS = ['keep_local', 'take_incoming'] as const;
export const conflictRow = z.object({
  id: idSchema,
  entity: z.string(),
  uuid: z.string(),
  label: z.string(),
  reason: z.string(),
  status: z.enum(['open', 'kept_local', 'took_incoming']),
  localVersion: z.number(),
  incomingVersion: z.number(),
  local: z.record(z.string(), z.unknown()),
  incoming: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ConflictRow = z.infer<typeof conflictRow>;

/** Per entity type: what an import did (or, for a check, would do). */
export const mergeCounts = z.object({ added: z.number(), updated: z.number(), skipped: z.number(), conflicts: z.number() });
export const importReportSchema = z.object({
  bundleId: z.string(),
  fileName: z.string(),
  office: z.string(),
  exportedAt: z.string(),
  selection: z.string(),
  dryRun: z.boolean(),
  byEntity: z.record(z.string(), mergeCounts),
  totals: mergeCounts,
  filesAdded: z.number(),
  filesPresent: z.number(),
  auditAdded: z.number(),
  auditRejected: z.number(),
  conflicts: z.array(z.object({ entity: z.string(), uuid: z.string(), label: z.string(), reason: z.string() })),
  skippedNotes: z.array(z.string()),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const fixityProblem = z.object({
  sha256: z.string(),
  state: z.enum(['missing', 'changed']),
  records: z.array(z.object({ kind: z.string(), id: z.number(), label: z.string() })),
});
export const fixityRun = z.object({
  id: idSchema,
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.enum(['ok', 'problems', 'cancelled']),
  files: z.number(),
  checked: z.number(),
  bytes: z.number(),
  missing: z.number(),
  changed: z.number(),
  startedBy: z.string().nullable(),
  problems: z.array(fixityProblem),
});
export type FixityRun = z.infer<typeof fixityRun>;

const exportInput = z
  .object({
    from: isoDateSchema.optional().describe('起始日期'),
    to: isoDateSchema.optional().describe('截止日期'),
    agencyId: idSchema.optional().describe('检查主体'),
    caseFileIds: z.array(idSchema).max(500).optional().describe('案卷'),
  })
  .strict()
  .refine((v) => !!(v.caseFileIds?.length || v.from || v.to || v.agencyId), '请选择日期范围、检查主体或案卷')
  .refine((v) => !v.from || !v.to || v.from <= v.to, '起始日期不能晚于截止日期');

export const archiveRoutes = {
  'archiveSettings.get': route({ title: '档案设置（全宗号、目录号、保管期限）', input: z.object({}).strict(), output: archiveSettingsSchema, access: 'user', mutates: false }),
  'archiveSettings.set': route({ title: '修改档案设置', input: archiveSettingsSchema, output: z.object({}), access: ARCHIVE_ADMINS, mutates: true }),
  'caseFiles.candidates': route({
    title: '可组卷的已办结检查',
    input: z.object({ agencyId: idSchema.optional(), year: z.number().int().min(2000).max(2100).optional(), q: text('搜索内容', 50).optional() }).strict(),
    output: z.array(candidateRow),
    access: 'user',
    mutates: false,
  }),
  'caseFiles.create': route({
    title: '组卷：由一件或多件已办结检查组成案卷',
    input: z.object({ inspectionIds: z.array(idSchema).min(1, '请选择检查').max(50, '一卷最多 50 件检查'), title: text('案卷题名', 200).optional() }).strict(),
    output: z.object({ id: idSchema }),
    access: ARCHIVISTS,
    mutates: true,
  }),
  'caseFiles.list': route({
    title: '案卷列表（按状态、年度、检查主体、保管期限筛选）',
    input: z
      .object({
        status: z.enum(CASE_FILE_STATUSES).optional(),
        year: z.number().int().min(2000).max(2100).optional(),
        agencyId: idSchema.optional(),
        retention: retentionSchema.optional(),
        q: text('搜索内容', 100).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ rows: z.array(caseFileRow), total: z.number() }),
    access: 'user',
    mutates: false,
  }),
  'caseFiles.get': route({ title: '案卷详情', input: z.object({ id: idSchema }).strict(), output: caseFileDetail, access: 'user', mutates: false }),
  'caseFiles.update': route({
    title: '修改案卷（已归档的须说明理由，并保留原版本）',
    input: z
      .object({
        id: idSchema,
        version,
        title: text('案卷题名', 200, 2).optional(),
        retention: retentionSchema.optional(),
        note: text('本卷情况说明', 2000).optional(),
        compiledBy: text('立卷人', 32).optional(),
        checkedBy: text('检查人', 32).optional(),
        entries: z.array(z.object({ id: idSchema, pages: z.number().int().min(0).max(9999).describe('页数'), remark: text('备注', 200) })).max(2000).optional(),
        reason: reason('修改理由').optional(),
      })
      .strict(),
    output: z.object({ version: z.number() }),
    access: ARCHIVISTS,
    mutates: true,
  }),
  'caseFiles.refresh': route({
    title: '按检查的现行文书和证据重新编排卷内文件',
    input: z.object({ id: idSchema, version, reason: reason('修改理由').optional() }).strict(),
    output: z.object({ version: z.number() }),
    access: ARCHIVISTS,
    mutates: true,
  }),
  'caseFiles.archive': route({
    title: '归档：编档号并锁定案卷（检查状态改为已归档）',
    input: z.object({ id: idSchema, version, explanation: reason('缺项说明').optional() }).strict(),
    output: z.object({ version: z.number(), archiveNo: z.string() }),
    access: ARCHIVISTS,
    mutates: true,
  }),
  'caseFiles.dissolve': route({ title: '撤销整理中的案卷', input: z.object({ id: idSchema, version }).strict(), output: z.object({}), access: ARCHIVISTS, mutates: true }),
  'caseFiles.download': route({
    title: '下载案卷封面、卷内文件目录或备考表（.docx）',
    input: z.object({ id: idSchema, part: z.enum(PRODUCT_PARTS), revision: z.number().int().positive().optional() }).strict(),
    output: z.object({ downloadId: z.string(), name: z.string(), bytes: z.number() }),
    access: 'user',
    mutates: false,
  }),
  'caseFiles.hold': route({
    title: '设置或解除法律保全（保全期间不得销毁）',
    input: z.object({ id: idSchema, hold: z.boolean(), reason: reason('理由') }).strict(),
    output: z.object({ version: z.number() }),
    access: ARCHIVISTS,
    mutates: true,
  }),
  'archive.search': route({
    title: '档案检索（案卷、检查、文书、企业；中文全文）',
    input: z
      .object({
        q: text('搜索内容', 100, 1, '请输入搜索内容'),
        kind: z.enum(SEARCH_KINDS).optional(),
        year: z.number().int().min(2000).max(2100).optional(),
        agencyId: idSchema.optional(),
        retention: retentionSchema.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ hits: z.array(searchHit), more: z.boolean() }),
    access: 'user',
    mutates: false,
  }),
  'disposals.list': route({
    title: '到期案卷与销毁记录',
    input: z.object({}).strict(),
    output: z.object({
      due: z.array(caseFileRow),
      records: z.array(z.object({ id: idSchema, caseFileId: idSchema, archiveNo: z.string().nullable(), title: z.string(), status: z.string(), reason: z.string(), decisionNo: z.string(), proposedBy: z.string(), proposedAt: z.string(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), decisionNote: z.string().nullable() })),
    }),
    access: 'user',
    mutates: false,
  }),
  'disposals.propose': route({
    title: '提出销毁（档案管理员）',
    input: z.object({ caseFileId: idSchema, reason: reason('鉴定意见'), decisionNo: text('销毁决定文号', 60, 2) }).strict(),
    output: z.object({ id: idSchema }),
    access: ARCHIVISTS,
    mutates: true,
  }),
  'disposals.decide': route({
    title: '批准或驳回销毁（负责人）',
    input: z.object({ id: idSchema, approve: z.boolean(), note: text('意见', 500).optional() }).strict(),
    output: z.object({}),
    access: DISPOSAL_APPROVERS,
    mutates: true,
  }),
  'fixity.start': route({ title: '档案文件校验（后台任务：重新计算每个文件的哈希）', input: z.object({}).strict(), output: jobStarted, access: ARCHIVE_ADMINS, mutates: true }),
  'fixity.runs': route({ title: '档案文件校验记录', input: z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(), output: z.array(fixityRun), access: ARCHIVE_ADMINS, mutates: false }),
  'archiveBackups.start': route({ title: '整库备份（数据库与档案文件，后台任务）', input: z.object({ targetDir: folder }).strict(), output: jobStarted, access: ARCHIVE_ADMINS, mutates: true }),
  'archiveBackups.verify': route({ title: '校验整库备份（后台任务）', input: z.object({ path: folder.describe('备份文件夹') }).strict(), output: jobStarted, access: ARCHIVE_ADMINS, mutates: true }),
  'archiveBackups.restore': route({
    title: '把整库备份恢复到一个新的空数据目录（后台任务）',
    input: z.object({ path: folder.describe('备份文件夹'), targetDir: folder.describe('新数据目录') }).strict(),
    output: jobStarted,
    access: ['admin'],
    mutates: true,
  }),
  'archiveBackups.getSchedule': route({ title: '自动备份设置', input: z.object({}).strict(), output: backupScheduleSchema.extend({ lastRunAt: z.string().nullable() }), access: ARCHIVE_ADMINS, mutates: false }),
  'archiveBackups.setSchedule': route({ title: '修改自动备份设置', input: backupScheduleSchema, output: z.object({}), access: ARCHIVE_ADMINS, mutates: true }),
  'bundles.export': route({ title: '导出上报数据包（后台任务）', input: exportInput, output: jobStarted, access: ARCHIVE_ADMINS, mutates: true }),
  'bundles.check': route({ title: '校验待导入的数据包并预演合并（后台任务，不写入）', input: z.object({ uploadId }).strict(), output: jobStarted, access: ARCHIVE_ADMINS, mutates: false }),
  'bundles.import': route({ title: '导入数据包（后台任务，一个事务）', input: z.object({ uploadId }).strict(), output: jobStarted, access: ARCHIVE_ADMINS, mutates: true }),
  'bundles.report': route({
    title: '读取数据包校验或导入的报告',
    input: z.object({ reportId: z.string().min(16).max(64).describe('报告编号') }).strict(),
    output: importReportSchema,
    access: ARCHIVE_ADMINS,
    mutates: false,
  }),
  'bundles.history': route({
    title: '数据包导入记录',
    input: z.object({}).strict(),
    output: z.array(z.object({ id: idSchema, fileName: z.string(), office: z.string(), exportedAt: z.string(), importedAt: z.string(), importedBy: z.string().nullable(), added: z.number(), updated: z.number(), skipped: z.number(), conflicts: z.number(), filesAdded: z.number(), auditAdded: z.number() })),
    access: ARCHIVE_ADMINS,
    mutates: false,
  }),
  'bundles.conflicts': route({
    title: '导入冲突（本地与导入版本对照）',
    input: z.object({ status: z.enum(['open', 'all']).default('open') }).strict(),
    output: z.array(conflictRow),
    access: ARCHIVE_ADMINS,
    mutates: false,
  }),
  'bundles.resolve': route({
    title: '处理导入冲突：保留本地或采用导入版本',
    input: z.object({ id: idSchema, decision: z.enum(CONFLICT_DECISIONS).describe('处理方式') }).strict(),
    output: z.object({}),
    access: ARCHIVISTS,
    mutates: true,
  }),
  'bundles.verifyImportedAudit': route({
    title: '校验导入的外单位审计日志（逐条核对哈希）',
    input: z.object({}).strict(),
    output: z.object({ checked: z.number(), broken: z.number(), message: z.string() }),
    access: ARCHIVE_ADMINS,
    mutates: false,
  }),
};
