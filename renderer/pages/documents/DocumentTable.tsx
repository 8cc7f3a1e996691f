import { useState } from 'react';
import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { DocumentRow } from '../../../shared/api/documents';
import { call, downloadFile } from '../../api/client';
import { formatBytes, formatDateTime } from '../../format';
import { useErrorReporter } from '../../session';
import { DocumentPreviewModal } from './DocumentPreviewModal';

interface Props {
  rows: DocumentRow[];
  /** Show which inspection (or ledger period) each document belongs to. */
  showInspection?: boolean;
  loading?: boolean;
  /** Opens an inspection's documents (the 文书 page). */
  onOpenInspection?(id: number): void;
  emptyText?: string;
}

/** Documents with number, kind, time, author and 现行/已作废, with 预览 and 下载. */
export function DocumentTable({ rows, showInspection = false, loading = false, onOpenInspection, emptyText = '尚未生成文书' }: Props) {
  const report = useErrorReporter();
  const [preview, setPreview] = useState<DocumentRow | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const download = async (d: DocumentRow): Promise<void> => {
    setBusy(d.id);
    try {
      const r = await call('documents.download', { documentId: d.id });
      await downloadFile(r.downloadId);
    } catch (err) {
      report(err);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<DocumentRow> = [
    {
      title: '文号',
      dataIndex: 'number',
      width: 220,
      render: (n: string | null, d) => (n ? <Typography.Text delete={d.status === 'superseded'}>{n}</Typography.Text> : <Typography.Text type="secondary">（不编号）</Typography.Text>),
    },
    {
      title: '文书',
      dataIndex: 'title',
      render: (t: string, d) => (
        <Space size={4}>
          {t}
          {d.format === 'xlsx' && <Tag>Excel</Tag>}
        </Space>
      ),
    },
    ...(showInspection
      ? ([
          {
            title: '检查任务 / 期间',
            key: 'of',
            render: (_: unknown, d: DocumentRow) =>
              d.inspectionId !== null ? (
                <Space orientation="vertical" size={0}>
                  {onOpenInspection ? (
                    <Typography.Link onClick={() => onOpenInspection(d.inspectionId!)}>{d.inspectionNumber}</Typography.Link>
                  ) : (
                    d.inspectionNumber
                  )}
                  <Typography.Text type="secondary">{d.enterpriseName}</Typography.Text>
                </Space>
              ) : (
                d.period
              ),
          },
        ] as TableColumnsType<DocumentRow>)
      : []),
    { title: '生成时间', dataIndex: 'createdAt', width: 170, render: (t: string) => formatDateTime(t) },
    { title: '生成人', dataIndex: 'author', width: 110, render: (a: string | null) => a ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: DocumentRow['status']) => (s === 'current' ? <Tag color="green">现行</Tag> : <Tag>已作废</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_: unknown, d) => (
        <Space size={4}>
          {d.format === 'docx' && (
            <Button size="small" type="link" onClick={() => setPreview(d)} aria-label={`预览 ${d.number ?? d.title}`}>
              预览
            </Button>
          )}
          <Button size="small" type="link" loading={busy === d.id} onClick={() => void download(d)} aria-label={`下载 ${d.number ?? d.title}`} title={formatBytes(d.bytes)}>
            下载
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Table<DocumentRow> rowKey="id" size="small" columns={columns} dataSource={rows} loading={loading} pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false} locale={{ emptyText }} />
      {preview && <DocumentPreviewModal documentId={preview.id} title={`${preview.title}${preview.number ? `（${preview.number}）` : ''}`} onClose={() => setPreview(null)} />}
    </>
  );
}
