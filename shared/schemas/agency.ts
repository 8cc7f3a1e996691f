import { z } from 'zod';
import { idSchema } from '../api/common';
import { levelSchema, optCreditCode, optPhone, optText, text, versionField } from './fields';

/** 检查主体: an agency with inspection power (DESIGN.md: agencies). */
export const agencyFields = {
  name: text('名称', 60),
  shortName: text('简称', 20),
  level: levelSchema,
  creditCode: optCreditCode,
  head: optText('负责人', 32),
  phone: optPhone('联系电话'),
  complaintChannel: optText('投诉举报渠道', 200),
};

export const agencyCreateInput = z.object(agencyFields).strict();
export const agencyUpdateInput = z.object({ id: idSchema, version: versionField, ...agencyFields }).strict();

export const agencyRow = z.object({
  id: idSchema,
  uuid: z.string(),
  version: z.number(),
  name: z.string(),
  shortName: z.string(),
  level: levelSchema,
  creditCode: z.string().nullable(),
  head: z.string().nullable(),
  phone: z.string().nullable(),
  complaintChannel: z.string().nullable(),
  /** The office this archive belongs to. */
  isOwn: z.boolean(),
  officerCount: z.number(),
  updatedAt: z.string(),
});
export type AgencyRow = z.infer<typeof agencyRow>;
