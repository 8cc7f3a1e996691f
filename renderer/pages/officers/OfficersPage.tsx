import { Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { OfficerRow } from '../../../shared/api';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { CERT_STATUS_COLORS, CERT_STATUS_LABELS, certStatus, formatDate, orDash } from '../../format';

function CertTag({ row }: { row: OfficerRow }) {
  // Auxiliary staff hold no enforcement certificate; there is nothing to flag.
  if (row.kind === 'auxiliary' && !row.certValidTo) return <>—</>;
  const status = certStatus(row.certValidFrom, row.certValidTo);
  return <Tag color={CERT_STATUS_COLORS[status]}>{CERT_STATUS_LABELS[status]}</Tag>;
}

const columns: TableColumnsType<OfficerRow> = [
  { title: '姓名', dataIndex: 'name', width: 90, fixed: 'left' },
  { title: '证件状态', key: 'certStatus', width: 110, render: (_: unknown, row) => <CertTag row={row} /> },
  {
    title: '类别',
    dataIndex: 'kind',
    width: 170,
    render: (_: unknown, row) =>
      row.kind === 'auxiliary' ? (
        <Space size={4}>
          <Tag color="purple">辅助人员</Tag>
          <Typography.Text type="secondary">不得参加检查</Typography.Text>
        </Space>
      ) : (
        '执法人员'
      ),
  },
  { title: '所属检查主体', dataIndex: 'agencyName', width: 200 },
  { title: '职务', dataIndex: 'post', width: 130, render: orDash },
  { title: '执法证号', dataIndex: 'certNo', width: 150, render: orDash },
  {
    title: '证件有效期',
    key: 'validity',
    width: 200,
    render: (_: unknown, row) =>
      row.certValidFrom || row.certValidTo ? `${formatDate(row.certValidFrom)} 至 ${formatDate(row.certValidTo)}` : '—',
  },
  {
    title: '在岗状态',
    dataIndex: 'status',
    width: 90,
    render: (v: OfficerRow['status']) => (v === 'active' ? '在岗' : <Tag>停用</Tag>),
  },
  { title: '电话', dataIndex: 'phone', width: 130, render: orDash },
];

/** 执法人员: officers with the state of their enforcement certificate; auxiliary staff marked. */
export function OfficersPage() {
  const list = useQuery('officers.list', {});
  return (
    <>
      <PageHeader
        title="执法人员"
        description="执法证件在有效期内的执法人员方可参加检查；证件 30 天内到期的会提前标出。辅助人员不得参加检查。"
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
            刷新
          </Button>
        }
      />
      <LoadError error={list.error} onRetry={list.reload} />
      <Card>
        <Table<OfficerRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
          locale={{ emptyText: '暂无执法人员' }}
          scroll={{ x: 1400 }}
        />
      </Card>
    </>
  );
}
