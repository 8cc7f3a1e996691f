import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Flex, Radio, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { InspectionListRow } from '../../../shared/api/inspections';
import { INSPECTION_STATUSES, KIND_LABELS, type InspectionStatus } from '../../../shared/rules';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useQuery } from '../../components/useQuery';
import { errorMessage, useCan } from '../../session';
import { localToday, STATUS_COLORS, STATUS_LABELS } from './labels';
import { inspectionHref } from './route';

const PAGE = 50;

interface State {
  key: string;
  rows: InspectionListRow[];
  next: number | null;
  error: string | null;
}

/** 检查任务列表: newest first, filtered by status, more on demand (keyset). */
export function InspectionList({ status, enterpriseId, go }: { status: InspectionStatus | null; enterpriseId: number | null; go(href: string): void }) {
  const canCreate = useCan('inspections.create');
  const counts = useQuery('dashboard.get', {});
  const [version, setVersion] = useState(0);
  const key = `${status ?? ''}|${version}`;
  const [state, setState] = useState<State>({ key: '', rows: [], next: null, error: null });
  const [more, setMore] = useState(false);

  const load = useCallback(
    (beforeId: number | null) =>
      call('inspections.list', { ...(status ? { status } : {}), ...(enterpriseId ? { enterpriseId } : {}), ...(beforeId ? { beforeId } : {}), limit: PAGE }),
    [status, enterpriseId],
  );

  useEffect(() => {
    let live = true;
    load(null).then(
      (page) => live && setState({ key, rows: page.rows, next: page.nextBeforeId, error: null }),
      (err: unknown) => live && setState({ key, rows: [], next: null, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [key, load]);

  const loadMore = (): void => {
    if (state.next === null) return;
    setMore(true);
    load(state.next)
      .then(
        (page) => setState((s) => ({ ...s, rows: [...s.rows, ...page.rows], next: page.nextBeforeId })),
        (err: unknown) => setState((s) => ({ ...s, error: errorMessage(err) })),
      )
      .finally(() => setMore(false));
  };

  const reload = (): void => {
    setVersion((v) => v + 1);
    counts.reload();
  };

  const today = localToday();
  const columns: TableColumnsType<InspectionListRow> = [
    {
      title: '编号',
      dataIndex: 'number',
      width: 190,
      render: (n: string, r) => <Typography.Link href={inspectionHref(r.id)}>{n}</Typography.Link>,
    },
    {
      title: '检查对象',
      key: 'enterprise',
      render: (_: unknown, r) => (
        <div>
          <div>{r.enterpriseName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.creditCode}
          </Typography.Text>
        </div>
      ),
    },
    { title: '检查主体', dataIndex: 'agencyName', width: 200 },
    {
      title: '类型',
      key: 'kind',
      width: 130,
      render: (_: unknown, r) => (
        <>
          {KIND_LABELS[r.kind]}
          {!r.onsite && r.kind !== 'offsite' && <Tag style={{ marginInlineStart: 4 }}>非现场</Tag>}
        </>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 110, render: (s: InspectionStatus) => <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s]}</Tag> },
    { title: '计划日期', dataIndex: 'plannedDate', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '最近期限',
      dataIndex: 'nextDue',
      width: 110,
      render: (v: string | null) => (v ? <Typography.Text type={v < today ? 'danger' : undefined}>{v}</Typography.Text> : '—'),
    },
  ];

  const n = counts.data?.counts ?? {};
  const total = Object.values(n).reduce((a, b) => a + b, 0);
  const loading = state.key !== key || more;
  return (
    <>
      <PageHeader
        title="检查"
        description="检查任务从立项、负责人批准、报备、通知、入企、记录、反馈到办结，每一步都按规则检查。"
        extra={
          <>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={reload}>
              刷新
            </Button>
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => go(inspectionHref('new'))}>
                新建检查
              </Button>
            )}
          </>
        }
      />
      <LoadError error={state.error} onRetry={reload} />
      <Card>
        <Flex style={{ marginBottom: 12 }} wrap gap={8}>
          <Radio.Group
            aria-label="按状态筛选"
            size="small"
            optionType="button"
            buttonStyle="solid"
            value={status ?? 'all'}
            onChange={(e) => go(inspectionHref({ status: e.target.value === 'all' ? null : (e.target.value as InspectionStatus), enterpriseId }))}
            options={[
              { value: 'all', label: `全部${counts.data ? ` ${total}` : ''}` },
              ...INSPECTION_STATUSES.filter((s) => s !== 'archived' || (n[s] ?? 0) > 0).map((s) => ({ value: s, label: `${STATUS_LABELS[s]}${n[s] ? ` ${n[s]}` : ''}` })),
            ]}
          />
          {enterpriseId && (
            <Tag closable onClose={() => go(inspectionHref({ status }))} color="blue">
              仅显示：{state.rows[0]?.enterpriseName ?? `经营主体 #${enterpriseId}`}
            </Tag>
          )}
        </Flex>
        <Table<InspectionListRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={state.key === key ? state.rows : []}
          loading={loading}
          pagination={false}
          locale={{ emptyText: loading ? '正在加载…' : status ? `没有“${STATUS_LABELS[status]}”的检查任务` : '暂无检查任务' }}
          onRow={(r) => ({ onDoubleClick: () => go(inspectionHref(r.id)) })}
        />
        {state.next !== null && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={loadMore} loading={more}>
              加载更多
            </Button>
          </Flex>
        )}
      </Card>
    </>
  );
}
