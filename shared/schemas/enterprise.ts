import { z } from 'zod';
import { idSchema } from '../api/common';
import { creditCodeSchema, optDate, optPhone, optText, text, versionField } from './fields';

/** 经营主体 (DESIGN.md: enterprises). */
export const ENTERPRISE_KINDS = ['企业', '个体工商户', '农民专业合作社', '其他'] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];
/** 五色: the credit/risk grade, best first (磐安 五色工作法). */
export const GRADES = ['绿', '蓝', '黄', '橙', '红'] as const;
export type Grade = (typeof GRADES)[number];

export const kindSchema = z.enum(ENTERPRISE_KINDS).describe('主体类型');
export const gradeSchema = z.enum(GRADES).describe('信用风险等级');

const enterpriseBase = z.object({
  creditCode: creditCodeSchema,
  name: text('名称', 100),
  kind: kindSchema,
  address: text('住所', 200),
  legalRep: optText('法定代表人（负责人）', 32),
  phone: optPhone('联系电话'),
  industry: optText('行业', 60),
  park: optText('所在园区', 60),
  grade: gradeSchema.nullable().default(null),
  whitelist: z.boolean().default(false).describe('白名单'),
  whitelistDate: optDate('列入白名单日期'),
  whitelistReason: optText('列入白名单理由', 200),
  keySupervision: z.boolean().default(false).describe('重点监管'),
  keySupervisionDate: optDate('列入重点监管日期'),
  keySupervisionReason: optText('列入重点监管理由', 200),
});
type EnterpriseBase = z.output<typeof enterpriseBase>;

/**
 * A flag needs its date and reason; the whitelist (fewer checks) and the key-supervision list
 * (more checks) contradict each other (湘政办发〔2025〕5号（九）; 潭优发〔2024〕2号 9).
 */
function checkFlags(v: EnterpriseBase, ctx: z.RefinementCtx): void {
  if (v.whitelist) {
    if (!v.whitelistDate) ctx.addIssue({ code: 'custom', path: ['whitelistDate'], message: '列入白名单须填写日期' });
    if (!v.whitelistReason) ctx.addIssue({ code: 'custom', path: ['whitelistReason'], message: '列入白名单须填写理由' });
  }
  if (v.keySupervision) {
    if (!v.keySupervisionDate) ctx.addIssue({ code: 'custom', path: ['keySupervisionDate'], message: '列入重点监管须填写日期' });
    if (!v.keySupervisionReason) ctx.addIssue({ code: 'custom', path: ['keySupervisionReason'], message: '列入重点监管须填写理由' });
  }
  if (v.whitelist && v.keySupervision) {
    ctx.addIssue({ code: 'custom', path: ['keySupervision'], message: '同一主体不能同时列入白名单和重点监管名单' });
  }
}

export const enterpriseCreateInput = enterpriseBase.strict().superRefine(checkFlags);
export const enterpriseUpdateInput = enterpriseBase
  .extend({ id: idSchema, version: versionField })
  .strict()
  .superRefine(checkFlags);

/** One line of the enterprise list. */
export const enterpriseRow = z.object({
  id: idSchema,
  creditCode: z.string(),
  name: z.string(),
  kind: kindSchema,
  address: z.string(),
  legalRep: z.string().nullable(),
  industry: z.string().nullable(),
  park: z.string().nullable(),
  grade: gradeSchema.nullable(),
  whitelist: z.boolean(),
  keySupervision: z.boolean(),
});
export type EnterpriseRow = z.infer<typeof enterpriseRow>;

/** The whole record, for the edit form. */
export const enterpriseRecord = enterpriseRow.extend({
  uuid: z.string(),
  version: z.number(),
  phone: z.string().nullable(),
  whitelistDate: z.string().nullable(),
  whitelistReason: z.string().nullable(),
  keySupervisionDate: z.string().nullable(),
  keySupervisionReason: z.string().nullable(),
  nameInitials: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseRecord = z.infer<typeof enterpriseRecord>;

export const SEARCH_SORTS = ['pinyin', 'recent'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
/** Largest page the search returns. */
export const SEARCH_MAX_LIMIT = 200;

export const enterpriseSearchInput = z
  .object({
    q: z.string().trim().max(100, '搜索内容最多 100 个字符').optional().describe('搜索内容'),
    kind: kindSchema.optional(),
    grade: gradeSchema.optional(),
    whitelist: z.boolean().optional().describe('白名单'),
    keySupervision: z.boolean().optional().describe('重点监管'),
    park: z.string().trim().min(1).max(60).optional().describe('所在园区'),
    sort: z.enum(SEARCH_SORTS).default('pinyin').describe('排序'),
    after: z.string().min(1).max(400).optional().describe('翻页位置'),
    limit: z.number().int().min(1).max(SEARCH_MAX_LIMIT).default(50).describe('条数'),
  })
  .strict();

export const enterpriseSearchOutput = z.object({
  rows: z.array(enterpriseRow),
  /**
   * Counted on the first page only (null on later pages). Counting stops at a cap for speed:
   * then `totalExact` is false and `total` is a lower bound ("至少 N 条").
   */
  total: z.number().nullable(),
  totalExact: z.boolean(),
  /** Where the next page starts; null at the end. A page may hold fewer rows than asked and still have a next page. */
  nextCursor: z.string().nullable(),
});
