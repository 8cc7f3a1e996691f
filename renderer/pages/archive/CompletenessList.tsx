import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { List, Tag, Typography } from 'antd';
import type { CompletenessItem } from '../../../shared/api/archive';

/** 完整性检查: what each inspection of the volume must contain, present or missing, with the basis. */
export function CompletenessList({ items }: { items: CompletenessItem[] }) {
  const byInspection = [...new Set(items.map((i) => i.inspectionNo))];
  return (
    <section aria-label="完整性检查" style={{ maxHeight: 440, overflowY: 'auto' }}>
      {byInspection.map((no) => (
        <List
          key={no}
          size="small"
          header={<Typography.Text strong>{no}</Typography.Text>}
          dataSource={items.filter((i) => i.inspectionNo === no)}
          renderItem={(i) => (
            <List.Item>
              <span style={{ marginInlineEnd: 8 }}>
                {i.present ? (
                  <CheckCircleFilled style={{ color: '#389e0d' }} aria-label="已具备" />
                ) : i.required ? (
                  <CloseCircleFilled style={{ color: '#cf1322' }} aria-label="缺少" />
                ) : (
                  <ExclamationCircleFilled style={{ color: '#d48806' }} aria-label="建议补充" />
                )}
              </span>
              <span style={{ flex: 1 }}>
                {i.label} {!i.required && <Tag>建议</Tag>}
                {!i.present && i.required && <Tag color="red">缺少</Tag>}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {i.basis}
                </Typography.Text>
              </span>
            </List.Item>
          )}
        />
      ))}
    </section>
  );
}
