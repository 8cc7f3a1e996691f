import { useState } from 'react';
import { Alert, Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api, isRouteName, type AuditRow, type Output } from '../../../shared/api';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { usePagedList, type Page } from '../../components/usePagedList';
import { formatDateTime } from '../../format';
import { useErrorReporter } from '../../session';

const AUDIT_PAGE = 100;

async function fetchAudit(cursor: number | null): Promise<Page<AuditRow>> {
  const res = await call('audit.list', cursor === null ? { limit: AUDIT_PAGE } : { beforeId: cursor, limit: AUDIT_PAGE });
  const last = res.rows[res.rows.length - 1];
  return { rows: res.rows, total: res.total, next: res.rows.length === AUDIT_PAGE && last ? last.id : null };
}

/** A route's title without its trailing remark in full-width brackets. */
function shortTitle(title: string): string {
  return title.replace(/（[^）]*）$/u, '');
}

const mono = { fontFamily: 'Consolas, "DejaVu Sans Mono", monospace' };

const columns: TableColumnsType<AuditRow> = [
  { title: '编号', dataIndex: 'id', width: 80 },
  { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
  { title: '用户', dataIndex: 'username', width: 110, render: (v: string | null) => v ?? '（系统）' },
  {
    title: '操作',
    dataIndex: 'route',
    width: 220,
    render: (v: string) => (
      <Flex vertical>
        <Typography.Text style={mono}>{v}</Typography.Text>
        {isRouteName(v) && <Typography.Text type="secondary">{shortTitle(api[v].title)}</Typography.Text>}
      </Flex>
    ),
  },
  {
    title: '对象',
    key: 'entity',
    width: 150,
    render: (_: unknown, row) => <span style={mono}>{row.entityId ? `${row.entity}#${row.entityId}` : row.entity}</span>,
  },
  { title: '摘要', dataIndex: 'summary' },
];

type Verdict = Output<'audit.verify'>;

/** 审计日志: newest first, 100 at a time, and a check of the hash chain that makes edits detectable. */
export function AuditTab() {
  const list = usePagedList(fetchAudit);
  const report = useErrorReporter();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [verifying, setVerifying] = useState(false);

  const verify = (): void => {
    setVerifying(true);
    setVerdict(null);
    call('audit.verify', {})
      .then(setVerdict, report)
      .finally(() => setVerifying(false));
  };

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">每条记录都包含上一条记录的哈希值，任何改动都会在校验时被发现。</Typography.Text>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
            刷新
          </Button>
          <Button icon={<SafetyCertificateOutlined aria-hidden />} onClick={verify} loading={verifying}>
            校验审计日志
          </Button>
        </Flex>
      </Flex>
      {verdict && (
        <Alert
          type={verdict.ok ? 'success' : 'error'}
          showIcon
          title={verdict.message}
          description={
            verdict.ok
              ? `已校验 ${verdict.checked} 条记录。`
              : `已校验 ${verdict.checked} 条记录${verdict.firstBrokenId !== null ? `；首个异常记录编号：${verdict.firstBrokenId}` : ''}。`
          }
          closable={{ onClose: () => setVerdict(null), 'aria-label': '关闭' }}
          style={{ marginBottom: 12 }}
        />
      )}
      <LoadError error={list.error} onRetry={list.reload} />
      <Table<AuditRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.rows}
        loading={list.loading && list.rows.length === 0}
        pagination={false}
        locale={{ emptyText: '暂无审计记录' }}
        scroll={{ x: 1000 }}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          已显示 {list.rows.length} 条，共 {list.total} 条
        </Typography.Text>
        {list.hasMore && (
          <Button onClick={list.loadMore} loading={list.loading}>
            加载更多
          </Button>
        )}
      </Flex>
    </>
  );
}
