/** Chinese names of the record types a bundle carries. */
export const ENTITY_LABELS: Record<string, string> = {
  agencies: '检查主体',
  officers: '执法人员',
  enterprises: '经营主体',
  items: '检查事项',
  item_versions: '检查事项版本',
  plans: '检查计划',
  plan_lines: '计划明细',
  draws: '双随机抽取',
  inspections: '检查',
  rule_overrides: '规则放行记录',
  documents: '文书',
  attachments: '证据',
  case_files: '案卷',
  case_file_entries: '卷内文件',
};

/** Field names shown in the conflict comparison (others show as stored). */
export const FIELD_LABELS: Record<string, string> = {
  version: '版本号',
  name: '名称',
  short_name: '简称',
  credit_code: '统一社会信用代码',
  address: '住所',
  legal_rep: '法定代表人',
  phone: '联系电话',
  industry: '行业',
  park: '园区',
  grade: '等级',
  cert_no: '执法证号',
  post: '职务',
  status: '状态',
  number: '编号',
  title: '题名',
  retention: '保管期限',
  note: '说明',
  content: '检查内容',
  basis: '检查依据',
  findings: '检查情况',
  outcome: '处理结果',
  kind: '类别',
  whitelist: '白名单',
  whitelist_date: '列入白名单日期',
  whitelist_reason: '列入白名单理由',
  key_supervision: '重点监管',
  key_supervision_date: '列入重点监管日期',
  key_supervision_reason: '列入重点监管理由',
  agency_uuid: '所属检查主体',
  enterprise_uuid: '检查对象',
  cert_valid_from: '证件有效期起',
  cert_valid_to: '证件有效期止',
  updated_at: '修改时间',
  created_at: '创建时间',
};

export function formatBytesShort(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} 字节`;
}
