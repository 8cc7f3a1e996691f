/**
 * InspectionFacts: everything the rules look at, filled by the lifecycle service from the
 * database (the inspection, its team and items, and a few indexed history queries).
 *
 * Dates are Asia/Shanghai calendar dates 'YYYY-MM-DD' (convert stored timestamps with
 * `shanghaiDate`). `status` is the state the inspection is in *or is being moved to*: the
 * service evaluates a transition with the target status, so "before entering" checks run when
 * the status becomes 'onsite'.
 */
import { z } from 'zod';
import { isoDateSchema } from '../calendar/date';
import { assertNever } from '../calendar/types';

const optDate = isoDateSchema.nullable();
const id = z.number().int().positive().describe('编号');
const text = z.string().trim();
const optText = z.string().trim().nullable();

/** 计划检查 / 双随机抽查 / 触发式 / 专项检查 / 非现场检查 (the task's source and type). */
export const INSPECTION_KINDS = ['planned', 'random', 'triggered', 'special', 'offsite'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** 湘（十）: complaints, referrals, data monitoring, or the enterprise's own request. */
export const TRIGGER_SOURCES = ['complaint', 'referral', 'monitoring', 'request'] as const;
export type TriggerSource = (typeof TRIGGER_SOURCES)[number];

/** The lifecycle of DESIGN.md, in order; the three outcomes share a rank. */
export const INSPECTION_STATUSES = [
  'draft',
  'approved',
  'filed',
  'notified',
  'onsite',
  'recorded',
  'fed_back',
  'rectification',
  'transferred',
  'closed',
  'archived',
] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

/** 五色工作法 grades, best first. Which colours count as high/low is a [U] reading: see grading.ts. */
export const GRADES = ['green', 'blue', 'yellow', 'orange', 'red'] as const;
export type Grade = (typeof GRADES)[number];

const agencySchema = z.object({
  id,
  name: text.describe('检查主体名称'),
  /** A body with enforcement power, authorised or lawfully entrusted (湘（一）). */
  hasEnforcementPower: z.boolean().describe('具有行政执法主体资格'),
});

const memberSchema = z.object({
  officerId: id,
  name: text.describe('姓名'),
  kind: z.enum(['officer', 'auxiliary']).describe('人员类别'),
  certNo: optText.describe('执法证号'),
  validFrom: optDate.describe('执法证有效期起'),
  validTo: optDate.describe('执法证有效期止'),
  status: z.enum(['active', 'disabled']).describe('状态'),
  deleted: z.boolean().default(false).describe('已删除'),
});

const itemSchema = z.object({
  itemId: id,
  name: text.describe('检查事项'),
  version: z.number().int().positive().describe('版本'),
  /**
   * The chosen version's status now: 'published' (current), 'superseded' (a newer version of
   * the same item is published — still on the list), 'retired' (removed from the list since),
   * 'draft' (never published).
   */
  status: z.enum(['published', 'superseded', 'retired', 'draft']).describe('事项状态'),
  retiredOn: optDate.default(null).describe('废止日期'),
  agencyId: id.describe('事项所属检查主体'),
  /** Listed as a 无扰检查 item: checked by written review or data, not on site (湘（七）). */
  noDisturb: z.boolean().default(false).describe('无扰检查事项'),
});

/** Another inspection of the same enterprise, as history queries return it. */
const otherInspectionSchema = z.object({
  inspectionId: id,
  agencyId: id,
  agencyName: text,
  kind: z.enum(INSPECTION_KINDS),
  onsite: z.boolean(),
  /** Actual start, else planned date; null for an open, unscheduled task. */
  date: optDate,
  /** Not yet carried out (draft … notified). */
  open: z.boolean(),
});
export type OtherInspection = z.infer<typeof otherInspectionSchema>;

export const inspectionFactsSchema = z.object({
  inspection: z.object({
    id,
    kind: z.enum(INSPECTION_KINDS).describe('检查类型'),
    triggerSource: z.enum(TRIGGER_SOURCES).nullable().describe('线索来源'),
    triggerRef: optText.describe('线索编号'),
    specialApprovalNo: optText.describe('专项检查批准文号'),
    onsite: z.boolean().describe('现场检查'),
    leadAgency: agencySchema,
    jointAgencies: z.array(agencySchema).describe('联合单位'),
    plannedDate: optDate.describe('计划检查日期'),
    actualStart: optDate.describe('实际开始日期'),
    actualEnd: optDate.describe('实际结束日期'),
    status: z.enum(INSPECTION_STATUSES).describe('状态'),
    /** Dates each lifecycle step was done (null: not yet). */
    steps: z.object({
      approvedAt: optDate.describe('方案批准日期'),
      /** Who approved: the agency's head, or (not enough, 湘（十一）) an internal unit's head. */
      approverLevel: z.enum(['head', 'unit']).nullable().describe('批准人层级'),
      filedAt: optDate.describe('备案日期'),
      notifiedAt: optDate.describe('通知书送达日期'),
      codeRegisteredAt: optDate.describe('扫码入企登记日期'),
      onsiteRecordedAt: optDate.describe('现场检查笔录日期'),
      offsiteRecordedAt: optDate.describe('非现场检查记录日期'),
      feedbackAt: optDate.describe('书面反馈日期'),
    }),
    emergency: z.boolean().describe('情况紧急'),
    emergencyReason: optText.describe('紧急情况说明'),
    /** A law allows inspecting without prior notice, and the reason is recorded (湘（十二）（十六）). */
    noNoticeReason: optText.describe('无需事先通知的依据'),
    /** This inspection falls under 潭优发〔2024〕2号 filing (the office setting resolved by the service). */
    filingRequired: z.boolean().describe('需入企报备'),
    filingExemption: z.enum(['state_secret', 'safety_production']).nullable().describe('免予报备事由'),
    /** 异地检查 (湘（二）) and the date reported to 司法行政. */
    remote: z.object({
      outOfJurisdiction: z.boolean().describe('异地检查'),
      reportedAt: optDate.describe('报司法行政备案日期'),
    }),
    /** A matter outside the agency's jurisdiction found in the inspection (湘（十八）). */
    transfer: z.object({
      required: z.boolean().describe('需移送'),
      foundAt: optDate.describe('发现日期'),
      transferredAt: optDate.describe('移送日期'),
    }),
    rectification: z.object({
      deadline: optDate.describe('整改期限'),
      verifiedAt: optDate.describe('复查日期'),
    }),
  }),
  enterprise: z.object({
    id,
    name: text.describe('企业名称'),
    grade: z.enum(GRADES).nullable().describe('综合评价等次'),
    whitelist: z.boolean().describe('白名单'),
    keySupervision: z.boolean().describe('重点监管'),
    park: optText.describe('所在园区'),
  }),
  items: z.array(itemSchema).describe('检查事项'),
  team: z.array(memberSchema).describe('检查人员'),
  history: z.object({
    /**
     * This enterprise's inspections led by the same agency, cancelled ones left out: at least the
     * calendar year of this inspection and the `burst.days` before its date. The rules pick the
     * year (cap) and the window (burst) themselves, so a wider list is harmless.
     */
    sameAgency: z.array(otherInspectionSchema),
    /** Other inspections of this enterprise by any agency: open ones, and those within `multiAgencyWindowDays`. */
    related: z.array(otherInspectionSchema),
  }),
  /** Heads' recorded overrides of warnings; the approval number where the rule names an approval. */
  overrides: z.array(z.object({ ruleId: z.string(), approvalNo: optText, reason: text })),
});
export type InspectionFacts = z.infer<typeof inspectionFactsSchema>;
export type InspectionFactsInput = z.input<typeof inspectionFactsSchema>;
export type TeamMember = InspectionFacts['team'][number];
export type InspectionItem = InspectionFacts['items'][number];
export type Agency = InspectionFacts['inspection']['leadAgency'];

/** Position in the lifecycle; the three outcomes share one rank. */
export function statusRank(status: InspectionStatus): number {
  switch (status) {
    case 'draft':
      return 0;
    case 'approved':
      return 1;
    case 'filed':
      return 2;
    case 'notified':
      return 3;
    case 'onsite':
      return 4;
    case 'recorded':
      return 5;
    case 'fed_back':
      return 6;
    case 'rectification':
    case 'transferred':
      return 7;
    case 'closed':
      return 8;
    case 'archived':
      return 9;
    default:
      return assertNever(status);
  }
}
