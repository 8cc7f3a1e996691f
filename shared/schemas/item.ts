import { z } from 'zod';
import { idSchema } from '../api/common';
import { levelSchema, optText, text, versionField } from './fields';

/**
 * 涉企行政检查事项清单: an agency's published list ("清单之外无检查", 湘政办发〔2025〕5号（四）–（六）).
 * An item keeps its identity; its nine published fields are versioned, and a published version
 * never changes, because an inspection cites the version it used.
 */
export const ITEM_STATUSES = ['draft', 'published', 'retired'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = { draft: '草稿', published: '已发布', retired: '已废止' };

/** The nine fields of a published list, in the order the lists print them. */
export const itemFields = {
  name: text('事项名称', 100),
  basis: text('实施依据', 2000),
  subject: text('检查主体', 100),
  level: levelSchema.describe('实施层级'),
  undertakingUnit: text('承办机构', 200),
  target: text('检查对象', 500),
  content: text('检查内容', 2000),
  method: text('检查方式', 200),
  frequency: text('检查频次', 200),
  remark: optText('备注', 500),
};
export const ITEM_FIELD_LABELS: Record<keyof typeof itemFields, string> = {
  name: '事项名称',
  basis: '实施依据',
  subject: '检查主体',
  level: '实施层级',
  undertakingUnit: '承办机构',
  target: '检查对象',
  content: '检查内容',
  method: '检查方式',
  frequency: '检查频次',
  remark: '备注',
};

export const itemCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{1,20}$/u, '事项编号应为 1–20 位数字、字母或连字符')
  .describe('事项编号');

export const itemCreateInput = z
  .object({ agencyId: idSchema.describe('检查主体'), code: itemCodeSchema.optional(), ...itemFields })
  .strict();
export const itemUpdateInput = z.object({ id: idSchema, version: versionField, ...itemFields }).strict();
export const itemActionInput = z.object({ id: idSchema, version: versionField }).strict();
export const itemRetireInput = itemActionInput
  .extend({ reason: z.string().trim().max(200, '废止理由最多 200 个字符').optional().describe('废止理由') })
  .strict();

const fieldValues = z.object({
  name: z.string(),
  basis: z.string(),
  subject: z.string(),
  level: levelSchema,
  undertakingUnit: z.string(),
  target: z.string(),
  content: z.string(),
  method: z.string(),
  frequency: z.string(),
  remark: z.string().nullable(),
});
export type ItemFieldValues = z.infer<typeof fieldValues>;

/** One version of an item's nine fields. */
export const itemVersionRow = fieldValues.extend({
  version: z.number(),
  /** Null while the version is a draft. */
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ItemVersionRow = z.infer<typeof itemVersionRow>;

/** An item with the fields of its current version (for a draft item: the draft). */
export const itemRow = fieldValues.extend({
  id: idSchema,
  uuid: z.string(),
  /** Record version, for optimistic concurrency. */
  version: z.number(),
  agencyId: idSchema,
  agencyName: z.string(),
  code: z.string(),
  status: z.enum(ITEM_STATUSES),
  /** The version in force (published/retired items) or being drafted (draft items). */
  currentVersion: z.number(),
  /** A newer, unpublished version of a published item, if one is being prepared. */
  pendingVersion: z.number().nullable(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  retireReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type ItemRow = z.infer<typeof itemRow>;

export const itemDetail = itemRow.extend({ versions: z.array(itemVersionRow) });
export type ItemDetail = z.infer<typeof itemDetail>;
