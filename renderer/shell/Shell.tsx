import { useEffect, useState } from 'react';
import { Button, Flex, Layout, Menu, Tag, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '../../shared/api';
import { useSession } from '../session';
import { AREAS } from './areas';
import { useHashRoute } from './useHashRoute';

const APP_NAME = '涉企行政检查工作台';

/** The logged-in frame: header with the user and 退出登录, the area menu, the current page. */
export function Shell() {
  const { user, signOut } = useSession();
  const [areaKey, navigate] = useHashRoute();
  const [leaving, setLeaving] = useState(false);
  const area = AREAS.find((a) => a.key === areaKey) ?? AREAS[0];
  const Page = area?.page;

  useEffect(() => {
    document.title = area ? `${area.label} - ${APP_NAME}` : APP_NAME;
  }, [area]);

  const logout = (): void => {
    setLeaving(true);
    signOut().finally(() => setLeaving(false));
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 20, height: 56 }}
      >
        <Flex align="baseline" gap={10}>
          <Typography.Text style={{ color: '#fff', fontSize: 18, fontWeight: 600, letterSpacing: 1 }}>{APP_NAME}</Typography.Text>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.6)', fontSize: 12 }}>InspectDesk</Typography.Text>
        </Flex>
        <Flex align="center" gap={12} aria-label="当前用户" role="group">
          <UserOutlined aria-hidden style={{ color: 'rgba(255,255,255,0.85)' }} />
          <span style={{ color: '#fff' }} data-testid="current-user">
            {user.displayName}
          </span>
          <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="current-role">
            {ROLE_LABELS[user.role]}
          </Tag>
          <Button size="small" ghost icon={<LogoutOutlined aria-hidden />} onClick={logout} loading={leaving}>
            退出登录
          </Button>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={188} theme="light" style={{ borderInlineEnd: '1px solid #dfe3ea' }}>
          <nav aria-label="主菜单">
            <Menu
              mode="inline"
              selectedKeys={[areaKey]}
              style={{ borderInlineEnd: 'none', paddingTop: 8 }}
              items={AREAS.map((a) => ({
                key: a.key,
                icon: a.icon,
                label: a.label,
              }))}
              onClick={({ key }) => {
                const next = AREAS.find((a) => a.key === key);
                if (next) navigate(next.key);
              }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>{Page && <Page key={areaKey} />}</Layout.Content>
      </Layout>
    </Layout>
  );
}
