import { Alert, Form, Input, Typography } from 'antd';
import type { FindingRow } from '../../shared/api/inspections';
import { RULE_BY_ID } from '../../shared/rules';
import { call } from '../api/client';
import { FormModal } from './FormModal';
import { required } from './formRules';

interface Props {
  inspectionId: number;
  finding: FindingRow;
  onClose(): void;
  onDone(): void;
}

interface Values {
  reason: string;
  approvalNo?: string;
}

/**
 * 负责人决定: a head lets a warning pass, recording the reason (and the approving document's
 * number where the rule names an approval, e.g. the government's consent to a third check).
 */
export function FindingsOverrideModal({ inspectionId, finding, onClose, onDone }: Props) {
  const title = RULE_BY_ID.get(finding.ruleId)?.title ?? finding.ruleId;
  const submit = async (v: Values): Promise<void> => {
    await call('inspections.override', {
      id: inspectionId,
      ruleId: finding.ruleId,
      reason: v.reason.trim(),
      approvalNo: v.approvalNo?.trim() ? v.approvalNo.trim() : null,
    });
    onDone();
  };
  return (
    <FormModal<Values> title={`负责人决定：${title}`} name="override" okText="记录决定并放行" onSubmit={submit} onClose={onClose}>
      <Alert type="warning" showIcon title={finding.message} description={<Typography.Text type="secondary">依据：{finding.basis}</Typography.Text>} style={{ marginBottom: 16 }} />
      <Form.Item label="理由" name="reason" rules={[required('理由'), { min: 4, message: '请写明理由（至少 4 个字）' }]}>
        <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
      {finding.needsApprovalNumber && (
        <Form.Item label="批准文号" name="approvalNo" rules={[required('批准文号')]} extra="如 同级人民政府同意增加检查次数的文号">
          <Input autoComplete="off" placeholder="如 湘县政函〔2025〕21号" />
        </Form.Item>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        决定、理由和批准文号将记入检查任务和审计日志。
      </Typography.Paragraph>
    </FormModal>
  );
}
