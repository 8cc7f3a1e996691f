import { useState } from 'react';
import { App as AntApp, Alert, Button, Form, Input } from 'antd';
import { passwordSchema } from '../../../shared/api';
import { call } from '../../api/client';
import { required, sameAs, zodRule } from '../../components/formRules';
import { errorMessage } from '../../session';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码 for the logged-in user. */
export function ChangePasswordTab() {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await call('auth.changePassword', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      form.resetFields();
      void message.success('密码已修改，下次登录请使用新密码');
    } catch (err) {
      // Shown in place, never as a logout: a wrong old password must not end the session.
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 420 }}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="changePassword" layout="vertical" requiredMark={false} onFinish={submit} disabled={busy}>
        <Form.Item label="原密码" name="oldPassword" rules={[required('原密码')]}>
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" rules={[required('新密码'), zodRule(passwordSchema)]} extra="至少 8 个字符">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[{ required: true, message: '请再次输入新密码' }, sameAs('newPassword')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          修改密码
        </Button>
      </Form>
    </div>
  );
}
