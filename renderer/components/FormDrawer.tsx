import type { ReactNode } from 'react';
import { Alert, Button, Drawer, Flex, Form, type FormInstance } from 'antd';
import { useFormSubmit } from './useFormSubmit';

interface Props<V> {
  title: string;
  /** Unique form name: field ids become `<name>_<field>`, which ties labels to inputs. */
  name: string;
  okText?: string;
  /** Drawer width in px. */
  width?: number;
  initialValues?: Partial<V>;
  form?: FormInstance<V>;
  /** Rejecting keeps the drawer open and shows the error's Chinese message at its top. */
  onSubmit(values: V): Promise<void>;
  onClose(): void;
  /** Shown above the fields (e.g. a duplicate warning with an action). */
  notice?: ReactNode;
  /** False for a read-only view: the fields are shown, no 保存 button. */
  editable?: boolean;
  children: ReactNode;
}

/**
 * A side drawer holding one form, for records with many fields (企业, 事项). The whole drawer is
 * the <form>, footer included, so Enter in a field submits. Mount it only while shown.
 */
export function FormDrawer<V extends object>({
  title,
  name,
  okText = '保存',
  width = 720,
  initialValues,
  form,
  onSubmit,
  onClose,
  notice,
  editable = true,
  children,
}: Props<V>) {
  const { error, busy, submit } = useFormSubmit<V>(onSubmit, onClose);

  return (
    <Drawer
      open
      title={title}
      size={width}
      onClose={onClose}
      destroyOnHidden
      drawerRender={(dom) => (
        <Form<V>
          form={form}
          name={name}
          layout="vertical"
          requiredMark={false}
          initialValues={initialValues}
          onFinish={(values) => void submit(values)}
          disabled={busy || !editable}
          style={{ height: '100%' }}
        >
          {dom}
        </Form>
      )}
      footer={
        <Flex justify="flex-end" gap={8}>
          {/* Explicit, so the read-only view (a disabled form) can still be closed. */}
          <Button onClick={onClose} disabled={busy}>
            {editable ? '取消' : '关闭'}
          </Button>
          {editable && (
            <Button type="primary" htmlType="submit" loading={busy}>
              {okText}
            </Button>
          )}
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {notice}
      {children}
    </Drawer>
  );
}
