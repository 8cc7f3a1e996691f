import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Form, Input, type InputRef } from 'antd';
import type { SessionUser } from '../../../shared/api';
import { call } from '../../api/client';
import { errorMessage } from '../../session';
import { required } from '../../components/formRules';
import { AuthFrame } from './AuthFrame';

interface Props {
  onLoggedIn(user: SessionUser): void;
  /** Why the user is here again (e.g. the login expired). */
  notice?: string | null;
}

interface Values {
  username: string;
  password: string;
}

/** Login with username and password; shows the server's message (wrong password, locked) as an alert. */
export function LoginPage({ onLoggedIn, notice }: Props) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState(0);
  const passwordRef = useRef<InputRef>(null);

  // After a failed attempt the password field is cleared; put the cursor back into it.
  useEffect(() => {
    if (failures > 0) passwordRef.current?.focus();
  }, [failures]);

  const submit = async (values: Values): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const user = await call('auth.login', { username: values.username, password: values.password });
      onLoggedIn(user);
    } catch (err) {
      setError(errorMessage(err));
      form.setFieldValue('password', '');
      setBusy(false);
      setFailures((n) => n + 1);
    }
  };

  return (
    <AuthFrame title="登录">
      {notice && !error && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="login" layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        <Form.Item label="用户名" name="username" rules={[required('用户名')]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[required('密码')]}>
          <Input.Password ref={passwordRef} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
      </Form>
    </AuthFrame>
  );
}
