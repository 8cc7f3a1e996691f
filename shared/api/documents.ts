import { z } from 'zod';
import { route } from './route';
import { idSchema } from './common';
import { isoDateSchema } from '../calendar/date';
import { INSPECTION_STATUSES } from '../rules/facts';
import {
  DOCUMENT_KINDS,
  OFFSITE_CONCLUSIONS,
  OFFSITE_METHODS,
  ONSITE_CONCLUSIONS,
  RECTIFY_MODES,
  documentTextsSchema,
  type DocumentKind,
} from '../schemas/documents';

/**
 * The 文书 routes (issue 5, beyond the pure builders): documents of an inspection (generate,
 * versions, preview, download), the supplementary facts some documents need that the lifecycle
 * does not record, batch generation as a job, the 登记表 (ledger) and the office's settings.
 */

export const DOCUMENT_KIND_KEYS = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];
/** Kinds made for one inspection (all but the ledger). */
export const INSPECTION_DOCUMENT_KINDS = DOCUMENT_KIND_KEYS.filter((k) => k !== 'inspectionRegister') as [
  Exclude<DocumentKind, 'inspectionRegister'>,
  ...Exclude<DocumentKind, 'inspectionRegister'>[],
];
export type InspectionDocumentKind = (typeof INSPECTION_DOCUMENT_KINDS)[number];

export const documentKindSchema = z.enum(DOCUMENT_KIND_KEYS).describe('文书种类');
export const inspectionDocumentKindSchema = z.enum(INSPECTION_DOCUMENT_KINDS).describe('文书种类');

/** The roles that make documents (generate, batch, ledger, supplementary facts). */
export const DOCUMENT_MAKERS = ['clerk', 'officer', 'head', 'admin'] as const;

const text = (label: string, max = 2000) => z.string().trim().max(max, `${label}最多 ${max} 个字符`).describe(label);
/** An optional text (a blank one counts as not given). */
const optText = (label: string, max = 2000) => text(label, max).nullable().default(null);
const optBool = (label: string) => z.boolean().nullable().default(null).describe(label);
const hhmm = (label: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/u, `${label}应写成 09:30 这样的时刻`)
    .nullable()
    .default(null)
    .describe(label);

/**
 * Facts some documents need that the inspection's lifecycle does not record (who to contact,
 * what was shown and told on site, the problems with the provisions violated, the transfer's
 * facts…). Entered by the user in the documents panel; the labels are the documents' own, so
 * a missing-field message tells the user exactly which box to fill.
 */
export const supplementSchema = z
  .object({
    contactName: optText('联系人姓名', 100),
    contactPhone: optText('联系人电话', 64),
    planNo: optText('年度检查计划编号', 100),
    startTime: hhmm('检查开始时刻'),
    endTime: hhmm('检查结束时刻'),
    recorder: optText('记录人', 100),
    witness: optText('见证人', 100),
    certificatesShown: optBool('是否出示执法证件'),
    rightsExplained: optBool('是否告知权利'),
    recusalRequested: optBool('是否申请回避'),
    resultToldOnSite: optBool('是否当场告知检查结果'),
    conclusion: z.enum(ONSITE_CONCLUSIONS).nullable().default(null).describe('检查结论'),
    problems: z
      .array(z.object({ description: text('问题', 5000).min(1, '请写明问题'), provision: text('违反的具体条款', 2000).min(1, '请写明违反的具体条款') }).strict())
      .max(50)
      .default([])
      .describe('发现的问题'),
    rectifyRequirements: optText('整改要求', 5000),
    rectifyMode: z.enum(RECTIFY_MODES).nullable().default(null).describe('改正方式'),
    rectifyBasis: optText('责令改正的依据', 2000),
    recheck: optText('复查安排', 2000),
    offsiteMethods: z.array(z.enum(OFFSITE_METHODS)).max(OFFSITE_METHODS.length).default([]).describe('非现场检查方式'),
    offsiteSources: optText('数据及材料来源', 5000),
    offsiteProcess: optText('检查过程', 20000),
    offsiteConclusion: z.enum(OFFSITE_CONCLUSIONS).nullable().default(null).describe('非现场检查结论'),
    reviewer: optText('审核人', 100),
    transferFacts: optText('案件事实', 20000),
    transferReason: optText('移送理由', 5000),
    transferBasis: optText('移送依据', 2000),
    transferAttachments: z
      .array(
        z
          .object({
            name: text('材料名称', 200).min(1, '请写明材料名称'),
            copies: z.number().int().min(1).max(999).describe('份数'),
            pages: z.number().int().min(1).max(9999).describe('页数'),
          })
          .strict(),
      )
      .max(50)
      .default([])
      .describe('移送材料'),
  })
  .strict();
