import { useState } from 'react';
import { App as AntApp, Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Output } from '../../../shared/api';
import type { CaseFileRow } from '../../../shared/api/archive';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { formatDate, formatDateTime } from '../../format';
import { useCan } from '../../session';
import { retentionLabel } from './labels';
import { ReasonModal } from './ReasonModal';
import { caseFileHref } from './route';

type Record_ = Output<'disposals.list'>['records'][number];
const STATUS: Record<string, [string, string]> = { proposed: ['待负责人审批', 'gold'], approved: ['已销毁', 'default'], rejected: ['已驳回', 'blue'] };

/** 到期与销毁: case files past their retention; an archivist proposes disposal, a head approves or rejects it. */
export function DisposalPanel({ go }: { go: (href: string) => void }) {
  const q = useQuery('disposals.list', {});
  const canPropose = useCan('disposals.propose');
  const canDecide = useCan('disposals.decide');
  const { message } = AntApp.useApp();
  const [dialog, setDialog] = useState<{ kind: 'propose'; row: CaseFileRow } | { kind: 'approve' | 'reject'; row: Record_ } | null>(null);
  const due: TableColumnsType<CaseFileRow> = [
    { title: '档号', dataIndex: 'archiveNo', width: 150 },
    { title: '案卷题名', dataIndex: 'title', render: (v: string, r) => <a href={caseFileHref(r.id)}>{v}</a> },
    { title: '保管期限', dataIndex: 'retention', width: 90, render: retentionLabel },
    { title: '保管至', dataIndex: 'retentionUntil', width: 120, render: (v: string | null) => formatDate(v) },
    {
      title: '',
      width: 120,
      render: (_: unknown, r) =>
        r.legalHold ? <Tag color="red">法律保全</Tag> : canPropose && <Button size="small" onClick={() => setDialog({ kind: 'propose', row: r })}>提出销毁</Button>,
    },
  ];
  const records: TableColumnsType<Record_> = [
    { title: '档号', dataIndex: 'archiveNo', width: 150 },
    { title: '案卷题名', dataIndex: 'title', render: (v: string, r) => <a onClick={() => go(caseFileHref(r.caseFileId))}>{v}</a> },
    { title: '销毁决定文号', dataIndex: 'decisionNo', width: 180 },
    { title: '鉴定意见', dataIndex: 'reason' },
    { title: '提出', width: 170, render: (_: unknown, r) => `${r.proposedBy} ${formatDateTime(r.proposedAt)}` },
    { title: '审批', width: 170, render: (_: unknown, r) => (r.decidedBy ? `${r.decidedBy} ${formatDateTime(r.decidedAt)}` : '') },
    {
      title: '状态',
      width: 190,
      render: (_: unknown, r) =>
        r.status === 'proposed' && canDecide ? (
          <Space>
            <Button size="small" type="primary" danger onClick={() => setDialog({ kind: 'approve', row: r })}>
              批准销毁
            </Button>
            <Button size="small" onClick={() => setDialog({ kind: 'reject', row: r })}>
              驳回
            </Button>
          </Space>
        ) : (
          <Tag color={STATUS[r.status]?.[1]}>{STATUS[r.status]?.[0] ?? r.status}</Tag>
        ),
    },
  ];
  const done = (text: string) => () => {
    void message.success(text);
    q.reload();
  };
  return (
    <>
      <LoadError error={q.error} onRetry={q.reload} />
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        保管期满的案卷
      </Typography.Title>
      <Table<CaseFileRow> rowKey="id" size="small" loading={q.loading} columns={due} dataSource={q.data?.due ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: '没有保管期满的案卷' }} />
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 24 }}>
        销毁申请与记录
      </Typography.Title>
      <Typography.Paragraph type="secondary">档案管理员提出（写明鉴定意见和销毁决定文号），负责人批准后销毁；处于法律保全的案卷不能销毁。</Typography.Paragraph>
      <Table<Record_> rowKey="id" size="small" columns={records} dataSource={q.data?.records ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: '暂无销毁记录' }} />
      {dialog?.kind === 'propose' && (
        <ReasonModal
          title={`提出销毁：${dialog.row.archiveNo ?? ''}`}
          label="鉴定意见"
          okText="提出销毁"
          extra={{ name: 'decisionNo', label: '销毁决定文号', placeholder: '如 湘县市监档销〔2036〕1号' }}
          onClose={() => setDialog(null)}
          onSubmit={(v) => call('disposals.propose', { caseFileId: dialog.row.id, reason: v.reason, decisionNo: v.extra ?? '' }).then(done('已提出销毁，等待负责人审批'))}
        />
      )}
      {dialog && dialog.kind !== 'propose' && (
        <ReasonModal
          title={`${dialog.kind === 'approve' ? '批准销毁' : '驳回销毁'}：${dialog.row.archiveNo ?? ''}`}
          label="审批意见"
          okText={dialog.kind === 'approve' ? '批准销毁' : '驳回'}
          onClose={() => setDialog(null)}
          onSubmit={(v) => call('disposals.decide', { id: dialog.row.id, approve: dialog.kind === 'approve', note: v.reason }).then(done(dialog.kind === 'approve' ? '已批准销毁' : '已驳回'))}
        />
      )}
    </>
  );
}
