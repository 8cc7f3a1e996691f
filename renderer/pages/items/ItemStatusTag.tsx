import { Space, Tag } from 'antd';
import { ITEM_STATUS_LABELS, type ItemRow } from '../../../shared/schemas/item';

const COLORS = { draft: 'default', published: 'green', retired: 'red' } as const;

/** 草稿 / 已发布 第 n 版 / 已废止, plus 第 n 版待发布 when a new version is being prepared. */
export function ItemStatusTag({ item }: { item: Pick<ItemRow, 'status' | 'currentVersion' | 'pendingVersion'> }) {
  return (
    <Space size={4}>
      <Tag color={COLORS[item.status]}>
        {ITEM_STATUS_LABELS[item.status]}
        {item.status === 'published' ? ` 第 ${item.currentVersion} 版` : ''}
      </Tag>
      {item.pendingVersion !== null && <Tag color="orange">第 {item.pendingVersion} 版待发布</Tag>}
    </Space>
  );
}
