import { z } from 'zod';

/**
 * The validated data of each official document the app writes (DOMAIN.md §3). Field names are
 * English; every field carries its Chinese label (`.describe`/`.meta`), which `missingFields`
 * uses to say exactly what is still to be filled in, so no half-filled document is ever printed.
 * Dates are ISO strings ('2025-02-18', '2025-02-18T09:30'): shared/ stays free of time zones.
 */

/** A required text: blank or whitespace-only counts as missing. */
const req = (text: string, max = 500) => z.string().trim().min(1).max(max).describe(text);
/** An optional text; a blank one is treated as absent. */
const opt = (text: string, max = 500) => z.string().trim().max(max).optional().describe(text);
const longText = (text: string) => req(text, 20_000);

const isRealDate = (s: string): boolean => {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};
/** 'YYYY-MM-DD', a real calendar date. */
export const isoDateSchema = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/u, '日期格式应为 2025-02-18').refine(isRealDate, '不是有效的日期');
/** 'YYYY-MM-DDTHH:mm', to the minute (records state 时 and 分). */
export const isoDateTimeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/u, '时间格式应为 2025-02-18T09:30')
  .refine(isRealDate, '不是有效的日期');
const date = (text: string) => isoDateSchema.describe(text);
const dateTime = (text: string) => isoDateTimeSchema.describe(text);
const optDate = (text: string) => isoDateSchema.optional().describe(text);
const list = (text: string, unit: '人' | '项' = '项', min = 1) => z.array(req(text)).min(min).meta({ unit }).describe(text);

export const officerSchema = z.object({ name: req('姓名', 100), certificateNo: req('执法证号', 64) });
export type Officer = z.infer<typeof officerSchema>;
const team = (text = '检查人员', min = 2) => z.array(officerSchema).min(min).max(50).meta({ unit: '人' }).describe(text);
const contact = z.object({ name: req('姓名', 100), phone: req('电话', 64) }).describe('联系人');
const enterpriseRef = (text: string) => z.object({ name: req('名称'), creditCode: opt('统一社会信用代码', 64) }).describe(text);
const enterpriseFull = (text: string) =>
  enterpriseRef(text).extend({ address: opt('住所（经营场所）'), legalRepresentative: opt('法定代表人（负责人）', 100), phone: opt('联系电话', 64) });

export const TASK_SOURCES = ['年度计划', '双随机', '专项', '投诉举报', '转办交办', '数据监测', '依企业申请', '其他'] as const;
export const INSPECTION_TYPES = ['日常检查', '专项检查', '个案检查'] as const;
export const INSPECTION_METHODS = ['现场检查', '非现场检查', '联合检查'] as const;
export const OFFSITE_METHODS = ['书面核查', '信息共享', '数据比对', '远程视频', '网络巡查', '在线监测', '企业提交材料'] as const;
export const OFFSITE_CONCLUSIONS = ['未发现问题', '需说明或补充材料', '需转现场检查', '移送立案'] as const;
export const ONSITE_CONCLUSIONS = ['未发现问题', '发现问题'] as const;
export const RECTIFY_MODES = ['立即改正', '限期改正'] as const;

/** Fixed texts an administrator may edit (defaults: resources/documents/texts.json). */
export const documentTextsSchema = z.object({
  rights: list('被检查单位的权利'),
  duties: list('被检查单位的义务'),
  discipline: list('检查纪律（五个严禁）'),
  complaint: req('投诉举报渠道', 2000),
  objection: req('异议及陈述申辩渠道', 2000),
  rectifyConsequence: req('逾期不改正的后果', 2000),
  rectifyReport: req('整改完成后的报告要求', 2000),
});
export type DocumentTexts = z.infer<typeof documentTextsSchema>;