export type Supplement = z.output<typeof supplementSchema>;
export type SupplementInput = z.input<typeof supplementSchema>;

export const documentRowSchema = z.object({
  id: idSchema,
  kind: documentKindSchema,
  title: z.string(),
  format: z.enum(['docx', 'xlsx']),
  number: z.string().nullable(),
  fileName: z.string(),
  bytes: z.number(),
  createdAt: z.string(),
  author: z.string().nullable(),
  status: z.enum(['current', 'superseded']),
  supersededBy: z.number().nullable(),
  inspectionId: z.number().nullable(),
  inspectionNumber: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  period: z.string().nullable(),
});
export type DocumentRow = z.infer<typeof documentRowSchema>;

export const kindStateSchema = z.object({
  kind: inspectionDocumentKindSchema,
  title: z.string(),
  /** The lifecycle step the document belongs to, in Chinese. */
  step: z.string(),
  /** Due now: its step has been reached and there is no current document of the kind. */
  needed: z.boolean(),
  currentId: z.number().nullable(),
  /** Exactly what is still missing (Chinese labels); empty when it can be generated. */
  missing: z.array(z.string()),
  invalid: z.array(z.string()),
  /** Whether this kind gets a number (文号) from the office's pattern. */
  numbered: z.boolean(),
});
export type KindState = z.infer<typeof kindStateSchema>;

const patternsShape = Object.fromEntries(INSPECTION_DOCUMENT_KINDS.map((k) => [k, text(`${DOCUMENT_KINDS[k]}文号格式`, 60)])) as Record<
  InspectionDocumentKind,
  ReturnType<typeof text>
>;

export const documentSettingsSchema = z
  .object({
    agencyName: text('机关全称', 100),
    abbr: text('机关简称（用于文号）', 30),
    patterns: z.object(patternsShape).strict().describe('文号格式'),
    texts: documentTextsSchema.describe('固定文字'),
    defaultRectifyWorkingDays: z.number().int().min(1).max(365).nullable().describe('默认整改期限（工作日）'),
  })
  .strict();
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;

const candidateRow = z.object({
  id: idSchema,
  number: z.string(),
  enterpriseName: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  date: z.string().nullable(),
  hasCurrent: z.boolean(),
});
export type CandidateRow = z.infer<typeof candidateRow>;

const batchSkip = z.object({ inspectionId: z.number(), number: z.string(), enterpriseName: z.string(), reason: z.string() });
/** The result a batch job reports (job.result). */
export const batchResultSchema = z.object({
  kind: inspectionDocumentKindSchema,
  generated: z.number(),
  firstNumber: z.string().nullable(),
  lastNumber: z.string().nullable(),
  /** The first 100 skipped (all of them are listed in the zip's 未生成清单.csv). */
  skipped: z.array(batchSkip),
  skippedCount: z.number(),
  downloadId: z.string().nullable(),
  fileName: z.string().nullable(),
  /** Documents built by each of the job's build threads (one per core). */
  builtBy: z.array(z.number()),
});
export type BatchResult = z.infer<typeof batchResultSchema>;

