import { z } from 'zod';
import { route } from './route';
import { idSchema } from './common';
import { isoDateSchema } from '../calendar/date';
import { INSPECTION_KINDS, INSPECTION_STATUSES, TRIGGER_SOURCES } from '../rules/facts';
import { DEADLINE_KINDS } from '../rules/deadlines';
import { EFFECTS, RULE_IDS } from '../rules/types';

/** The inspection lifecycle's routes: the form, the steps, overrides, evidence, the 工作台. */

const date = isoDateSchema.describe('日期');
const text = (label: string, max = 2000) => z.string().trim().max(max, `${label}最多 ${max} 个字符`).describe(label);
const optText = (label: string, max = 2000) => text(label, max).nullable().default(null);

export const inspectionDraftSchema = z
  .object({
    enterpriseId: idSchema.describe('检查对象'),
    agencyId: idSchema.describe('检查主体（牵头单位）'),
    jointAgencyIds: z.array(idSchema).max(10).default([]).describe('联合单位'),
    kind: z.enum(INSPECTION_KINDS).describe('检查类型'),
    triggerSource: z.enum(TRIGGER_SOURCES).nullable().default(null).describe('线索来源'),
    triggerRef: optText('线索编号', 100),
    specialApprovalNo: optText('专项检查批准文号', 100),
    onsite: z.boolean().default(true).describe('现场检查'),
    itemIds: z.array(idSchema).max(50).default([]).describe('检查事项'),
    teamOfficerIds: z.array(idSchema).max(20).default([]).describe('检查人员'),
    leaderOfficerId: idSchema.nullable().default(null).describe('带队人员'),
    plannedDate: date.nullable().default(null).describe('计划检查日期'),
    basis: text('检查依据').default(''),
    content: text('检查内容').default(''),
    emergency: z.boolean().default(false).describe('情况紧急'),
    emergencyReason: optText('紧急情况说明', 500),
    noNoticeReason: optText('无需事先通知的依据', 500),
    filingExemption: z.enum(['state_secret', 'safety_production']).nullable().default(null).describe('免予报备事由'),
    outOfJurisdiction: z.boolean().default(false).describe('异地检查'),
  })
  .strict();
export type InspectionDraft = z.infer<typeof inspectionDraftSchema>;
export type InspectionDraftInput = z.input<typeof inspectionDraftSchema>;

export const findingSchema = z.object({
  ruleId: z.enum(RULE_IDS),
  effect: z.enum(EFFECTS),
  message: z.string(),
  basis: z.string(),
  overridable: z.boolean(),
  needsApprovalNumber: z.boolean().optional(),
  overridden: z.boolean().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type FindingRow = z.infer<typeof findingSchema>;

export const ACTIONS = ['approve', 'file', 'notify', 'enter', 'record', 'feedback', 'close', 'verifyRectification', 'transfer', 'reportRemote'] as const;
export type InspectionAction = (typeof ACTIONS)[number];
export const ACTION_LABELS: Record<InspectionAction, string> = {
  approve: '负责人批准',
  file: '入企报备',
  notify: '送达检查通知书',
  enter: '进入现场（扫码入企）',
  record: '制作检查记录',
  feedback: '书面反馈结果',
  close: '办结',
  verifyRectification: '整改复查',
  transfer: '移送',
  reportRemote: '异地检查报备',
};

/** What each step carries; `date` defaults to today (Asia/Shanghai). */
export const actionPayloadSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve'), date: date.optional(), note: optText('审批意见', 500) }).strict(),
  z.object({ action: z.literal('file'), date: date.optional(), filingNo: optText('备案编号', 100), lateReason: optText('补报原因', 500) }).strict(),
  z.object({ action: z.literal('notify'), date: date.optional(), noNoticeReason: optText('无需事先通知的依据', 500) }).strict(),
  z
    .object({
      action: z.literal('enter'),
      date: date.optional(),
      codeRegistrationNo: text('扫码入企登记号', 100).min(1, '请填写扫码入企登记号').nullable().default(null),
      avRecordRef: optText('音像记录编号', 200),
    })
    .strict(),
  z
    .object({
      action: z.literal('record'),
      date: date.optional(),
      endDate: date.optional().describe('检查结束日期'),
      place: optText('检查地点', 200),
      findings: text('检查情况', 20000).min(1, '请填写检查情况'),
      personsPresent: optText('在场人员', 500),
      offsiteMethod: optText('非现场检查方式', 100),
    })
    .strict(),
  z.object({ action: z.literal('feedback'), date: date.optional(), method: optText('反馈方式', 100) }).strict(),
  z
    .object({
      action: z.literal('close'),
      date: date.optional(),
      outcome: z.enum(['no_problem', 'rectification', 'penalty', 'transfer']).describe('处理结果'),
      note: optText('处理说明', 2000),
      rectificationDeadline: date.nullable().default(null).describe('整改期限'),
      transferTarget: optText('移送机关', 200),
    })
    .strict(),
  z.object({ action: z.literal('verifyRectification'), date: date.optional(), result: text('复查结果', 2000).min(1, '请填写复查结果') }).strict(),
  z.object({ action: z.literal('transfer'), date: date.optional(), target: text('移送机关', 200).min(1, '请填写移送机关') }).strict(),
  z.object({ action: z.literal('reportRemote'), date: date.optional() }).strict(),
]);
export type ActionPayload = z.infer<typeof actionPayloadSchema>;

