import { Button, List, Timeline, Typography } from 'antd';
import type { CaseFileDetail } from '../../../shared/api/archive';
import { formatDateTime } from '../../format';
import { EVENT_LABELS } from './labels';

interface Props {
  cf: CaseFileDetail;
  onDownload(part: 'cover' | 'index' | 'notes', revision?: number): void;
}

/** Earlier versions (each with its products) and the case file's event log. */
export function CaseFileHistory({ cf, onDownload }: Props) {
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        修改记录
      </Typography.Title>
      <List
        size="small"
        locale={{ emptyText: '归档后未修改' }}
        dataSource={cf.revisions}
        renderItem={(r) => (
          <List.Item
            actions={[
              <Button key="c" size="small" type="link" onClick={() => onDownload('cover', r.version)}>
                第 {r.version} 版封面
              </Button>,
              <Button key="i" size="small" type="link" onClick={() => onDownload('index', r.version)}>
                目录
              </Button>,
            ]}
          >
            <span>
              {formatDateTime(r.changedAt)} {r.changedBy ?? ''} 修改第 {r.version} 版：{r.reason}
            </span>
          </List.Item>
        )}
      />
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        处理记录
      </Typography.Title>
      <Timeline
        items={cf.events.map((e) => ({
          key: e.id,
          content: (
            <span>
              {formatDateTime(e.at)} {e.username ?? ''} {EVENT_LABELS[e.action] ?? e.action}
              {e.note ? `：${e.note}` : ''}
            </span>
          ),
        }))}
      />
    </>
  );
}