const filingForm = z.object({
  leadAgency: req('检查单位（牵头单位）'),
  jointAgencies: z.array(req('联合单位')).max(20).default([]).describe('联合单位'),
  inspectionDate: date('检查时间'),
  inspectionEndDate: optDate('检查结束时间'),
  leader: z.object({ name: req('姓名', 100), post: req('职务', 100), phone: req('联系电话', 64), certificateNo: req('执法证号', 64) }).describe('带队人员'),
  others: team('其他检查人员', 1),
  enterprise: z.object({ name: req('名称'), creditCode: opt('统一社会信用代码', 64) }).describe('检查对象'),
  items: list('检查项目'),
  basis: longText('检查依据'),
  content: longText('检查内容'),
  headOpinion: opt('检查单位主要负责人意见', 2000),
});

const approvalForm = z.object({
  docNumber: req('编号', 100),
  agencyName: req('检查主体'),
  taskSource: z.enum(TASK_SOURCES).describe('任务来源'),
  taskSourceNote: opt('任务来源说明', 2000),
  inspectionType: z.enum(INSPECTION_TYPES).describe('检查类型'),
  enterprise: enterpriseFull('检查对象'),
  items: z.array(z.object({ name: req('名称'), listNo: opt('清单编号', 100) })).min(1).describe('检查事项'),
  basis: longText('检查依据'),
  content: longText('检查标准及内容'),
  method: z.enum(INSPECTION_METHODS).describe('检查方式'),
  leadAgency: opt('牵头部门'),
  cooperatingAgencies: z.array(req('配合部门')).max(20).default([]).describe('配合部门'),
  plannedDate: date('拟检查时间'),
  plannedEndDate: optDate('拟检查结束时间'),
  team: team(),
  assistantCount: z.number().int().min(0).max(99).describe('协助检查人员人数'),
  countThisYear: z.number().int().min(0).max(999).describe('本年度已检查次数'),
  yearlyCap: z.number().int().min(1).max(999).describe('年度检查频次上限'),
  inPlan: z.boolean().describe('是否纳入年度检查计划'),
  planNo: opt('计划编号', 100),
  remark: opt('备注', 2000),
});

const inspectionNotice = z.object({
  agencyName: req('检查机关'),
  docNumber: req('文书编号', 100),
  issueDate: date('成文日期'),
  inspectionNo: req('检查编号', 100),
  enterprise: z.object({ name: req('名称'), creditCode: req('统一社会信用代码', 64) }).describe('被检查单位'),
  basis: longText('检查依据'),
  inspectionDate: date('检查日期'),
  items: list('检查事项'),
  content: opt('检查内容', 20_000),
  method: z.enum(INSPECTION_METHODS).describe('检查方式'),
  team: team(),
  assistantCount: z.number().int().min(0).max(99).default(0).describe('协助检查人员人数'),
  countThisYear: z.number().int().min(1).max(999).describe('本年度第几次检查'),
  texts: documentTextsSchema.pick({ rights: true, duties: true, discipline: true, complaint: true }).describe(''),
  contact,
});

const onSiteRecord = z.object({
  agencyName: req('检查机关'),
  inspectionNo: opt('检查编号（行政检查码）', 100),
  scanTime: dateTime('扫码时间').optional(),
  start: dateTime('检查开始时间'),
  end: dateTime('检查结束时间'),
  place: req('检查地点'),
  party: enterpriseFull('当事人'),
  team: team(),
  recorder: req('记录人', 100),
  itemListNos: z.array(req('检查事项清单编号')).default([]).describe('检查事项清单编号'),
  certificatesShown: z.boolean().describe('是否出示执法证件'),
  rightsExplained: z.boolean().describe('是否告知权利'),
  recusalRequested: z.boolean().describe('是否申请回避'),
  findings: longText('现场检查情况'),
  evidence: z.array(req('证据材料')).default([]).describe('证据材料'),
  conclusion: z.enum(ONSITE_CONCLUSIONS).describe('检查结论'),
  resultToldOnSite: z.boolean().describe('是否当场告知检查结果'),
  witness: opt('见证人', 100),
});

