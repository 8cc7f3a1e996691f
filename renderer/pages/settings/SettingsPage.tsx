import { Card, Tabs, type TabsProps } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { canCall, useSession } from '../../session';
import { SystemInfoTab } from './SystemInfoTab';
import { UsersTab } from './UsersTab';
import { AuditTab } from './AuditTab';
import { ChangePasswordTab } from './ChangePasswordTab';
import { RulesTab } from './RulesTab';
import { CalendarTab } from './CalendarTab';
import { DocumentSettingsTab } from './DocumentSettingsTab';

/** 设置: system information and backup, users (admin), audit log (admin/head/archivist), own password. */
export function SettingsPage() {
  const { user } = useSession();
  const items: NonNullable<TabsProps['items']> = [{ key: 'system', label: '系统信息', children: <SystemInfoTab /> }];
  if (canCall(user, 'users.list')) items.push({ key: 'users', label: '用户管理', children: <UsersTab /> });
  if (canCall(user, 'audit.list')) items.push({ key: 'audit', label: '审计日志', children: <AuditTab /> });
  if (canCall(user, 'ruleSettings.set')) items.push({ key: 'rules', label: '规则设置', children: <RulesTab /> });
  if (canCall(user, 'documentSettings.set')) items.push({ key: 'documents', label: '文书设置', children: <DocumentSettingsTab /> });
  items.push({ key: 'calendar', label: '节假日安排', children: <CalendarTab /> });
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
