import { useState } from 'react';
import { App as AntApp, Button, Radio, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ConflictRow } from '../../../shared/api/archive';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { formatDateTime } from '../../format';
import { useCan, useErrorReporter } from '../../session';
import { ENTITY_LABELS, FIELD_LABELS } from './labels';

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Both versions of a conflicting record, field by field; differing fields first and marked. */
function Compare({ c }: { c: ConflictRow }) {
  const keys = [...new Set([...Object.keys(c.local), ...Object.keys(c.incoming)])].filter((k) => k !== 'uuid');
  const rows = keys
    .map((k) => ({ k, local: show(c.local[k]), incoming: show(c.incoming[k]) }))
    .map((r) => ({ ...r, differs: r.local !== r.incoming }))
    .sort((a, b) => Number(b.differs) - Number(a.differs));
  return (
    <Table
      size="small"
      rowKey="k"
      pagination={false}
      aria-label="本地与导入版本对照"
      dataSource={rows}
      rowClassName={(r) => (r.differs ? 'conflict-diff' : '')}
      columns={[
        { title: '字段', dataIndex: 'k', width: 160, render: (k: string, r) => <span style={{ fontWeight: r.differs ? 600 : 400 }}>{FIELD_LABELS[k] ?? k}</span> },
        { title: `本地（第 ${c.localVersion} 版）`, dataIndex: 'local', render: (v: string, r) => <span style={{ background: r.differs ? '#fff1f0' : undefined, wordBreak: 'break-all' }}>{v}</span> },
        { title: `导入（第 ${c.incomingVersion} 版）`, dataIndex: 'incoming', render: (v: string, r) => <span style={{ background: r.differs ? '#f6ffed' : undefined, wordBreak: 'break-all' }}>{v}</span> },
      ]}
    />
  );
}

/** 导入冲突: each conflict with both versions side by side, decided by an archivist (keep local / take incoming). */
export function ConflictsPanel() {
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const q = useQuery('bundles.conflicts', { status });
  const canResolve = useCan('bundles.resolve');
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const decide = (c: ConflictRow, decision: 'keep_local' | 'take_incoming'): void => {
    call('bundles.resolve', { id: c.id, decision }).then(() => {
      void message.success(decision === 'keep_local' ? '已保留本地记录' : '已采用导入版本');
      q.reload();
    }, report);
  };
  const columns: TableColumnsType<ConflictRow> = [
    { title: '类型', dataIndex: 'entity', width: 110, render: (v: string) => ENTITY_LABELS[v] ?? v },
    { title: '记录', dataIndex: 'label' },
    { title: '原因', dataIndex: 'reason', width: 300 },
    { title: '发现时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: '处理',
      width: 220,
      render: (_: unknown, c) =>
        c.status === 'open' ? (
          canResolve && (
            <Space>
              <Button size="small" onClick={() => decide(c, 'keep_local')}>
                保留本地
              </Button>
              <Button size="small" type="primary" onClick={() => decide(c, 'take_incoming')}>
                采用导入
              </Button>
            </Space>
          )
        ) : (
          <Tag>{`${c.status === 'kept_local' ? '已保留本地' : '已采用导入'}（${c.decidedBy ?? ''}）`}</Tag>
        ),
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Radio.Group value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'all')} optionType="button" options={[{ value: 'open', label: '待处理' }, { value: 'all', label: '全部' }]} />
        <Typography.Text type="secondary">导入时双方都修改过的记录不会被覆盖，在此对照两个版本后决定；展开一行查看对照。</Typography.Text>
      </Space>
      <LoadError error={q.error} onRetry={q.reload} />
      <Table<ConflictRow>
        rowKey="id"
        size="middle"
        loading={q.loading}
        columns={columns}
        dataSource={q.data ?? []}
        expandable={{ expandedRowRender: (c) => <Compare c={c} />, expandRowByClick: false }}
        locale={{ emptyText: status === 'open' ? '没有待处理的冲突' : '没有冲突记录' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </>
  );
}
