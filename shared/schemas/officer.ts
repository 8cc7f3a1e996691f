import { z } from 'zod';
import { idSchema } from '../api/common';
import { optDate, optPhone, optText, text, versionField } from './fields';

/**
 * 执法人员. Auxiliary staff (辅助人员, 网格员, 临时工) are recorded but never inspect
 * (湘政办发〔2025〕5号（三）; 磐安（一）1), so they need no certificate.
 */
export const AUXILIARY_TYPES = ['辅助人员', '网格员', '临时工'] as const;
export type AuxiliaryType = (typeof AUXILIARY_TYPES)[number];
export const auxiliaryTypeSchema = z.enum(AUXILIARY_TYPES).nullable().default(null).describe('人员类别');

/** Days before expiry from which a certificate is flagged 30天内到期. */
export const CERT_WARN_DAYS = 30;
export const CERT_STATUSES = ['valid', 'expiring', 'expired', 'notYetValid', 'none'] as const;
export type CertStatus = (typeof CERT_STATUSES)[number];
export const CERT_STATUS_LABELS: Record<CertStatus, string> = {
  valid: '有效',
  expiring: '30天内到期',
  expired: '已过期',
  notYetValid: '未生效',
  none: '无执法证',
};

const CERT_NO = /^[0-9A-Za-z-]{4,32}$/u;
/** 执法证号: optional here; whether it is required depends on the person's category. */
export const certNoSchema = z
  .string()
  .trim()
  .refine((v) => v === '' || CERT_NO.test(v), '执法证号应为 4–32 位数字或字母')
  .optional()
  .nullable()
  .transform((v) => (v ? v.toUpperCase() : null))
  .describe('执法证号');

const officerBase = z.object({
  agencyId: idSchema.describe('所属检查主体'),
  name: text('姓名', 32),
  post: optText('职务', 40),
  phone: optPhone('联系电话'),
  auxiliaryType: auxiliaryTypeSchema,
  certNo: certNoSchema,
  certValidFrom: optDate('证件有效期起'),
  certValidTo: optDate('证件有效期止'),
});

type OfficerBase = z.output<typeof officerBase>;

/** The rules that tie the fields together, shared by create and update. */
function checkOfficer(v: OfficerBase, ctx: z.RefinementCtx): void {
  if (v.auxiliaryType === null) {
    if (!v.certNo) ctx.addIssue({ code: 'custom', path: ['certNo'], message: '执法人员须填写执法证号（辅助人员请选择人员类别）' });
    if (!v.certValidFrom) ctx.addIssue({ code: 'custom', path: ['certValidFrom'], message: '请填写证件有效期起始日期' });
    if (!v.certValidTo) ctx.addIssue({ code: 'custom', path: ['certValidTo'], message: '请填写证件有效期截止日期' });
  }
  if (v.certValidFrom && v.certValidTo && v.certValidFrom > v.certValidTo) {
    ctx.addIssue({ code: 'custom', path: ['certValidTo'], message: '证件有效期截止日期不能早于起始日期' });
  }
}

export const officerCreateInput = officerBase.strict().superRefine(checkOfficer);
export const officerUpdateInput = officerBase
  .extend({ id: idSchema, version: versionField })
  .strict()
  .superRefine(checkOfficer);

export const officerRow = z.object({
  id: idSchema,
  uuid: z.string(),
  version: z.number(),
  agencyId: idSchema,
  agencyName: z.string(),
  name: z.string(),
  post: z.string().nullable(),
  phone: z.string().nullable(),
  certNo: z.string().nullable(),
  certValidFrom: z.string().nullable(),
  certValidTo: z.string().nullable(),
  auxiliaryType: z.enum(AUXILIARY_TYPES).nullable(),
  status: z.enum(['active', 'disabled']),
  /** Where the certificate stands today (server's date). */
  certStatus: z.enum(CERT_STATUSES),
  /** Days until the certificate ends (negative once expired); null without a certificate. */
  certDaysLeft: z.number().nullable(),
  /** May be put on an inspection team today: a certified, active officer with a valid certificate. */
  canInspect: z.boolean(),
});
export type OfficerRow = z.infer<typeof officerRow>;
