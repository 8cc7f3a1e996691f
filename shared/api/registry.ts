import { z } from 'zod';
import { route, type Role } from './route';
import { idSchema } from './common';
import { agencyCreateInput, agencyRow, agencyUpdateInput } from '../schemas/agency';
import { officerCreateInput, officerRow, officerUpdateInput } from '../schemas/officer';
import {
  enterpriseCreateInput,
  enterpriseRecord,
  enterpriseSearchInput,
  enterpriseSearchOutput,
  enterpriseUpdateInput,
} from '../schemas/enterprise';
import { ITEM_STATUSES, itemActionInput, itemCreateInput, itemDetail, itemRetireInput, itemRow, itemUpdateInput } from '../schemas/item';

export type { AgencyRow } from '../schemas/agency';
export type { OfficerRow } from '../schemas/officer';
export type { EnterpriseRow, EnterpriseRecord } from '../schemas/enterprise';
export type { ItemRow, ItemDetail, ItemVersionRow } from '../schemas/item';

/** Who keeps the registries: the administrator, the office clerk (内勤) and the head. */
export const REGISTRY_WRITERS: readonly Role[] = ['admin', 'clerk', 'head'];
/** Publishing or retiring an item changes what the office may inspect: the head (or the administrator). */
export const ITEM_PUBLISHERS: readonly Role[] = ['head', 'admin'];

const byId = z.object({ id: idSchema }).strict();

/** 检查主体, 执法人员, 经营主体 and 检查事项清单: reading for everyone, writing for the registry keepers. */
export const registryRoutes = {
  'agencies.list': route({
    title: '检查主体列表',
    input: z.object({}).strict(),
    output: z.array(agencyRow),
    access: 'user',
    mutates: false,
  }),
  'agencies.create': route({ title: '新增检查主体', input: agencyCreateInput, output: agencyRow, access: REGISTRY_WRITERS, mutates: true }),
  'agencies.update': route({ title: '修改检查主体', input: agencyUpdateInput, output: agencyRow, access: REGISTRY_WRITERS, mutates: true }),

  'officers.list': route({
    title: '执法人员列表（含证件状态）',
    input: z
      .object({
        agencyId: idSchema.optional().describe('检查主体'),
        includeDisabled: z.boolean().default(true).describe('包括停用人员'),
      })
      .strict(),
    output: z.array(officerRow),
    access: 'user',
    mutates: false,
  }),
  'officers.create': route({ title: '新增执法人员', input: officerCreateInput, output: officerRow, access: REGISTRY_WRITERS, mutates: true }),
  'officers.update': route({ title: '修改执法人员', input: officerUpdateInput, output: officerRow, access: REGISTRY_WRITERS, mutates: true }),
  'officers.setStatus': route({
    title: '执法人员在岗或停用',
    input: z.object({ id: idSchema, status: z.enum(['active', 'disabled']).describe('状态') }).strict(),
    output: officerRow,
    access: REGISTRY_WRITERS,
    mutates: true,
  }),

  'enterprises.search': route({
    title: '查找经营主体（名称、住所、拼音首字母、信用代码；按拼音或登记先后分页）',
    input: enterpriseSearchInput,
    output: enterpriseSearchOutput,
    access: 'user',
    mutates: false,
  }),
  'enterprises.get': route({ title: '经营主体详情', input: byId, output: enterpriseRecord, access: 'user', mutates: false }),
  'enterprises.findByCode': route({
    title: '按统一社会信用代码查找已登记的经营主体',
    input: z.object({ creditCode: z.string().trim().min(1).max(40).describe('统一社会信用代码') }).strict(),
    output: z.object({ id: idSchema, name: z.string(), creditCode: z.string() }).nullable(),
    access: 'user',
    mutates: false,
  }),
  'enterprises.create': route({ title: '新增经营主体', input: enterpriseCreateInput, output: enterpriseRecord, access: REGISTRY_WRITERS, mutates: true }),
  'enterprises.update': route({ title: '修改经营主体', input: enterpriseUpdateInput, output: enterpriseRecord, access: REGISTRY_WRITERS, mutates: true }),

  'items.list': route({
    title: '检查事项清单',
    input: z
      .object({
        agencyId: idSchema.optional().describe('检查主体'),
        status: z.enum(ITEM_STATUSES).optional().describe('状态'),
      })
      .strict(),
    output: z.array(itemRow),
    access: 'user',
    mutates: false,
  }),
  'items.get': route({ title: '检查事项详情（含全部版本）', input: byId, output: itemDetail, access: 'user', mutates: false }),
  'items.create': route({ title: '新增检查事项（草稿）', input: itemCreateInput, output: itemDetail, access: REGISTRY_WRITERS, mutates: true }),
  'items.update': route({
    title: '修改检查事项（草稿直接修改；已发布事项生成待发布的新版本）',
    input: itemUpdateInput,
    output: itemDetail,
    access: REGISTRY_WRITERS,
    mutates: true,
  }),
  'items.publish': route({ title: '发布检查事项（或其新版本）', input: itemActionInput, output: itemDetail, access: ITEM_PUBLISHERS, mutates: true }),
  'items.retire': route({ title: '废止检查事项', input: itemRetireInput, output: itemDetail, access: ITEM_PUBLISHERS, mutates: true }),
};
