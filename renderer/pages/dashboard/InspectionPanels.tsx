import { Alert, Card, Col, Empty, Flex, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Output } from '../../../shared/api';
import { INSPECTION_STATUSES } from '../../../shared/rules';
import { DueDate } from '../inspections/DeadlinesCard';
import { STATUS_COLORS, STATUS_LABELS, WARNING_LABELS } from '../inspections/labels';
import { inspectionHref } from '../inspections/route';

type Dashboard = Output<'dashboard.get'>;
type Due = Dashboard['due'][number];

/** 到期与逾期事项: every open deadline up to the horizon; overdue ones in red. */
function DueCard({ data }: { data: Dashboard }) {
  const columns: TableColumnsType<Due> = [
    {
      title: '期限',
      dataIndex: 'due',
      width: 150,
      render: (_: unknown, d) => (
        <Flex gap={4} align="center" wrap>
          <DueDate date={d.due} provisional={d.provisional} overdue={d.overdue} />
          {d.overdue && <Tag color="red">已逾期</Tag>}
        </Flex>
      ),
    },
    { title: '事项', dataIndex: 'label', width: 170 },
    {
      title: '检查任务',
      key: 'inspection',
      render: (_: unknown, d) => (
        <div>
          <Typography.Link href={inspectionHref(d.inspectionId)}>{d.number}</Typography.Link>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{d.enterpriseName}</div>
        </div>
      ),
    },
  ];
  return (
    <Card
      title={`到期与逾期事项（${data.due.length}）`}
      extra={<Typography.Text type="secondary">截至 {data.horizon}（5 个工作日内）</Typography.Text>}
      role="region"
      aria-label="到期与逾期事项"
      style={{ height: '100%' }}
    >
      <Table<Due>
        rowKey={(d) => `${d.inspectionId}-${d.kind}`}
        size="small"
        columns={columns}
        dataSource={data.due}
        pagination={data.due.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: '近期没有到期事项' }}
      />
    </Card>
  );
}

/** 预警: several agencies at one enterprise (多头), the same item again (重复), too many visits (高频). */
function WarningsCard({ data }: { data: Dashboard }) {
  return (
    <Card title={`预警（${data.warnings.length}）`} role="region" aria-label="预警" style={{ height: '100%' }}>
      {data.warnings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有多头、重复或高频检查" />
      ) : (
        <ul style={{ margin: 0, padding: 0 }}>
          {data.warnings.map((w) => {
            const l = WARNING_LABELS[w.kind] ?? { label: w.kind, color: 'default' };
            return (
              <li key={`${w.enterpriseId}-${w.kind}`} style={{ listStyle: 'none', padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Flex gap={8} align="flex-start">
                  <Tag color={l.color} style={{ marginInlineEnd: 0, flex: 'none' }}>
                    {l.label}
                  </Tag>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Link href={`#/inspections?enterprise=${w.enterpriseId}`} strong>
                      {w.enterpriseName}
                    </Typography.Link>
                    <div style={{ fontSize: 13 }}>{w.message}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      最近：{w.since}
                    </Typography.Text>
                  </div>
                </Flex>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/** How many inspections are in each state; each links to the filtered list. */
function StatusCounts({ counts }: { counts: Dashboard['counts'] }) {
  const shown = INSPECTION_STATUSES.filter((s) => (counts[s] ?? 0) > 0 || s === 'draft');
  return (
    <Card size="small" title="检查任务" role="region" aria-label="检查任务状态">
      <Flex gap={24} wrap>
        {shown.map((s) => (
          <a key={s} href={inspectionHref({ status: s })} aria-label={`${STATUS_LABELS[s]} ${counts[s] ?? 0} 件`} style={{ textAlign: 'center', minWidth: 64 }}>
            <div style={{ fontSize: 22, fontWeight: 600, color: '#1f2937' }}>{counts[s] ?? 0}</div>
            <Tag color={STATUS_COLORS[s]} style={{ marginInlineEnd: 0 }}>
              {STATUS_LABELS[s]}
            </Tag>
          </a>
        ))}
      </Flex>
    </Card>
  );
}

/** The 工作台's inspection part: calendar notice, status counts, deadlines and warnings. */
export function InspectionPanels({ data }: { data: Dashboard }) {
  return (
    <>
      {data.calendarNotice && <Alert type="warning" showIcon title="节假日安排" description={data.calendarNotice} style={{ marginTop: 16 }} />}
      <div style={{ marginTop: 16 }}>
        <StatusCounts counts={data.counts} />
      </div>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <DueCard data={data} />
        </Col>
        <Col xs={24} xl={10}>
          <WarningsCard data={data} />
        </Col>
      </Row>
    </>
  );
}
