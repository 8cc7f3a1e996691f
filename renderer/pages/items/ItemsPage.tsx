import { useState, type ReactNode } from 'react';
import { App as AntApp, Button, Card, Flex, Popconfirm, Segmented, Select, Space, Table, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ITEM_STATUS_LABELS, type ItemRow, type ItemStatus } from '../../../shared/schemas/item';
import { call } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { formatDate } from '../../format';
import { useCan, useErrorReporter } from '../../session';
import { ItemDetail } from './ItemDetail';
import { ItemForm } from './ItemForm';
import { ItemStatusTag } from './ItemStatusTag';
import { ImportButton } from '../import/ImportExportButtons';

type StatusFilter = ItemStatus | 'all';
const statusOptions: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(['published', 'draft', 'retired'] as const).map((s) => ({ value: s, label: ITEM_STATUS_LABELS[s] })),
];

/** 事项清单: each agency's published inspection item list ("清单之外无检查"), with its versions. */
export function ItemsPage() {
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const canWrite = useCan('items.update');
  const canPublish = useCan('items.publish');
  const agencies = useQuery('agencies.list', {});
  const [picked, setPicked] = useState<number | undefined>();
  const agency = agencies.data?.find((a) => a.id === picked) ?? agencies.data?.[0];
  const [status, setStatus] = useState<StatusFilter>('all');
  const list = useQuery('items.list', { ...(agency ? { agencyId: agency.id } : {}), ...(status !== 'all' ? { status } : {}) });
  const [form, setForm] = useState<{ item?: ItemRow } | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  // Bumped after every change, so an open detail drawer reloads too.
  const [round, setRound] = useState(0);
  const changed = (): void => {
    list.reload();
    setRound((r) => r + 1);
  };

  const act = async (item: ItemRow, what: 'publish' | 'retire'): Promise<void> => {
    setBusy(item.id);
    try {
      const r = await call(what === 'publish' ? 'items.publish' : 'items.retire', { id: item.id, version: item.version });
      void message.success(what === 'publish' ? `已发布“${r.name}”第 ${r.currentVersion} 版` : `已废止“${r.name}”`);
      changed();
    } catch (err) {
      report(err);
    } finally {
      setBusy(null);
    }
  };

  const actions = (item: ItemRow): ReactNode => {
    const publishable = item.status === 'draft' || item.pendingVersion !== null;
    const version = item.status === 'draft' ? item.currentVersion : item.pendingVersion;
    return (
      <Space size={0} wrap>
        {canWrite && item.status !== 'retired' && (
          <Button size="small" type="link" aria-label={`修改 ${item.name}`} onClick={() => setForm({ item })}>
            修改
          </Button>
        )}
        {canPublish && publishable && (
          <Popconfirm
            title={`发布“${item.name}”第 ${version} 版？`}
            description="发布后该版本不能再修改；以后的检查将引用此版本。"
            okText="发布"
            cancelText="取消"
            onConfirm={() => act(item, 'publish')}
          >
            <Button size="small" type="link" loading={busy === item.id} aria-label={`发布 ${item.name}`}>
              发布
            </Button>
          </Popconfirm>
        )}
        {canPublish && item.status === 'published' && (
          <Popconfirm
            title={`废止“${item.name}”？`}
            description="废止后不能再用此事项开展检查；已有检查及其版本记录保留。"
            okText="废止"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => act(item, 'retire')}
          >
            <Button size="small" type="link" danger loading={busy === item.id} aria-label={`废止 ${item.name}`}>
              废止
            </Button>
          </Popconfirm>
        )}
      </Space>
    );
  };

  const columns: TableColumnsType<ItemRow> = [
    { title: '编号', dataIndex: 'code', width: 70 },
    {
      title: '事项名称',
      dataIndex: 'name',
      width: 200,
      render: (v: string, r) => (
        <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setViewing(r.id)} aria-label={`查看 ${v}`}>
          {v}
        </Button>
      ),
    },
    { title: '状态', key: 'status', width: 200, render: (_: unknown, r) => <ItemStatusTag item={r} /> },
    { title: '实施依据', dataIndex: 'basis', ellipsis: true },
    { title: '检查方式', dataIndex: 'method', width: 160, ellipsis: true },
    { title: '检查频次', dataIndex: 'frequency', width: 180, ellipsis: true },
    { title: '发布日期', dataIndex: 'publishedAt', width: 100, render: (v: string | null) => formatDate(v) },
    { title: '操作', key: 'actions', width: 150, fixed: 'right', render: (_: unknown, r) => actions(r) },
  ];

  return (
    <>
      <PageHeader
        title="事项清单"
        description="本单位公布的涉企行政检查事项清单。清单之外无检查：检查只能针对已发布的事项，并记录所依据的版本。"
        extra={
          <>
            <ImportButton kind="items" onImported={changed} />
            <Button icon={<ReloadOutlined aria-hidden />} onClick={changed}>
              刷新
            </Button>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setForm({})} disabled={!agency}>
                新增事项
              </Button>
            )}
          </>
        }
      />
      <LoadError error={list.error ?? agencies.error} onRetry={list.reload} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Select
            aria-label="检查主体"
            value={agency?.id}
            onChange={setPicked}
            options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.isOwn ? `${a.name}（本单位）` : a.name }))}
            style={{ width: 320 }}
            placeholder="选择检查主体"
          />
          <Segmented<StatusFilter> aria-label="状态" options={statusOptions} value={status} onChange={setStatus} />
        </Flex>
        <Table<ItemRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 项` }}
          locale={{ emptyText: agency ? '该检查主体尚无检查事项' : '请先登记检查主体' }}
          scroll={{ x: 1250 }}
        />
      </Card>
      {form && agency && (
        <ItemForm
          item={form.item}
          agency={agency}
          onClose={() => setForm(null)}
          onSaved={(r) => {
            void message.success(form.item ? (r.pendingVersion ? `已保存第 ${r.pendingVersion} 版（待发布）` : '已保存') : `已新增草稿“${r.name}”`);
            changed();
          }}
        />
      )}
      {viewing !== null && <ItemDetail key={viewing} id={viewing} round={round} onClose={() => setViewing(null)} actions={actions} />}
    </>
  );
}
