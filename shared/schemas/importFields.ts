/**
 * The columns an import understands, per registry: the canonical Chinese header (also the
 * header of our own exports, so an export re-imports as is), the header variants found in
 * registers from market-regulation systems, WPS and hand-made sheets, and the limits a cell
 * must respect. Shared so the import wizard shows the same labels the worker validates.
 */
export const IMPORT_KINDS = ['enterprises', 'officers', 'items'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  enterprises: '经营主体',
  officers: '执法人员',
  items: '检查事项',
};

/** How a cell is read: text as is, a date from text or an Excel date number, a yes/no flag. */
export type FieldType = 'text' | 'date' | 'flag';

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
  type: FieldType;
  /** Longest accepted content, in characters (a 100,000-character cell is refused, not cut). */
  maxLength: number;
  /** Other headers meaning this column (compared after normalizeHeader). */
  aliases: readonly string[];
  /** One line for the mapping table: what goes in the column. */
  hint?: string;
}

const f = (key: string, label: string, opts: Partial<Omit<ImportField, 'key' | 'label'>> = {}): ImportField => ({
  key,
  label,
  required: opts.required ?? false,
  type: opts.type ?? 'text',
  maxLength: opts.maxLength ?? 200,
  aliases: opts.aliases ?? [],
  ...(opts.hint ? { hint: opts.hint } : {}),
});

// Limits follow the registries' own schemas (shared/schemas/enterprise.ts, officer.ts, item.ts),
// so every imported record can later be opened and saved in its edit form unchanged.
export const ENTERPRISE_FIELDS: readonly ImportField[] = [
  f('creditCode', '统一社会信用代码', { required: true, maxLength: 40, aliases: ['社会信用代码', '信用代码', '统一代码', '信用代码证号'], hint: '18 位，GB 32100-2015' }),
  f('name', '名称', { required: true, maxLength: 100, aliases: ['企业名称', '主体名称', '经营主体名称', '市场主体名称', '单位名称', '商户名称'] }),
  f('kind', '主体类型', { maxLength: 20, aliases: ['类型', '企业类型', '市场主体类型', '经营主体类型'], hint: '企业 / 个体工商户 / 农民专业合作社 / 其他；留空时按信用代码推断' }),
  f('address', '住所', { required: true, maxLength: 200, aliases: ['地址', '经营场所', '住所经营场所', '注册地址', '经营地址', '详细地址'] }),
  f('legalRep', '法定代表人', { maxLength: 32, aliases: ['负责人', '经营者', '法定代表人负责人', '法人代表', '法人', '法定代表人姓名'] }),
  f('phone', '联系电话', { maxLength: 30, aliases: ['电话', '联系方式', '手机', '手机号码', '联系电话号码'] }),
  f('industry', '行业', { maxLength: 60, aliases: ['所属行业', '行业类别', '行业门类'] }),
  f('park', '园区', { maxLength: 60, aliases: ['所在园区', '所属园区', '产业园区'] }),
  f('grade', '信用等级', { maxLength: 20, aliases: ['风险等级', '信用风险等级', '信用风险分类', '五色等级', '分级分类'], hint: '绿 / 蓝 / 黄 / 橙 / 红' }),
  f('whitelist', '白名单', { type: 'flag', maxLength: 10, aliases: ['是否白名单', '是否纳入白名单', '纳入白名单', '列入白名单'], hint: '是 / 否；“是”须同时填日期和理由' }),
  f('whitelistDate', '白名单日期', { type: 'date', maxLength: 30, aliases: ['纳入白名单日期', '列入白名单日期'] }),
  f('whitelistReason', '白名单理由', { maxLength: 200, aliases: ['白名单原因', '纳入白名单原因', '列入白名单理由'] }),
  f('keySupervision', '重点监管', { type: 'flag', maxLength: 10, aliases: ['是否重点监管', '重点监管对象', '是否重点监管对象', '列入重点监管'], hint: '是 / 否；“是”须同时填日期和理由' }),
  f('keySupervisionDate', '重点监管日期', { type: 'date', maxLength: 30, aliases: ['纳入重点监管日期', '列入重点监管日期'] }),
  f('keySupervisionReason', '重点监管理由', { maxLength: 200, aliases: ['重点监管原因', '列入重点监管理由'] }),
];

