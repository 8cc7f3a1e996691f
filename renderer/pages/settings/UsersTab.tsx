import { useState } from 'react';
import { App as AntApp, Button, Flex, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ROLE_LABELS, type UserRow } from '../../../shared/api';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { formatDateTime } from '../../format';
import { useErrorReporter, useSession } from '../../session';
import { CreateUserDialog, EditUserDialog, ResetPasswordDialog } from './UserDialogs';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: UserRow } | { kind: 'reset'; user: UserRow } | null;

function StatusTag({ row }: { row: UserRow }) {
  if (row.disabled) return <Tag color="red">停用</Tag>;
  if (row.lockedUntil && dayjs(row.lockedUntil).isAfter(dayjs())) {
    return <Tag color="orange">锁定至 {formatDateTime(row.lockedUntil)}</Tag>;
  }
  return <Tag color="green">启用</Tag>;
}

/** 用户管理 (admin): list, create, edit, enable/disable and reset passwords. */
export function UsersTab() {
  const { user: me, refresh } = useSession();
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const users = useQuery('users.list', {});
  const [dialog, setDialog] = useState<Dialog>(null);
  const [toggling, setToggling] = useState<number | null>(null);

  const saved = (text: string): void => {
    void message.success(text);
    users.reload();
  };

  const toggle = async (row: UserRow): Promise<void> => {
    setToggling(row.id);
    try {
      await call('users.setDisabled', { id: row.id, disabled: !row.disabled });
      void message.success(row.disabled ? `已启用用户 ${row.displayName}` : `已停用用户 ${row.displayName}`);
      users.reload();
    } catch (err) {
      report(err);
    } finally {
      setToggling(null);
    }
  };

  const columns: TableColumnsType<UserRow> = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', width: 120 },
    { title: '角色', dataIndex: 'role', width: 110, render: (r: UserRow['role']) => ROLE_LABELS[r] },
    { title: '状态', key: 'status', width: 220, render: (_: unknown, row) => <StatusTag row={row} /> },
    { title: '创建时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, row) => (
        <Space size={4} wrap>
          <Button size="small" type="link" aria-label={`编辑 ${row.username}`} onClick={() => setDialog({ kind: 'edit', user: row })}>
            编辑
          </Button>
          {row.id !== me.id && (
            <Popconfirm
              title={row.disabled ? `启用用户 ${row.displayName}？` : `停用用户 ${row.displayName}？`}
              description={row.disabled ? '启用后该用户可以重新登录。' : '停用后该用户不能再登录，其历史记录保留。'}
              okText={row.disabled ? '启用' : '停用'}
              okButtonProps={{ danger: !row.disabled }}
              cancelText="取消"
              onConfirm={() => toggle(row)}
            >
              <Button
                size="small"
                type="link"
                danger={!row.disabled}
                loading={toggling === row.id}
                aria-label={`${row.disabled ? '启用' : '停用'} ${row.username}`}
              >
                {row.disabled ? '启用' : '停用'}
              </Button>
            </Popconfirm>
          )}
          <Button size="small" type="link" aria-label={`重置密码 ${row.username}`} onClick={() => setDialog({ kind: 'reset', user: row })}>
            重置密码
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="flex-end" gap={8} style={{ marginBottom: 12 }}>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={users.reload}>
          刷新
        </Button>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
          新增用户
        </Button>
      </Flex>
      <LoadError error={users.error} onRetry={users.reload} />
      <Table<UserRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.loading}
        pagination={false}
        locale={{ emptyText: '暂无用户' }}
      />
      {dialog?.kind === 'create' && <CreateUserDialog onClose={() => setDialog(null)} onSaved={(u) => saved(`已创建用户 ${u.username}`)} />}
      {dialog?.kind === 'edit' && (
        <EditUserDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onSaved={(u) => {
            saved(`已保存用户 ${u.username}`);
            if (u.id === me.id) refresh();
          }}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPasswordDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onSaved={(u) => saved(`已重置 ${u.username} 的密码`)}
        />
      )}
    </>
  );
}