const deadlineRow = z.object({
  kind: z.enum(DEADLINE_KINDS),
  label: z.string(),
  due: z.string(),
  provisional: z.boolean(),
  basis: z.string(),
  done: z.boolean(),
  doneOn: z.string().nullable(),
  state: z.enum(['pending', 'overdue', 'done', 'done_late']),
});

const listRow = z.object({
  id: idSchema,
  number: z.string(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  agencyName: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  onsite: z.boolean(),
  status: z.enum(INSPECTION_STATUSES),
  plannedDate: z.string().nullable(),
  nextDue: z.string().nullable(),
});
export type InspectionListRow = z.infer<typeof listRow>;

const detail = z.object({
  id: idSchema,
  version: z.number(),
  number: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  draft: inspectionDraftSchema,
  enterprise: z.object({ id: idSchema, name: z.string(), creditCode: z.string(), address: z.string(), grade: z.string().nullable() }),
  agencyName: z.string(),
  jointAgencies: z.array(z.object({ id: idSchema, name: z.string() })),
  items: z.array(z.object({ itemId: idSchema, version: z.number(), code: z.string(), name: z.string(), status: z.string() })),
  team: z.array(
    z.object({ officerId: idSchema, name: z.string(), certNo: z.string().nullable(), validTo: z.string().nullable(), leader: z.boolean(), kind: z.string(), status: z.string() }),
  ),
  steps: z.record(z.string(), z.string().nullable()),
  record: z.object({
    kind: z.enum(['onsite', 'offsite']).nullable(),
    findings: z.string().nullable(),
    personsPresent: z.string().nullable(),
    place: z.string().nullable(),
    codeRegistrationNo: z.string().nullable(),
    avRecordRef: z.string().nullable(),
    outcome: z.string().nullable(),
    outcomeNote: z.string().nullable(),
    rectificationDeadline: z.string().nullable(),
    transferTarget: z.string().nullable(),
  }),
  events: z.array(z.object({ id: z.number(), action: z.string(), at: z.string(), username: z.string().nullable(), note: z.string().nullable() })),
  overrides: z.array(z.object({ ruleId: z.string(), reason: z.string(), approvalNo: z.string().nullable(), username: z.string(), at: z.string() })),
  attachments: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      kind: z.string(),
      bytes: z.number(),
      sha256: z.string(),
      takenAt: z.string().nullable(),
      gps: z.object({ lat: z.number(), lon: z.number() }).nullable(),
      outsideWindow: z.boolean(),
      note: z.string().nullable(),
    }),
  ),
  findings: z.array(findingSchema),
  deadlines: z.array(deadlineRow),
  /** The steps the caller's role may take now (the rules may still block one). */
  actions: z.array(z.enum(ACTIONS)),
  mergedInto: z.number().nullable(),
});
export type InspectionDetail = z.infer<typeof detail>;

