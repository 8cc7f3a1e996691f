import { useState } from 'react';
import { App as AntApp, Button, Card, Flex, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { CERT_STATUS_LABELS, type CertStatus, type OfficerRow } from '../../../shared/schemas/officer';
import { call } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { formatDate, orDash } from '../../format';
import { useCan, useErrorReporter } from '../../session';
import { OfficerDialog } from './OfficerDialog';
import { ImportButton } from '../import/ImportExportButtons';

const CERT_COLORS: Record<CertStatus, string> = { valid: 'green', expiring: 'orange', expired: 'red', notYetValid: 'blue', none: 'default' };

/** The certificate's state as the server computed it today. */
function CertTag({ row }: { row: OfficerRow }) {
  if (row.auxiliaryType) return <>—</>;
  const tag = <Tag color={CERT_COLORS[row.certStatus]}>{CERT_STATUS_LABELS[row.certStatus]}</Tag>;
  if (row.certStatus === 'expiring' && row.certDaysLeft !== null) return <Tooltip title={`还有 ${row.certDaysLeft} 天到期`}>{tag}</Tooltip>;
  return tag;
}

type Dialog = { officer?: OfficerRow } | null;

/** 执法人员: certificates and their state; auxiliary staff are recorded but marked as never inspecting. */
export function OfficersPage() {
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const canEdit = useCan('officers.update');
  const canCreate = useCan('officers.create');
  const [agencyId, setAgencyId] = useState<number | undefined>();
  const agencies = useQuery('agencies.list', {});
  const list = useQuery('officers.list', agencyId ? { agencyId } : {});
  const [dialog, setDialog] = useState<Dialog>(null);
  const [toggling, setToggling] = useState<number | null>(null);

  const toggle = async (row: OfficerRow): Promise<void> => {
    setToggling(row.id);
    try {
      const next = row.status === 'active' ? 'disabled' : 'active';
      await call('officers.setStatus', { id: row.id, status: next });
      void message.success(next === 'active' ? `${row.name} 已恢复在岗` : `已停用 ${row.name}`);
      list.reload();
    } catch (err) {
      report(err);
    } finally {
      setToggling(null);
    }
  };

  const columns: TableColumnsType<OfficerRow> = [
    { title: '姓名', dataIndex: 'name', width: 90, fixed: 'left' },
    { title: '证件状态', key: 'certStatus', width: 110, render: (_: unknown, row) => <CertTag row={row} /> },
    {
      title: '类别',
      key: 'category',
      width: 190,
      render: (_: unknown, row) =>
        row.auxiliaryType ? (
          <Space size={4}>
            <Tag color="purple">{row.auxiliaryType}</Tag>
            <Typography.Text type="secondary">不得参加检查</Typography.Text>
          </Space>
        ) : (
          '执法人员'
        ),
    },
    { title: '所属检查主体', dataIndex: 'agencyName', width: 200 },
    { title: '职务', dataIndex: 'post', width: 130, render: orDash },
    { title: '执法证号', dataIndex: 'certNo', width: 140, render: orDash },
    {
      title: '证件有效期',
      key: 'validity',
      width: 200,
      render: (_: unknown, row) => (row.certValidFrom || row.certValidTo ? `${formatDate(row.certValidFrom)} 至 ${formatDate(row.certValidTo)}` : '—'),
    },
    { title: '在岗状态', dataIndex: 'status', width: 90, render: (v: OfficerRow['status']) => (v === 'active' ? '在岗' : <Tag>停用</Tag>) },
    { title: '电话', dataIndex: 'phone', width: 130, render: orDash },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 130,
            fixed: 'right' as const,
            render: (_: unknown, row: OfficerRow) => (
              <Space size={0}>
                <Button size="small" type="link" aria-label={`编辑 ${row.name}`} onClick={() => setDialog({ officer: row })}>
                  编辑
                </Button>
                <Popconfirm
                  title={row.status === 'active' ? `停用 ${row.name}？` : `恢复 ${row.name} 在岗？`}
                  description={row.status === 'active' ? '停用后不能再被选入检查组，已有记录保留。' : undefined}
                  okText={row.status === 'active' ? '停用' : '恢复'}
                  cancelText="取消"
                  okButtonProps={{ danger: row.status === 'active' }}
                  onConfirm={() => toggle(row)}
                >
                  <Button size="small" type="link" danger={row.status === 'active'} loading={toggling === row.id} aria-label={`${row.status === 'active' ? '停用' : '恢复'} ${row.name}`}>
                    {row.status === 'active' ? '停用' : '恢复'}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="执法人员"
        description="执法证件在有效期内的执法人员方可参加检查；证件 30 天内到期的会提前标出。辅助人员、网格员、临时工不得参加检查。"
        extra={
          <>
            <ImportButton kind="officers" onImported={list.reload} />
            <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
              刷新
            </Button>
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({})} disabled={!agencies.data?.length}>
                新增执法人员
              </Button>
            )}
          </>
        }
      />
      <LoadError error={list.error ?? agencies.error} onRetry={list.reload} />
      <Card>
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Select
            aria-label="检查主体"
            placeholder="全部检查主体"
            allowClear
            value={agencyId}
            onChange={setAgencyId}
            options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            style={{ width: 280 }}
          />
        </Flex>
        <Table<OfficerRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
          locale={{ emptyText: '暂无执法人员' }}
          scroll={{ x: 1500 }}
        />
      </Card>
      {dialog && (
        <OfficerDialog
          officer={dialog.officer}
          agencies={agencies.data ?? []}
          onClose={() => setDialog(null)}
          onSaved={(o) => {
            void message.success(dialog.officer ? `已保存 ${o.name}` : `已新增 ${o.name}`);
            list.reload();
          }}
        />
      )}
    </>
  );
}
