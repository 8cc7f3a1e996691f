import { z } from 'zod';
import { checkCreditCode } from '../validation/creditCode';
import { GRADES, type EnterpriseKind, type Grade } from './enterprise';
import { LEVELS, type Level, optDate, optPhone, optText, text } from './fields';
import type { ImportKind } from './importFields';
import { itemCodeSchema, itemFields } from './item';
import { certNoSchema, type AuxiliaryType } from './officer';

/**
 * Row schemas of an import: input is each mapped column's cell as text ('' when empty; a
 * column the user did not map is absent). Field rules and messages are the registries' own
 * (fields.ts, enterprise.ts, officer.ts, item.ts) so a record the import accepts is one the
 * edit form would accept; on top come the ways registers write values (是/否, 绿色, 县级…).
 * The writer updates only mapped fields of an existing record, so absent columns keep their
 * stored values there.
 */

/** A value from a small set, written in any of several ways; '' and absent are null. */
function oneOf<T>(aliases: Record<string, T>, message: string) {
  return z
    .string()
    .optional()
    .transform((s, ctx): T | null => {
      if (s === undefined || s === '') return null;
      const key = s.replace(/\s+/gu, '').toLowerCase();
      if (!Object.prototype.hasOwnProperty.call(aliases, key)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return aliases[key] as T;
    });
}

const flag = oneOf<boolean>(
  { 是: true, 否: false, y: true, n: false, yes: true, no: false, '1': true, '0': false, true: true, false: false, '√': true, '✓': true, '×': false, '✗': false, 有: true, 无: false },
  '应填“是”或“否”',
);

const creditCode = z.string({ error: '缺少统一社会信用代码' }).transform((s, ctx) => {
  if (s === '') {
    ctx.addIssue({ code: 'custom', message: '统一社会信用代码不能为空' });
    return z.NEVER;
  }
  const r = checkCreditCode(s);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.code;
});

/** The kind by the code's registration authority and category (GB 32100: 91 企业, 92 个体工商户, 93 农民专业合作社). */
export function kindFromCreditCode(code: string): EnterpriseKind {
  const prefix = code.slice(0, 2);
  return prefix === '91' ? '企业' : prefix === '92' ? '个体工商户' : prefix === '93' ? '农民专业合作社' : '其他';
}

export const enterpriseRowSchema = z
  .object({
    creditCode,
    name: text('名称', 100),
    kind: oneOf<EnterpriseKind>(
      { 企业: '企业', 公司: '企业', 企业法人: '企业', 有限责任公司: '企业', 个体工商户: '个体工商户', 个体户: '个体工商户', 个体: '个体工商户', 农民专业合作社: '农民专业合作社', 合作社: '农民专业合作社', 其他: '其他' },
      '主体类型应为 企业、个体工商户、农民专业合作社 或 其他',
    ),
    address: text('住所', 200),
    legalRep: optText('法定代表人（负责人）', 32),
    phone: optPhone('联系电话'),
    industry: optText('行业', 60),
    park: optText('所在园区', 60),
    grade: oneOf<Grade>(Object.fromEntries(GRADES.flatMap((g) => [[g, g], [`${g}色`, g]])), '信用等级应为 绿、蓝、黄、橙、红 之一'),
    whitelist: flag,
    whitelistDate: optDate('列入白名单日期'),
    whitelistReason: optText('列入白名单理由', 200),
    keySupervision: flag,
    keySupervisionDate: optDate('列入重点监管日期'),
    keySupervisionReason: optText('列入重点监管理由', 200),
  })
  // The enterprise form's rules (shared/schemas/enterprise.ts checkFlags), same messages.
  .superRefine((v, ctx) => {
    if (v.whitelist) {
      if (!v.whitelistDate) ctx.addIssue({ code: 'custom', path: ['whitelistDate'], message: '列入白名单须填写日期' });
      if (!v.whitelistReason) ctx.addIssue({ code: 'custom', path: ['whitelistReason'], message: '列入白名单须填写理由' });
    }
    if (v.keySupervision) {
      if (!v.keySupervisionDate) ctx.addIssue({ code: 'custom', path: ['keySupervisionDate'], message: '列入重点监管须填写日期' });
      if (!v.keySupervisionReason) ctx.addIssue({ code: 'custom', path: ['keySupervisionReason'], message: '列入重点监管须填写理由' });
    }
    if (v.whitelist && v.keySupervision) ctx.addIssue({ code: 'custom', path: ['keySupervision'], message: '同一主体不能同时列入白名单和重点监管名单' });
  })
  .transform((r) => ({ ...r, kind: r.kind ?? kindFromCreditCode(r.creditCode), whitelist: r.whitelist ?? false, keySupervision: r.keySupervision ?? false }));
export type EnterpriseImportRow = z.output<typeof enterpriseRowSchema>;

export const officerRowSchema = z
  .object({
    agency: text('所属单位', 60),
    name: text('姓名', 32),
    post: optText('职务', 40),
    phone: optPhone('联系电话'),
    certNo: certNoSchema,
    certValidFrom: optDate('证件有效期起'),
    certValidTo: optDate('证件有效期止'),
    category: oneOf<AuxiliaryType | 'officer'>(
      { 执法人员: 'officer', 行政执法人员: 'officer', 辅助人员: '辅助人员', 执法辅助人员: '辅助人员', 辅助执法人员: '辅助人员', 协管员: '辅助人员', 网格员: '网格员', 临时工: '临时工' },
      '人员类别应为 执法人员、辅助人员、网格员 或 临时工',
    ),
    status: oneOf<'active' | 'disabled'>({ 在岗: 'active', 正常: 'active', 有效: 'active', 停用: 'disabled', 离岗: 'disabled', 调离: 'disabled', 注销: 'disabled' }, '状态应为“在岗”或“停用”'),
  })
  .transform((r) => ({ ...r, auxiliaryType: r.category === 'officer' ? null : r.category }))
  // The officer form's rules (shared/schemas/officer.ts checkOfficer), same messages.
  .superRefine((v, ctx) => {
    if (v.auxiliaryType === null) {
      if (!v.certNo) ctx.addIssue({ code: 'custom', path: ['certNo'], message: '执法人员须填写执法证号（辅助人员请选择人员类别）' });
      if (!v.certValidFrom) ctx.addIssue({ code: 'custom', path: ['certValidFrom'], message: '请填写证件有效期起始日期' });
      if (!v.certValidTo) ctx.addIssue({ code: 'custom', path: ['certValidTo'], message: '请填写证件有效期截止日期' });
    }
    if (v.certValidFrom && v.certValidTo && v.certValidFrom > v.certValidTo) {
      ctx.addIssue({ code: 'custom', path: ['certValidTo'], message: '证件有效期截止日期不能早于起始日期' });
    }
  });
export type OfficerImportRow = z.output<typeof officerRowSchema>;

const { level: _level, ...nineFields } = itemFields;
const LEVEL_ALIASES: Record<string, Level> = Object.fromEntries(
  LEVELS.flatMap((l) => [[l, l], [`${l}级`, l]]).concat([['县区', '县'], ['县区级', '县'], ['区', '县'], ['区级', '县'], ['乡', '乡镇'], ['镇', '乡镇'], ['街道', '乡镇']]),
);

export const itemRowSchema = z.object({
  ...nineFields,
  code: z
    .string()
    .optional()
    .transform((s) => (s ? s : undefined))
    .pipe(itemCodeSchema.optional())
    .transform((s) => s ?? null),
  level: oneOf<Level>(LEVEL_ALIASES, '实施层级应为 省、市、县 或 乡镇'),
});
export type ItemImportRow = z.output<typeof itemRowSchema>;

export const IMPORT_ROW_SCHEMAS = {
  enterprises: enterpriseRowSchema,
  officers: officerRowSchema,
  items: itemRowSchema,
} satisfies Record<ImportKind, z.ZodType>;

/** The level written in a subject such as "湘潭县市场监督管理局（县级）", if any. */
export function levelInSubject(subject: string): { name: string; level: Level | null } {
  const m = /^(.*?)\s*[(（]\s*([^()（）]+?)\s*[)）]\s*$/u.exec(subject);
  if (!m) return { name: subject.trim(), level: null };
  const level = LEVEL_ALIASES[(m[2] ?? '').replace(/\s+/gu, '')];
  return level ? { name: (m[1] ?? '').trim(), level } : { name: subject.trim(), level: null };
}
