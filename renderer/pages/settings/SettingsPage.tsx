import { Card, Tabs, type TabsProps } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { canCall, useSession } from '../../session';
import { SystemInfoTab } from './SystemInfoTab';
import { UsersTab } from './UsersTab';
import { AuditTab } from './AuditTab';
import { ChangePasswordTab } from './ChangePasswordTab';

/** 设置: system information and backup, users (admin), audit log (admin/head/archivist), own password. */
export function SettingsPage() {
  const { user } = useSession();
  const items: NonNullable<TabsProps['items']> = [{ key: 'system', label: '系统信息', children: <SystemInfoTab /> }];
  if (canCall(user, 'users.list')) items.push({ key: 'users', label: '用户管理', children: <UsersTab /> });
  if (canCall(user, 'audit.list')) items.push({ key: 'audit', label: '审计日志', children: <AuditTab /> });
  items.push({ key: 'password', label: '修改密码', children: <ChangePasswordTab /> });

  return (
    <>
      <PageHeader title="设置" />
      <Card>
        <Tabs items={items} />
      </Card>
    </>
  );
}
