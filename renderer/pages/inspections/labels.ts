import type { InspectionStatus } from '../../../shared/rules';

/** Chinese names and colours for what the inspection pages show. */
export const STATUS_LABELS: Record<InspectionStatus, string> = {
  draft: '草稿',
  approved: '已批准',
  filed: '已报备',
  notified: '已通知',
  onsite: '现场检查中',
  recorded: '已记录',
  fed_back: '已反馈',
  rectification: '整改中',
  transferred: '已移送',
  closed: '已办结',
  archived: '已归档',
};

export const STATUS_COLORS: Record<InspectionStatus, string> = {
  draft: 'default',
  approved: 'blue',
  filed: 'cyan',
  notified: 'geekblue',
  onsite: 'processing',
  recorded: 'purple',
  fed_back: 'gold',
  rectification: 'orange',
  transferred: 'magenta',
  closed: 'green',
  archived: 'default',
};

/** Timeline entries: the lifecycle actions plus what else is recorded. */
export const EVENT_LABELS: Record<string, string> = {
  create: '新建检查任务',
  update: '修改检查方案',
  approve: '负责人批准',
  file: '入企报备',
  notify: '送达检查通知书',
  enter: '进入现场（扫码入企）',
  record: '制作检查记录',
  feedback: '书面反馈结果',
  close: '办结',
  verifyRectification: '整改复查',
  transfer: '移送',
  reportRemote: '异地检查报备',
  override: '负责人决定放行',
  evidence: '添加证据',
  merge: '合并检查',
  merged: '并入其他任务',
};

export const OUTCOME_LABELS: Record<string, string> = {
  no_problem: '未发现问题',
  rectification: '责令整改',
  penalty: '转立案查处',
  transfer: '移送主管机关',
};

export const EVIDENCE_KINDS = ['photo', 'audio', 'video', 'scan', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_LABELS: Record<EvidenceKind, string> = { photo: '照片', audio: '录音', video: '录像', scan: '扫描件', other: '其他' };

export const FILING_EXEMPTIONS = { state_secret: '涉及国家秘密', safety_production: '安全生产检查' } as const;

export const WARNING_LABELS: Record<string, { label: string; color: string }> = {
  multi_agency: { label: '多头', color: 'volcano' },
  repeat_item: { label: '重复', color: 'orange' },
  high_frequency: { label: '高频', color: 'red' },
};

/** Today's date where the office is ('YYYY-MM-DD'); step dates default to it. */
export function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
