import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';

interface Props {
  title: string;
  children: ReactNode;
}

/** The centred card that frames the first-run and login forms. */
export function AuthFrame({ title, children }: Props) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', background: '#eef1f5', padding: 24 }}>
      <main style={{ width: 420, maxWidth: '100%' }}>
        <Flex vertical align="center" style={{ marginBottom: 20 }}>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0, letterSpacing: 2 }}>
            涉企行政检查工作台
          </Typography.Title>
          <Typography.Text type="secondary">InspectDesk</Typography.Text>
        </Flex>
        <Card>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0, marginBottom: 20 }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
      </main>
    </Flex>
  );
}