export const OFFICER_FIELDS: readonly ImportField[] = [
  f('agency', '所属单位', { required: true, maxLength: 60, aliases: ['单位', '执法主体', '检查主体', '所属检查主体', '所属机关', '工作单位', '所在单位'], hint: '检查主体名录中的名称或简称' }),
  f('name', '姓名', { required: true, maxLength: 32, aliases: ['执法人员姓名', '人员姓名'] }),
  f('post', '职务', { maxLength: 40, aliases: ['岗位', '职位', '职务岗位'] }),
  f('phone', '联系电话', { maxLength: 30, aliases: ['电话', '手机', '手机号码', '联系方式'] }),
  f('certNo', '执法证号', { maxLength: 32, aliases: ['执法证件号', '执法证件号码', '执法证编号', '证件号', '证号', '执法证件编号'], hint: '执法人员必填；辅助人员可空' }),
  f('certValidFrom', '证件有效期起', { type: 'date', maxLength: 30, aliases: ['发证日期', '有效期起', '有效期开始', '有效期自', '有效期起始'] }),
  f('certValidTo', '证件有效期止', { type: 'date', maxLength: 30, aliases: ['有效期至', '有效期止', '有效期截止', '到期日期', '有效期', '证件有效期至'] }),
  f('category', '人员类别', { maxLength: 20, aliases: ['类别', '人员类型', '身份'], hint: '执法人员 / 辅助人员 / 网格员 / 临时工' }),
  f('status', '状态', { maxLength: 10, aliases: ['在岗状态'], hint: '在岗 / 停用' }),
];

/** The nine published fields of 涉企行政检查事项清单 (国办发〔2024〕54号), plus the list's own number. */
export const ITEM_FIELDS: readonly ImportField[] = [
  f('code', '事项编号', { maxLength: 20, aliases: ['编号', '事项代码', '事项编码'], hint: '留空时自动编号' }),
  f('name', '事项名称', { required: true, maxLength: 100, aliases: ['检查事项', '检查事项名称'] }),
  f('basis', '实施依据', { required: true, maxLength: 2000, aliases: ['检查依据', '法律依据', '设定依据'] }),
  f('subject', '检查主体(含层级)', { required: true, maxLength: 100, aliases: ['检查主体', '实施主体', '检查主体及层级', '检查主体层级'], hint: '须是检查主体名录中的单位' }),
  f('level', '实施层级', { maxLength: 10, aliases: ['层级', '检查层级'], hint: '省 / 市 / 县 / 乡镇；留空时取检查主体的层级' }),
  f('undertakingUnit', '承办机构', { required: true, maxLength: 200, aliases: ['承办单位', '承办部门', '具体承办机构'] }),
  f('target', '检查对象', { required: true, maxLength: 500, aliases: ['检查对象范围'] }),
  f('content', '检查内容', { required: true, maxLength: 2000, aliases: ['主要检查内容'] }),
  f('method', '检查方式', { required: true, maxLength: 200, aliases: ['检查方法'] }),
  f('frequency', '检查频次', { required: true, maxLength: 200, aliases: ['频次', '检查频率', '抽查频次'] }),
  f('remark', '备注', { maxLength: 500, aliases: ['说明'] }),
];

export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  enterprises: ENTERPRISE_FIELDS,
  officers: OFFICER_FIELDS,
  items: ITEM_FIELDS,
};

/**
 * A header as compared for mapping: compatibility forms folded (full-width brackets and
 * letters, NFKC), spaces, required-markers and trailing notes in brackets dropped, lower case.
 * "住所（经营场所）" and "住所" both become "住所"; "*名称(必填)" becomes "名称".
 */
export function normalizeHeader(raw: string): string {
  let h = raw.normalize('NFKC').replace(/[\s*＊:：]+/gu, '');
  // A bracketed note at the end is a remark on the column, not its name — unless it is the
  // whole header ("(含层级)" alone stays).
  const stripped = h.replace(/[(（[【][^()（）[\]【】]*[)）\]】]$/u, '');
  if (stripped) h = stripped;
  return h.toLowerCase();
}