const offSiteRecord = z.object({
  agencyName: req('检查机关'),
  docNumber: req('编号', 100),
  enterprise: enterpriseRef('检查对象'),
  items: list('检查事项'),
  basis: longText('检查依据'),
  methods: z.array(z.enum(OFFSITE_METHODS)).min(1).describe('检查方式'),
  sources: longText('数据及材料来源'),
  start: dateTime('检查开始时间'),
  end: dateTime('检查结束时间'),
  team: team(),
  process: longText('检查过程'),
  findings: opt('发现的问题或风险线索', 20_000),
  conclusion: z.enum(OFFSITE_CONCLUSIONS).describe('检查结论'),
  handler: opt('承办人', 100),
  reviewer: opt('审核人', 100),
  recordDate: date('记录日期'),
  attachments: z.array(req('附件')).default([]).describe('附件'),
});

const problem = z.object({ description: longText('问题'), provision: req('违反的具体条款', 2000) });
const resultNotice = z.object({
  agencyName: req('检查机关'),
  docNumber: req('文书编号', 100),
  issueDate: date('成文日期'),
  enterprise: enterpriseRef('被检查单位'),
  inspectionDate: date('检查日期'),
  basis: req('检查依据', 2000),
  items: list('检查事项'),
  mode: z.enum(['现场检查', '非现场检查']).describe('检查方式'),
  result: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('noProblem') }),
      z.object({ kind: z.literal('problems'), problems: z.array(problem).min(1).describe('发现的问题') }),
    ]).describe('检查结果'),
  rectification: z.object({ requirements: longText('整改要求'), deadline: optDate('整改期限') }).optional().describe('整改要求'),
  recheck: opt('复查安排', 2000),
  texts: documentTextsSchema.pick({ objection: true }).describe(''),
  contact,
});

const rectificationOrder = z
  .object({
    agencyName: req('检查机关'),
    docNumber: req('文书编号', 100),
    issueDate: date('成文日期'),
    party: z.object({ name: req('名称'), creditCode: opt('统一社会信用代码', 64), address: opt('住所（经营场所）') }).describe('当事人'),
    facts: longText('违法事实'),
    violated: req('违反的规定', 2000),
    basis: req('责令改正的依据', 2000),
    mode: z.enum(RECTIFY_MODES).describe('改正方式'),
    deadline: optDate('改正期限'),
    requirements: longText('改正要求'),
    texts: documentTextsSchema.pick({ rectifyConsequence: true, rectifyReport: true }).describe(''),
    contact,
  })
  .superRefine((v, ctx) => {
    if (v.mode === '限期改正' && !v.deadline) ctx.addIssue({ code: 'custom', path: ['deadline'], message: '限期改正须填写改正期限' });
  });

const transferLetter = z.object({
  agencyName: req('发函机关'),
  agencyMark: opt('发文机关标志'),
  docNumber: req('文书编号', 100),
  issueDate: date('成文日期'),
  receivingAgency: req('受移送机关'),
  facts: longText('案件事实'),
  reason: longText('移送理由'),
  basis: req('移送依据', 2000),
  attachments: z
    .array(z.object({ name: req('名称'), copies: z.number().int().min(1).max(999), pages: z.number().int().min(1).max(9999) }))
    .default([])
    .describe('移送材料'),
  contact,
});

