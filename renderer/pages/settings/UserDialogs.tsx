import { Form, Input, Select } from 'antd';
import {
  ROLES,
  ROLE_LABELS,
  displayNameSchema,
  passwordSchema,
  usernameSchema,
  type Role,
  type UserRow,
} from '../../../shared/api';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { required, sameAs, zodRule } from '../../components/formRules';

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

interface DialogProps {
  onClose(): void;
  /** Called with the saved row after the server accepted the change. */
  onSaved(row: UserRow): void;
}

interface CreateValues {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  confirm: string;
}

/** 新增用户. */
export function CreateUserDialog({ onClose, onSaved }: DialogProps) {
  const submit = async (v: CreateValues): Promise<void> => {
    onSaved(await call('users.create', { username: v.username.trim(), displayName: v.displayName.trim(), role: v.role, password: v.password }));
  };
  return (
    <FormModal<CreateValues> title="新增用户" name="createUser" okText="创建" initialValues={{ role: 'clerk' }} onSubmit={submit} onClose={onClose}>
      <Form.Item label="用户名" name="username" rules={[required('用户名'), zodRule(usernameSchema)]}>
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      <Form.Item label="姓名" name="displayName" rules={[required('姓名'), zodRule(displayNameSchema)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label="角色" name="role" rules={[required('角色', '请选择')]}>
        <Select options={roleOptions} />
      </Form.Item>
      <Form.Item label="初始密码" name="password" rules={[required('初始密码'), zodRule(passwordSchema)]} extra="至少 8 个字符">
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认初始密码"
        name="confirm"
        dependencies={['password']}
        rules={[{ required: true, message: '请再次输入初始密码' }, sameAs('password')]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}

interface EditValues {
  displayName: string;
  role: Role;
}

/** 编辑: name and role of an existing user. */
export function EditUserDialog({ user, onClose, onSaved }: DialogProps & { user: UserRow }) {
  const submit = async (v: EditValues): Promise<void> => {
    onSaved(await call('users.update', { id: user.id, displayName: v.displayName.trim(), role: v.role }));
  };
  return (
    <FormModal<EditValues>
      title={`编辑用户：${user.username}`}
      name="editUser"
      okText="保存"
      initialValues={{ displayName: user.displayName, role: user.role }}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item label="姓名" name="displayName" rules={[required('姓名'), zodRule(displayNameSchema)]}>
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      <Form.Item label="角色" name="role" rules={[required('角色', '请选择')]}>
        <Select options={roleOptions} />
      </Form.Item>
    </FormModal>
  );
}

interface ResetValues {
  password: string;
  confirm: string;
}

/** 重置密码 (also lifts a lockout). */
export function ResetPasswordDialog({ user, onClose, onSaved }: DialogProps & { user: UserRow }) {
  const submit = async (v: ResetValues): Promise<void> => {
    onSaved(await call('users.resetPassword', { id: user.id, password: v.password }));
  };
  return (
    <FormModal<ResetValues> title={`重置密码：${user.displayName}（${user.username}）`} name="resetPassword" okText="重置" onSubmit={submit} onClose={onClose}>
      <Form.Item label="新密码" name="password" rules={[required('新密码'), zodRule(passwordSchema)]} extra="至少 8 个字符；重置后该用户的锁定同时解除">
        <Input.Password autoFocus autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['password']}
        rules={[{ required: true, message: '请再次输入新密码' }, sameAs('password')]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
