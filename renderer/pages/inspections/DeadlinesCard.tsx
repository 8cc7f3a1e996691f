import { Card, Flex, Tag, Typography } from 'antd';
import type { InspectionDetail } from '../../../shared/api/inspections';

type Deadline = InspectionDetail['deadlines'][number];

const STATE: Record<Deadline['state'], { label: string; color: string }> = {
  pending: { label: '待办', color: 'blue' },
  overdue: { label: '已逾期', color: 'red' },
  done: { label: '已完成', color: 'green' },
  done_late: { label: '逾期完成', color: 'orange' },
};

/** A due date; provisional when a year's holiday arrangement is not yet known. */
export function DueDate({ date, provisional, overdue }: { date: string; provisional: boolean; overdue: boolean }) {
  return (
    <span>
      <Typography.Text type={overdue ? 'danger' : undefined} strong={overdue}>
        {date}
      </Typography.Text>
      {provisional && (
        <Tag color="gold" style={{ marginInlineStart: 6 }} title="该年度节假日安排尚未内置或导入，按周末推算">
          暂定
        </Tag>
      )}
    </span>
  );
}

/** The inspection's statutory deadlines: what, by when, done or not. */
export function DeadlinesCard({ detail }: { detail: InspectionDetail }) {
  return (
    <Card size="small" title="期限" style={{ marginBottom: 16 }} role="region" aria-label="期限">
      {detail.deadlines.length === 0 && <Typography.Text type="secondary">暂无期限事项</Typography.Text>}
      <ul style={{ margin: 0, padding: 0 }}>
        {detail.deadlines.map((d) => (
          <li key={d.kind} style={{ listStyle: 'none', padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Flex justify="space-between" gap={8} align="baseline">
              <Typography.Text>{d.label}</Typography.Text>
              <Tag color={STATE[d.state].color} style={{ marginInlineEnd: 0 }}>
                {STATE[d.state].label}
              </Tag>
            </Flex>
            <div>
              <Typography.Text type="secondary">期限 </Typography.Text>
              <DueDate date={d.due} provisional={d.provisional} overdue={d.state === 'overdue'} />
              {d.doneOn && <Typography.Text type="secondary">，{d.doneOn} 完成</Typography.Text>}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              依据：{d.basis}
            </Typography.Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}