export const documentRoutes = {
  'documents.forInspection': route({
    title: '检查任务的文书：已生成的各版本、可生成的文书及缺少的信息',
    input: z.object({ inspectionId: idSchema.describe('检查任务') }).strict(),
    output: z.object({
      inspection: z.object({ id: idSchema, number: z.string(), status: z.enum(INSPECTION_STATUSES), enterpriseName: z.string(), onsite: z.boolean() }),
      documents: z.array(documentRowSchema),
      kinds: z.array(kindStateSchema),
      supplement: supplementSchema,
      /** Values used where the supplement is blank (leader, event times…), shown as hints. */
      defaults: z.record(z.string(), z.string()),
      batchRunning: z.array(inspectionDocumentKindSchema),
    }),
    access: 'user',
    mutates: false,
  }),
  'documents.generate': route({
    title: '生成文书（编号、存档；原有同类文书标记为已作废）',
    input: z.object({ inspectionId: idSchema.describe('检查任务'), kind: inspectionDocumentKindSchema }).strict(),
    output: z.object({ documentId: idSchema, number: z.string().nullable(), fileName: z.string(), supersededId: z.number().nullable() }),
    access: DOCUMENT_MAKERS,
    mutates: true,
  }),
  'documents.saveSupplement': route({
    title: '保存文书补充信息',
    input: z.object({ inspectionId: idSchema.describe('检查任务'), supplement: supplementSchema }).strict(),
    output: z.object({}),
    access: DOCUMENT_MAKERS,
    mutates: true,
  }),
  'documents.preview': route({
    title: '预览文书（Word 文件内容）',
    input: z.object({ documentId: idSchema.describe('文书') }).strict(),
    output: z.object({ fileName: z.string(), format: z.enum(['docx', 'xlsx']), base64: z.string().nullable(), downloadId: z.string().nullable() }),
    access: 'user',
    mutates: false,
  }),
  'documents.download': route({
    title: '下载文书',
    input: z.object({ documentId: idSchema.describe('文书') }).strict(),
    output: z.object({ downloadId: z.string(), fileName: z.string() }),
    access: 'user',
    mutates: false,
  }),
  'documents.recent': route({
    title: '最近生成的文书（按生成倒序分页）',
    input: z
      .object({
        kind: documentKindSchema.optional(),
        beforeId: z.number().int().positive().optional().describe('起始编号'),
        limit: z.number().int().min(1).max(200).default(50).describe('条数'),
      })
      .strict(),
    output: z.object({ rows: z.array(documentRowSchema), nextBeforeId: z.number().nullable() }),
    access: 'user',
    mutates: false,
  }),
  'documents.candidates': route({
    title: '可批量生成文书的检查任务（按条件筛选）',
    input: z
      .object({
        kind: inspectionDocumentKindSchema.optional(),
        status: z.enum(INSPECTION_STATUSES).optional().describe('状态'),
        from: isoDateSchema.optional().describe('起始日期'),
        to: isoDateSchema.optional().describe('截止日期'),
        limit: z.number().int().min(1).max(2000).default(500).describe('条数'),
      })
      .strict(),
    output: z.object({ rows: z.array(candidateRow), truncated: z.boolean() }),
    access: 'user',
    mutates: false,
  }),
  'documents.batch': route({
    title: '批量生成文书（后台任务，打包为 zip 下载）',
    input: z
      .object({
        inspectionIds: z.array(idSchema).min(1, '请至少选择一个检查任务').max(2000, '一次最多 2000 个检查任务').describe('检查任务'),
        kind: inspectionDocumentKindSchema,
        into: z.literal('zip').default('zip').describe('输出'),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
    access: DOCUMENT_MAKERS,
    mutates: true,
  }),
  'documents.ledger': route({
    title: '导出行政检查登记表（Word 或 Excel）',
    input: z
      .object({ from: isoDateSchema.describe('起始日期'), to: isoDateSchema.describe('截止日期'), format: z.enum(['docx', 'xlsx']).describe('格式') })
      .strict(),
    output: z.object({ documentId: idSchema, downloadId: z.string(), fileName: z.string(), rows: z.number() }),
    access: DOCUMENT_MAKERS,
    mutates: true,
  }),
  'documents.verifyQr': route({
    title: '核验行政检查通知书上的二维码',
    input: z.object({ payload: z.string().trim().min(1, '请粘贴二维码内容').max(1000).describe('二维码内容') }).strict(),
    output: z.object({
      ok: z.boolean(),
      reason: z.string().nullable(),
      inspectionNo: z.string().nullable(),
      creditCode: z.string().nullable(),
      date: z.string().nullable(),
      inspectionId: z.number().nullable(),
    }),
    access: 'user',
    mutates: false,
  }),
  'documentSettings.get': route({
    title: '文书设置（机关名称、文号格式、固定文字、编号计数）',
    input: z.object({}).strict(),
    output: z.object({
      settings: documentSettingsSchema,
      /** What generation uses when agencyName/abbr are blank (the office's own agency). */
      fallbackAgencyName: z.string(),
      fallbackAbbr: z.string(),
      counters: z.array(z.object({ kind: inspectionDocumentKindSchema, year: z.number(), value: z.number() })),
      qrKeyFingerprint: z.string(),
    }),
    access: ['admin'],
    mutates: false,
  }),
  'documentSettings.set': route({
    title: '修改文书设置',
    input: documentSettingsSchema,
    output: z.object({}),
    access: ['admin'],
    mutates: true,
  }),
};