const registerRow = z.object({
  inspectionNo: req('检查编号', 100),
  code: opt('行政检查码', 100),
  date: date('检查日期'),
  agency: req('检查主体'),
  type: req('检查类型', 50),
  source: opt('任务来源', 50),
  enterpriseName: req('被检查单位'),
  creditCode: opt('统一社会信用代码', 64),
  grade: opt('信用/风险等级', 50),
  items: req('检查事项', 2000),
  method: req('检查方式', 100),
  inspectors: req('检查人员及证号', 2000),
  codeScanned: z.boolean().describe('是否扫码入企'),
  result: req('检查结果', 200),
  followUp: opt('后续处理', 200),
  feedbackDate: optDate('结果告知日期'),
  recheckDate: optDate('整改复查日期'),
  countThisYear: z.number().int().min(1).max(999).describe('本年度累计次数'),
  published: opt('公示情况', 100),
  remark: opt('备注', 2000),
});
const inspectionRegister = z.object({
  agencyName: req('检查机关'),
  periodStart: date('起始日期'),
  periodEnd: date('截止日期'),
  rows: z.array(registerRow).max(5000).describe('检查记录'),
  preparedBy: opt('制表人', 100),
  preparedDate: optDate('制表日期'),
});

/** Every kind of document, with its Chinese title. */
export const DOCUMENT_KINDS = {
  filingForm: '湘潭市涉企行政执法检查备案表',
  approvalForm: '行政检查审批表',
  inspectionNotice: '行政检查通知书',
  onSiteRecord: '现场检查笔录',
  offSiteRecord: '非现场检查记录',
  resultNotice: '检查结果告知书',
  rectificationOrder: '责令（限期）改正通知书',
  transferLetter: '案件移送函',
  inspectionRegister: '行政检查登记表',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export const documentDataSchemas = {
  filingForm,
  approvalForm,
  inspectionNotice,
  onSiteRecord,
  offSiteRecord,
  resultNotice,
  rectificationOrder,
  transferLetter,
  inspectionRegister,
} satisfies Record<DocumentKind, z.ZodType>;

/** The validated data of one kind (what a builder receives). */
export type DocumentData<K extends DocumentKind> = z.output<(typeof documentDataSchemas)[K]>;
/** What a caller passes in (defaults not yet applied). */
export type DocumentInput<K extends DocumentKind> = z.input<(typeof documentDataSchemas)[K]>;

// ---- What is missing, in Chinese -------------------------------------------------------

type Meta = { description?: string; unit?: '人' | '项' };
const metaOf = (s: z.ZodType | undefined): Meta => (s ? ((z.globalRegistry.get(s) ?? {}) as Meta) : {});

/** The schema inside optional/nullable/default wrappers. */
function unwrap(s: z.ZodType): z.ZodType {
  let n = s;
  while (n instanceof z.ZodOptional || n instanceof z.ZodNullable || n instanceof z.ZodDefault) n = n.unwrap() as z.ZodType;
  return n;
}

/** The child schema at one path step (object key, array index, union member by key). */
function childOf(parent: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  const p = unwrap(parent);
  if (p instanceof z.ZodObject && typeof key === 'string') return (p.shape as Record<string, z.ZodType>)[key];
  if (p instanceof z.ZodArray && typeof key === 'number') return p.element as z.ZodType;
  if (p instanceof z.ZodDiscriminatedUnion && typeof key === 'string') {
    for (const o of p.options as z.ZodType[]) {
      const c = childOf(o, key);
      if (c) return c;
    }
  }
  return undefined;
}

/** '带队人员' + '联系电话' → '带队人员联系电话'; array steps read '（第2人）'. */
function labelOf(root: z.ZodType, path: readonly PropertyKey[]): string {
  let node: z.ZodType | undefined = root;
  let text = '';
  for (const key of path) {
    const parent: z.ZodType | undefined = node;
    node = parent && childOf(parent, key);
    const m = metaOf(node);
    if (typeof key === 'number' && parent && unwrap(parent) instanceof z.ZodArray) {
      const pm = metaOf(parent);
      text += `（第${key + 1}${pm.unit ?? '项'}）`;
      // A list of plain texts repeats its own label on the element: say it once.
      if (m.description && m.description !== pm.description) text += m.description;
      continue;
    }
    // A union's discriminator ("kind") is not a field the user fills in: name the union.
    if (node instanceof z.ZodLiteral && !m.description) continue;
    text += m.description ?? String(key);
  }
  return text;
}

const valueAt = (data: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), data);

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Every required leaf under an absent object, so "带队人员" missing reads as its four fields. */
function requiredLeaves(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  const node = nodeAt(root, path);
  const u = node ? unwrap(node) : undefined;
  if (u instanceof z.ZodArray) return [withMinimum(labelOf(root, path), node)];
  if (!(u instanceof z.ZodObject)) return [labelOf(root, path)];
  const out: string[] = [];
  for (const [k, c] of Object.entries(u.shape as Record<string, z.ZodType>)) {
    if (c.safeParse(undefined).success) continue;
    out.push(...requiredLeaves(root, [...path, k]));
  }
  return out;
}

