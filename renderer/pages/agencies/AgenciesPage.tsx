import { useState } from 'react';
import { App as AntApp, Button, Card, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { AgencyRow } from '../../../shared/schemas/agency';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { orDash } from '../../format';
import { useCan } from '../../session';
import { AgencyDialog } from './AgencyDialog';

/** 检查主体: the agencies that may carry out inspections (this office and those it works with). */
export function AgenciesPage() {
  const { message } = AntApp.useApp();
  const list = useQuery('agencies.list', {});
  const canCreate = useCan('agencies.create');
  const canEdit = useCan('agencies.update');
  const [dialog, setDialog] = useState<{ agency?: AgencyRow } | null>(null);

  const columns: TableColumnsType<AgencyRow> = [
    {
      title: '名称',
      dataIndex: 'name',
      width: 280,
      render: (v: string, r) => (
        <>
          {v} {r.isOwn && <Tag color="blue">本单位</Tag>}
        </>
      ),
    },
    { title: '简称', dataIndex: 'shortName', width: 120 },
    { title: '层级', dataIndex: 'level', width: 70 },
    { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190, render: orDash },
    { title: '负责人', dataIndex: 'head', width: 90, render: orDash },
    { title: '联系电话', dataIndex: 'phone', width: 140, render: orDash },
    { title: '执法人员', dataIndex: 'officerCount', width: 90, render: (n: number) => `${n} 人` },
    { title: '投诉举报渠道', dataIndex: 'complaintChannel', ellipsis: true, render: orDash },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_: unknown, r: AgencyRow) => (
              <Button size="small" type="link" aria-label={`编辑 ${r.name}`} onClick={() => setDialog({ agency: r })}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="检查主体"
        description="具有行政检查职权的行政机关及法律、法规授权的组织；协调机构、检验检测机构、中介机构不是检查主体。"
        extra={
          <>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
              刷新
            </Button>
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({})}>
                新增检查主体
              </Button>
            )}
          </>
        }
      />
      <LoadError error={list.error} onRetry={list.reload} />
      <Card>
        <Table<AgencyRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无检查主体' }}
          scroll={{ x: 1300 }}
        />
      </Card>
      {dialog && (
        <AgencyDialog
          agency={dialog.agency}
          onClose={() => setDialog(null)}
          onSaved={(a) => {
            void message.success(dialog.agency ? `已保存“${a.name}”` : `已新增“${a.name}”`);
            list.reload();
          }}
        />
      )}
    </>
  );
}
