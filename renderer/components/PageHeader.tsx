import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

interface Props {
  title: string;
  /** One sentence under the title saying what the page is for. */
  description?: ReactNode;
  /** Actions on the right (buttons). */
  extra?: ReactNode;
}

/** The page's heading row: an h2 title, an optional description and actions. */
export function PageHeader({ title, description, extra }: Props) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {title}
        </Typography.Title>
        {description && (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {description}
          </Typography.Paragraph>
        )}
      </div>
      {extra && <Flex gap={8}>{extra}</Flex>}
    </Flex>
  );
}
