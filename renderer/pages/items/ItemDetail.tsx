import { useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Flex, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { ITEM_FIELD_LABELS, type ItemDetail as Detail, type ItemRow, type ItemVersionRow } from '../../../shared/schemas/item';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { formatDate, formatDateTime } from '../../format';
import { ItemStatusTag } from './ItemStatusTag';

interface Props {
  id: number;
  /** Changes after every save on the page, so the drawer shows the new state without reopening. */
  round: number;
  onClose(): void;
  /** Buttons for the item (编辑, 发布, 废止), drawn by the page so the list and the drawer share them. */
  actions(item: ItemRow): React.ReactNode;
}

function versionLabel(item: Detail, v: ItemVersionRow): string {
  if (v.publishedAt === null) return `第 ${v.version} 版（${item.status === 'draft' ? '草稿' : '待发布'}）`;
  if (v.version === item.currentVersion) return `第 ${v.version} 版（${item.status === 'retired' ? '废止前最后版本' : '现行'}）`;
  return `第 ${v.version} 版（已被第 ${v.version + 1} 版取代）`;
}

/** One item: its versions, newest first, and the nine fields of the selected one. */
export function ItemDetail({ id, round, onClose, actions }: Props) {
  const detail = useQuery('items.get', { id });
  const [chosen, setChosen] = useState<number | null>(null);
  // Reload when the page reports a change (React's "adjust state while rendering" pattern).
  const [seenRound, setSeenRound] = useState(round);
  if (seenRound !== round) {
    setSeenRound(round);
    setChosen(null);
    detail.reload();
  }
  const item = detail.data;
  const version = item?.versions.find((v) => v.version === (chosen ?? item.pendingVersion ?? item.currentVersion)) ?? item?.versions[0];

  return (
    <Drawer open size={820} title={item ? `${item.code} ${item.name}` : '检查事项'} onClose={onClose} extra={item && actions(item)}>
      <LoadError error={detail.error} onRetry={detail.reload} />
      {!item && !detail.error && <Skeleton active />}
      {item && (
        <Flex gap={24} align="flex-start">
          <section aria-label="版本历史" style={{ width: 230, flexShrink: 0 }}>
            <Typography.Title level={3} style={{ fontSize: 15 }}>
              版本历史
            </Typography.Title>
            <Timeline
              items={item.versions.map((v) => ({
                color: v.publishedAt === null ? 'gray' : v.version === item.currentVersion ? 'green' : 'blue',
                content: (
                  <div>
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0, height: 'auto', fontWeight: v.version === version?.version ? 600 : 400 }}
                      onClick={() => setChosen(v.version)}
                      aria-pressed={v.version === version?.version}
                    >
                      {versionLabel(item, v)}
                    </Button>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {v.publishedAt ? `${formatDate(v.publishedAt)} 发布${v.publishedBy ? `（${v.publishedBy}）` : ''}` : `修改于 ${formatDateTime(v.updatedAt)}`}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              }))}
            />
            {item.status === 'retired' && (
              <Typography.Paragraph type="secondary">
                {formatDate(item.retiredAt)} 废止{item.retireReason ? `：${item.retireReason}` : ''}
              </Typography.Paragraph>
            )}
          </section>
          <section aria-label="事项内容" style={{ flex: 1, minWidth: 0 }}>
            {version ? (
              <>
                <Space style={{ marginBottom: 12 }}>
                  <ItemStatusTag item={item} />
                  <Tag>{versionLabel(item, version)}</Tag>
                </Space>
                <Descriptions
                  column={1}
                  bordered
                  size="small"
                  styles={{ label: { width: 110 } }}
                  items={(Object.keys(ITEM_FIELD_LABELS) as (keyof typeof ITEM_FIELD_LABELS)[]).map((k) => ({
                    key: k,
                    label: ITEM_FIELD_LABELS[k],
                    children: k === 'level' ? `${version.level}级` : (version[k] ?? '—'),
                  }))}
                />
              </>
            ) : (
              <Empty description="没有版本" />
            )}
          </section>
        </Flex>
      )}
    </Drawer>
  );
}
