import { InputNumber, Input, Table, Tooltip, type TableColumnsType } from 'antd';
import type { CaseFileEntry } from '../../../shared/api/archive';
import { formatDate } from '../../format';
import { PAGES_SOURCE_LABELS } from './labels';

export type EntryEdits = Record<number, { pages: number; remark: string }>;

interface Props {
  entries: CaseFileEntry[];
  /** Set while editing: the changed pages and remarks by entry id. */
  edits: EntryEdits | null;
  onEdit(id: number, patch: { pages?: number; remark?: string }): void;
}

function range(e: CaseFileEntry): string {
  if (e.pageFrom === null || e.pageTo === null) return '—';
  return e.pageFrom === e.pageTo ? String(e.pageFrom) : `${e.pageFrom}–${e.pageTo}`;
}

/** 卷内文件: 顺序号, 文号, 责任者, 题名, 日期, 页数 (editable), 页号, 备注 (editable), where the count comes from. */
export function EntriesTable({ entries, edits, onEdit }: Props) {
  const columns: TableColumnsType<CaseFileEntry> = [
    { title: '顺序号', dataIndex: 'seq', width: 64, align: 'center' },
    { title: '文号', dataIndex: 'docNo', width: 180 },
    { title: '责任者', dataIndex: 'author', width: 160, ellipsis: true },
    { title: '题名', dataIndex: 'title', width: 360 },
    { title: '日期', dataIndex: 'date', width: 110, render: (v: string | null) => formatDate(v) },
    {
      title: '页数',
      dataIndex: 'pages',
      width: 100,
      render: (v: number, e) =>
        edits ? (
          <InputNumber aria-label={`第 ${e.seq} 件页数`} min={0} max={9999} size="small" value={edits[e.id]?.pages ?? v} onChange={(n) => onEdit(e.id, { pages: Number(n ?? 0) })} />
        ) : (
          <Tooltip title={PAGES_SOURCE_LABELS[e.pagesSource] ?? e.pagesSource}>
            <span>
              {v}
              {e.pagesSource === 'estimate' ? '（估）' : ''}
            </span>
          </Tooltip>
        ),
    },
    { title: '页号', width: 90, align: 'center', render: (_: unknown, e) => range(e) },
    {
      title: '备注',
      dataIndex: 'remark',
      width: 180,
      render: (v: string, e) => (edits ? <Input aria-label={`第 ${e.seq} 件备注`} size="small" maxLength={200} value={edits[e.id]?.remark ?? v} onChange={(ev) => onEdit(e.id, { remark: ev.target.value })} /> : v),
    },
  ];
  return <Table<CaseFileEntry> aria-label="卷内文件" rowKey="id" size="small" columns={columns} dataSource={entries} pagination={false} scroll={{ x: 1100 }} />;
}
