import type { ReactNode } from 'react';
import { Alert, Form, Modal } from 'antd';
import { useFormSubmit } from './useFormSubmit';

interface Props<V> {
  title: string;
  /** Unique form name: field ids become `<name>_<field>`, which ties labels to inputs. */
  name: string;
  okText?: string;
  initialValues?: Partial<V>;
  /** Rejecting keeps the dialog open and shows the error's Chinese message inside it. */
  onSubmit(values: V): Promise<void>;
  onClose(): void;
  children: ReactNode;
}

/**
 * A dialog holding one form. Mount it only while it is shown (`{open && <FormModal …/>}`):
 * every opening starts clean. Enter in a field submits, like any form.
 */
export function FormModal<V extends object>({ title, name, okText = '确定', initialValues, onSubmit, onClose, children }: Props<V>) {
  const { error, busy, submit } = useFormSubmit<V>(onSubmit, onClose);

  return (
    <Modal
      open
      title={title}
      styles={{ header: { marginBottom: 16 } }}
      okText={okText}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', loading: busy }}
      cancelButtonProps={{ disabled: busy }}
      modalRender={(dom) => (
        <Form<V>
          name={name}
          layout="vertical"
          requiredMark={false}
          initialValues={initialValues}
          onFinish={(values) => void submit(values)}
          disabled={busy}
        >
          {dom}
        </Form>
      )}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {children}
    </Modal>
  );
}
