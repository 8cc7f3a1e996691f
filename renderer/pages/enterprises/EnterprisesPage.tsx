import { Button, Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { EnterpriseRow } from '../../../shared/api';
import { call } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/LoadError';
import { usePagedList, type Page } from '../../components/usePagedList';
import { orDash } from '../../format';

const PAGE_SIZE = 50;

async function fetchEnterprises(cursor: number | null): Promise<Page<EnterpriseRow>> {
  const res = await call('enterprises.page', { afterId: cursor ?? 0, limit: PAGE_SIZE });
  return { rows: res.rows, total: res.total, next: res.nextAfterId };
}

/** Colours of the five-colour (五色) credit/risk grading; other grades show as plain tags. */
const GRADE_COLORS: Record<string, string> = { 绿: 'green', 蓝: 'blue', 黄: 'gold', 橙: 'orange', 红: 'red' };

function GradeTag({ grade }: { grade: string | null }) {
  if (!grade) return <>—</>;
  return <Tag color={GRADE_COLORS[grade] ?? 'default'}>{grade}</Tag>;
}

const columns: TableColumnsType<EnterpriseRow> = [
  {
    title: '统一社会信用代码',
    dataIndex: 'creditCode',
    width: 190,
    render: (v: string) => <Typography.Text style={{ fontFamily: 'Consolas, "DejaVu Sans Mono", monospace' }}>{v}</Typography.Text>,
  },
  { title: '名称', dataIndex: 'name', width: 230 },
  { title: '类型', dataIndex: 'kind', width: 120 },
  { title: '住所', dataIndex: 'address', ellipsis: { showTitle: true } },
  { title: '法定代表人', dataIndex: 'legalRep', width: 100, render: orDash },
  { title: '行业', dataIndex: 'industry', width: 130, render: orDash },
  { title: '信用等级', dataIndex: 'grade', width: 90, render: (v: string | null) => <GradeTag grade={v} /> },
];

/** 企业: the registered business entities, loaded 50 at a time by id ("加载更多"). */
export function EnterprisesPage() {
  const list = usePagedList(fetchEnterprises);
  return (
    <>
      <PageHeader
        title="企业"
        description="本单位检查对象（经营主体）名录。"
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
            刷新
          </Button>
        }
      />
      <LoadError error={list.error} onRetry={list.reload} />
      <Card>
        <Table<EnterpriseRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.rows}
          loading={list.loading && list.rows.length === 0}
          pagination={false}
          locale={{ emptyText: '暂无经营主体' }}
          scroll={{ x: 1150 }}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" data-testid="enterprise-count">
            已显示 {list.rows.length} 条，共 {list.total} 条
          </Typography.Text>
          {list.hasMore && (
            <Button onClick={list.loadMore} loading={list.loading}>
              加载更多
            </Button>
          )}
        </Flex>
      </Card>
    </>
  );
}
