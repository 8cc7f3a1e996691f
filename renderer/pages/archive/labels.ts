import { CASE_FILE_STATUS_LABELS, RETENTION_LABELS, type CaseFileStatus, type Retention } from '../../../shared/api/archive';

export const STATUS_COLORS: Record<CaseFileStatus, string> = { draft: 'gold', archived: 'blue', disposed: 'default' };
export const statusLabel = (s: CaseFileStatus) => CASE_FILE_STATUS_LABELS[s];
export const retentionLabel = (r: Retention) => RETENTION_LABELS[r];
export const RETENTION_OPTIONS = (Object.keys(RETENTION_LABELS) as Retention[]).map((value) => ({ value, label: RETENTION_LABELS[value] }));
export const STATUS_OPTIONS = (Object.keys(CASE_FILE_STATUS_LABELS) as CaseFileStatus[]).map((value) => ({ value, label: CASE_FILE_STATUS_LABELS[value] }));

/** Where each 卷内文件 comes from, in words. */
export const PAGES_SOURCE_LABELS: Record<string, string> = {
  docprops: '文件自带页数',
  estimate: '按版式估算',
  pdf: 'PDF 页数',
  image: '照片按 1 页',
  media: '音像资料不计页',
  manual: '已人工核对',
};

export const EVENT_LABELS: Record<string, string> = {
  create: '组卷',
  update: '修改',
  refresh: '重新编排',
  archive: '归档',
  hold: '设置法律保全',
  release: '解除法律保全',
  'dispose.propose': '提出销毁',
  'dispose.approve': '批准销毁',
  'dispose.reject': '驳回销毁',
};

/** 8-digit year range for the year filter (this year back ten). */
export function yearOptions(): { value: number; label: string }[] {
  const y = new Date().getFullYear();
  return Array.from({ length: 12 }, (_, i) => ({ value: y - i, label: `${y - i}年` }));
}
