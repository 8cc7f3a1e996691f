import { z } from 'zod';
import { route } from './route';
import { idSchema } from './common';

/** Read-only registry lists (the demo archive's agencies, officers, enterprises); editing comes with the registries. */
const agencyRow = z.object({
  id: idSchema,
  name: z.string(),
  shortName: z.string(),
  level: z.string(),
  creditCode: z.string().nullable(),
  head: z.string().nullable(),
  phone: z.string().nullable(),
  complaintChannel: z.string().nullable(),
});
const officerRow = z.object({
  id: idSchema,
  agencyName: z.string(),
  name: z.string(),
  post: z.string().nullable(),
  phone: z.string().nullable(),
  certNo: z.string().nullable(),
  certValidFrom: z.string().nullable(),
  certValidTo: z.string().nullable(),
  kind: z.enum(['officer', 'auxiliary']),
  status: z.enum(['active', 'disabled']),
});
const enterpriseRow = z.object({
  id: idSchema,
  creditCode: z.string(),
  name: z.string(),
  kind: z.string(),
  address: z.string(),
  legalRep: z.string().nullable(),
  industry: z.string().nullable(),
  grade: z.string().nullable(),
});
export type AgencyRow = z.infer<typeof agencyRow>;
export type OfficerRow = z.infer<typeof officerRow>;
export type EnterpriseRow = z.infer<typeof enterpriseRow>;

const page = z
  .object({
    afterId: z.number().int().min(0).default(0).describe('起始编号'),
    limit: z.number().int().min(1).max(200).default(50).describe('条数'),
  })
  .strict();

export const registryRoutes = {
  'agencies.list': route({
    title: '检查主体列表',
    input: z.object({}).strict(),
    output: z.array(agencyRow),
    access: 'user',
    mutates: false,
  }),
  'officers.list': route({
    title: '执法人员列表',
    input: z.object({}).strict(),
    output: z.array(officerRow),
    access: 'user',
    mutates: false,
  }),
  'enterprises.page': route({
    title: '经营主体列表（按编号分页）',
    input: page,
    output: z.object({ rows: z.array(enterpriseRow), total: z.number(), nextAfterId: z.number().nullable() }),
    access: 'user',
    mutates: false,
  }),
};
