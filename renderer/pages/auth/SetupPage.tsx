import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { displayNameSchema, passwordSchema, usernameSchema, type SessionUser } from '../../../shared/api';
import { call } from '../../api/client';
import { errorMessage } from '../../session';
import { required, sameAs, zodRule } from '../../components/formRules';
import { AuthFrame } from './AuthFrame';

interface Props {
  onDone(user: SessionUser): void;
}

interface Values {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** First run: create the administrator account, then continue logged in as that user. */
export function SetupPage({ onDone }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const input = { username: values.username.trim(), displayName: values.displayName.trim(), password: values.password };
      await call('auth.setup', input);
      // Setup binds the new admin to this connection; log in explicitly if the host did not.
      const status = await call('auth.status', {});
      onDone(status.user ?? (await call('auth.login', { username: input.username, password: input.password })));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="首次运行：创建管理员账号">
      <Typography.Paragraph type="secondary">
        本机尚无任何用户。请先创建管理员账号，之后可在「设置 → 用户管理」中为其他工作人员开设账号。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> name="setup" layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        <Form.Item label="用户名" name="username" rules={[required('用户名'), zodRule(usernameSchema)]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[required('姓名'), zodRule(displayNameSchema)]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[required('密码'), zodRule(passwordSchema)]} extra="至少 8 个字符">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认密码"
          name="confirm"
          dependencies={['password']}
          rules={[{ required: true, message: '请再次输入密码' }, sameAs('password')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          创建管理员并登录
        </Button>
      </Form>
    </AuthFrame>
  );
}
