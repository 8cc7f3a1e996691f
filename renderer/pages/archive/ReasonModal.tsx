import { Form, Input } from 'antd';
import { FormModal } from '../../components/FormModal';

interface Props {
  title: string;
  label: string;
  okText: string;
  /** A sentence above the field (what happens, what is kept). */
  hint?: string;
  extra?: { name: string; label: string; placeholder?: string };
  onSubmit(values: { reason: string; extra?: string }): Promise<void>;
  onClose(): void;
}

/** A dialog asking for the reason of an archive action (修改理由, 缺项说明, 保全理由, 鉴定意见…). */
export function ReasonModal({ title, label, okText, hint, extra, onSubmit, onClose }: Props) {
  return (
    <FormModal<{ reason: string; extra?: string }> title={title} name="reason" okText={okText} onSubmit={onSubmit} onClose={onClose}>
      {hint && <p style={{ marginTop: 0 }}>{hint}</p>}
      {extra && (
        <Form.Item name="extra" label={extra.label} rules={[{ required: true, whitespace: true, message: `请填写${extra.label}` }]}>
          <Input placeholder={extra.placeholder} />
        </Form.Item>
      )}
      <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, min: 2, message: `请写明${label}` }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