export const inspectionRoutes = {
  'inspections.list': route({
    title: '检查任务列表（按编号倒序分页）',
    input: z
      .object({
        status: z.enum(INSPECTION_STATUSES).optional().describe('状态'),
        enterpriseId: idSchema.optional().describe('检查对象'),
        beforeId: z.number().int().positive().optional().describe('起始编号'),
        limit: z.number().int().min(1).max(200).default(50).describe('条数'),
      })
      .strict(),
    output: z.object({ rows: z.array(listRow), nextBeforeId: z.number().nullable() }),
    access: 'user',
    mutates: false,
  }),
  'inspections.get': route({
    title: '检查任务详情（含规则检查结果、期限与可办理步骤）',
    input: z.object({ id: idSchema }).strict(),
    output: detail,
    access: 'user',
    mutates: false,
  }),
  'inspections.check': route({
    title: '填写时按规则检查（不保存）',
    input: z.object({ id: idSchema.nullable().default(null), draft: inspectionDraftSchema, forAction: z.enum(ACTIONS).nullable().default(null) }).strict(),
    output: z.array(findingSchema),
    access: ['clerk', 'officer', 'head', 'admin'],
    mutates: false,
  }),
  'inspections.create': route({
    title: '新建检查任务（草稿）',
    input: inspectionDraftSchema,
    output: z.object({ id: idSchema, number: z.string() }),
    access: ['clerk', 'officer', 'head', 'admin'],
    mutates: true,
  }),
  'inspections.update': route({
    title: '修改检查方案（批准前）',
    input: z.object({ id: idSchema, version: z.number().int().positive().describe('版本'), draft: inspectionDraftSchema }).strict(),
    output: z.object({ version: z.number() }),
    access: ['clerk', 'officer', 'head', 'admin'],
    mutates: true,
  }),
  'inspections.step': route({
    title: '办理检查步骤（批准、报备、通知、入企、记录、反馈、办结…）',
    input: z.object({ id: idSchema, version: z.number().int().positive().describe('版本'), payload: actionPayloadSchema }).strict(),
    output: z.object({ version: z.number(), status: z.enum(INSPECTION_STATUSES), findings: z.array(findingSchema) }),
    access: ['clerk', 'officer', 'head', 'admin'],
    mutates: true,
  }),
  'inspections.override': route({
    title: '负责人对警示事项作出决定（记录理由与批准文号）',
    input: z
      .object({
        id: idSchema,
        ruleId: z.enum(RULE_IDS).describe('规则'),
        reason: text('理由', 1000).min(4, '请写明理由（至少 4 个字）'),
        approvalNo: optText('批准文号', 100),
      })
      .strict(),
    output: z.object({ findings: z.array(findingSchema) }),
    access: ['head'],
    mutates: true,
  }),
  'inspections.merge': route({
    title: '合并检查（综合查一次）：把本任务并入另一任务',
    input: z.object({ id: idSchema.describe('被合并的任务'), intoId: idSchema.describe('并入的任务') }).strict(),
    output: z.object({ intoId: idSchema }),
    access: ['clerk', 'officer', 'head', 'admin'],
    mutates: true,
  }),
  'inspections.addAttachment': route({
    title: '添加检查证据（照片、录音、录像、扫描件）',
    input: z
      .object({
        id: idSchema,
        uploadId: z.string().min(16).max(64).describe('上传文件'),
        kind: z.enum(['photo', 'audio', 'video', 'scan', 'other']).describe('证据类别'),
        note: optText('说明', 500),
      })
      .strict(),
    output: z.object({ attachmentId: idSchema, takenAt: z.string().nullable(), outsideWindow: z.boolean() }),
    access: ['clerk', 'officer', 'head', 'admin'],
    mutates: true,
  }),
  'inspections.attachmentPreview': route({
    title: '预览图片证据',
    input: z.object({ attachmentId: idSchema }).strict(),
    output: z.object({ dataUrl: z.string().nullable(), downloadId: z.string() }),
    access: 'user',
    mutates: false,
  }),
  'dashboard.get': route({
    title: '工作台：到期与逾期事项、多头/重复/高频预警',
    input: z.object({ days: z.number().int().min(0).max(60).default(5).describe('提前天数（工作日）') }).strict(),
    output: z.object({
      today: z.string(),
      horizon: z.string(),
      due: z.array(
        z.object({
          inspectionId: idSchema,
          number: z.string(),
          enterpriseName: z.string(),
          kind: z.enum(DEADLINE_KINDS),
          label: z.string(),
          due: z.string(),
          provisional: z.boolean(),
          overdue: z.boolean(),
          basis: z.string(),
        }),
      ),
      warnings: z.array(z.object({ enterpriseId: idSchema, enterpriseName: z.string(), kind: z.string(), message: z.string(), since: z.string() })),
      counts: z.record(z.string(), z.number()),
      calendarNotice: z.string().nullable(),
    }),
    access: 'user',
    mutates: false,
  }),
  'calendar.get': route({
    title: '节假日安排（内置与导入）',
    input: z.object({}).strict(),
    output: z.object({
      officialYears: z.array(z.number()),
      userDays: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), note: z.string().nullable() })),
      coverage: z.array(z.object({ year: z.number(), source: z.enum(['official', 'user', 'provisional']) })),
    }),
    access: 'user',
    mutates: false,
  }),
  'calendar.import': route({
    title: '导入某年节假日安排',
    input: z.object({ text: z.string().min(1, '请粘贴节假日安排').max(20000).describe('节假日安排') }).strict(),
    output: z.object({ imported: z.number(), years: z.array(z.number()) }),
    access: ['admin', 'head', 'clerk'],
    mutates: true,
  }),
  'ruleSettings.get': route({
    title: '规则设置（年度上限、入企报备、高频阈值等）',
    input: z.object({}).strict(),
    output: z.object({
      cap: z.number(),
      triggeredCountsTowardCap: z.boolean(),
      offsiteCountsTowardCap: z.boolean(),
      followsXiangtanFiling: z.boolean(),
      burstCount: z.number(),
      burstDays: z.number(),
      multiAgencyWindowDays: z.number(),
    }),
    access: 'user',
    mutates: false,
  }),
  'ruleSettings.set': route({
    title: '修改规则设置',
    input: z
      .object({
        cap: z.number().int().min(1).max(12).describe('日常检查年度上限'),
        triggeredCountsTowardCap: z.boolean().describe('触发式检查计入上限'),
        offsiteCountsTowardCap: z.boolean().describe('非现场检查计入上限'),
        followsXiangtanFiling: z.boolean().describe('执行湘潭入企报备'),
        burstCount: z.number().int().min(2).max(50).describe('高频次数'),
        burstDays: z.number().int().min(1).max(366).describe('高频天数'),
        multiAgencyWindowDays: z.number().int().min(0).max(366).describe('合并/联合检查提示时间窗'),
      })
      .strict(),
    output: z.object({}),
    access: ['admin', 'head'],
    mutates: true,
  }),
};
