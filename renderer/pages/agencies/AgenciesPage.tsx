import { Button, Card, Table, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { AgencyRow } from '../../../shared/api';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { orDash } from '../../format';

const columns: TableColumnsType<AgencyRow> = [
  { title: '名称', dataIndex: 'name', width: 260 },
  { title: '简称', dataIndex: 'shortName', width: 140 },
  { title: '层级', dataIndex: 'level', width: 80 },
  { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190, render: orDash },
  { title: '负责人', dataIndex: 'head', width: 100, render: orDash },
  { title: '联系电话', dataIndex: 'phone', width: 140, render: orDash },
  { title: '投诉举报渠道', dataIndex: 'complaintChannel', ellipsis: true, render: orDash },
];

/** 检查主体: the agencies that may carry out inspections. */
export function AgenciesPage() {
  const list = useQuery('agencies.list', {});
  return (
    <>
      <PageHeader
        title="检查主体"
        description="具有行政检查职权的行政机关及法律、法规授权的组织。"
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
            刷新
          </Button>
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
          scroll={{ x: 1100 }}
        />
      </Card>
    </>
  );
}