const nodeAt = (root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined =>
  path.reduce<z.ZodType | undefined>((n, k) => n && childOf(n, k), root);

/** '检查人员' → '检查人员（至少2人）' for a list that needs entries. */
function withMinimum(text: string, node: z.ZodType | undefined, minimum?: number): string {
  const u = node ? unwrap(node) : undefined;
  let min = minimum;
  if (min === undefined && u instanceof z.ZodArray) {
    for (const c of (u.def.checks ?? []) as { _zod: { def: { check?: string; minimum?: number } } }[]) {
      if (c._zod.def.check === 'min_length') min = c._zod.def.minimum;
    }
  }
  return min ? `${text}（至少${min}${metaOf(node).unit ?? '项'}）` : text;
}

/** Fields required only because of another field's value (zod skips refinements until the rest parses). */
const conditionalMissing: Partial<Record<DocumentKind, (d: Record<string, unknown>) => string[]>> = {
  rectificationOrder: (d) => (d.mode === '限期改正' && isBlank(d.deadline) ? ['改正期限'] : []),
};

/** Why a filled-in value is wrong, in Chinese (our own messages are Chinese already). */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_big') return `过长或过大（最多 ${String(issue.maximum)}）`;
  if (issue.code === 'too_small') return `过短或过小（最少 ${String(issue.minimum)}）`;
  if (issue.code === 'invalid_value') return `只能是：${issue.values.map(String).join('、')}`;
  if (issue.code === 'invalid_type') return '类型不正确';
  return /[\u4e00-\u9fff]/u.test(issue.message) ? issue.message : '格式不正确';
}

export type DocumentCheck<K extends DocumentKind> =
  | { ok: true; data: DocumentData<K> }
  | { ok: false; missing: string[]; invalid: string[] };

/**
 * Validates the data of one kind: what is missing (Chinese labels, in form order) and what is
 * filled in wrongly (Chinese sentences), or the parsed data.
 */
export function checkDocumentData<K extends DocumentKind>(kind: K, data: unknown): DocumentCheck<K> {
  const schema = documentDataSchemas[kind] as z.ZodType;
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, data: parsed.data as DocumentData<K> };
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const issue of parsed.error.issues) {
    const value = valueAt(data, issue.path);
    if (isBlank(value)) missing.push(...requiredLeaves(schema, issue.path));
    else if (issue.code === 'too_small' && Array.isArray(value))
      missing.push(withMinimum(labelOf(schema, issue.path), nodeAt(schema, issue.path), Number(issue.minimum)));
    else if (issue.code === 'invalid_union' && typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0)
      missing.push(labelOf(schema, issue.path));
    else invalid.push(`「${labelOf(schema, issue.path) || '数据'}」${describeIssue(issue)}`);
  }
  if (data && typeof data === 'object') missing.push(...(conditionalMissing[kind]?.(data as Record<string, unknown>) ?? []));
  return { ok: false, missing: [...new Set(missing)], invalid: [...new Set(invalid)] };
}

/** Exactly what is still missing, e.g. ["带队人员联系电话", "检查结果"]; empty when nothing is. */
export function missingFields(kind: DocumentKind, partialData: unknown): string[] {
  const r = checkDocumentData(kind, partialData);
  return r.ok ? [] : r.missing;
}
