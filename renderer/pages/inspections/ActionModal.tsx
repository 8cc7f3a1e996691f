import { useState } from 'react';
import { Alert, AutoComplete, Form, Input, Modal, Radio } from 'antd';
import { ACTION_LABELS, type ActionPayload, type InspectionAction, type InspectionDetail } from '../../../shared/api/inspections';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { required } from '../../components/formRules';
import { errorMessage } from '../../session';
import { localToday } from './labels';

type Values = Record<string, string | null | undefined>;

const NOTE_HINTS: Partial<Record<InspectionAction, string>> = {
  approve: '本机关负责人批准书面检查方案（内设机构负责人批准不符合要求）。',
  file: '进入企业前填写《湘潭市涉企行政执法检查备案表》，报优化营商环境部门备案（抄送司法行政部门）。',
  notify: '进入企业前送达检查通知书；法律规定可以不事先通知的，写明依据。',
  enter: '进入企业前扫码登记（湖南营商码/行政检查码），并出示执法证件。',
  record: '制作现场检查笔录（非现场检查为非现场检查记录）；检查结束后 5 个工作日内须书面反馈结果。',
  feedback: '向检查对象书面反馈检查结果。',
  transfer: '发现不属本机关管辖的，20 个工作日内移送有管辖权的机关。',
  reportRemote: '异地检查实施后 15 日内报司法行政部门备案。',
};

/** Free text with suggestions shown only while typing, so no open list covers the dialog's buttons. */
function Suggest({ options, value, onChange, id, autoFocus }: { options: string[]; value?: string; onChange?: (v: string) => void; id?: string; autoFocus?: boolean }) {
  const typed = (value ?? '').trim();
  const shown = typed ? options.filter((o) => o.includes(typed) && o !== typed) : [];
  return <AutoComplete id={id} autoFocus={autoFocus} value={value} onChange={onChange} options={shown.map((o) => ({ value: o }))} />;
}

/** The fields each step asks for; the date is always there and defaults to today. */
function StepFields({ action, detail }: { action: InspectionAction; detail: InspectionDetail }) {
  const noticeMode = Form.useWatch<string | undefined>('noticeMode');
  const outcome = Form.useWatch<string | undefined>('outcome');
  const offsite = !detail.draft.onsite;
  switch (action) {
    case 'approve':
      return (
        <Form.Item label="审批意见" name="note">
          <Input autoFocus autoComplete="off" placeholder="同意" />
        </Form.Item>
      );
    case 'file':
      return (
        <>
          <Form.Item label="备案编号" name="filingNo">
            <Input autoFocus autoComplete="off" />
          </Form.Item>
          {detail.draft.emergency && (
            <Form.Item label="补报原因" name="lateReason" extra="紧急情况先行检查的，检查完毕后 5 个工作日内补报并说明原由">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
            </Form.Item>
          )}
        </>
      );
    case 'notify':
      return (
        <>
          <Form.Item label="通知方式" name="noticeMode">
            <Radio.Group
              options={[
                { value: 'notice', label: '已送达检查通知书' },
                { value: 'none', label: '依法不事先通知' },
              ]}
            />
          </Form.Item>
          {noticeMode === 'none' && (
            <Form.Item label="无需事先通知的依据" name="noNoticeReason" rules={[required('无需事先通知的依据')]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
            </Form.Item>
          )}
        </>
      );
    case 'enter':
      return (
        <>
          <Form.Item label="扫码入企登记号" name="codeRegistrationNo" rules={[required('扫码入企登记号')]}>
            <Input autoFocus autoComplete="off" placeholder="湖南营商码 / 行政检查码登记号" />
          </Form.Item>
          <Form.Item label="音像记录编号" name="avRecordRef">
            <Input autoComplete="off" placeholder="执法记录仪视频编号" />
          </Form.Item>
        </>
      );
    case 'record':
      return (
        <>
          <Form.Item label="检查情况" name="findings" rules={[required('检查情况')]}>
            <Input.TextArea autoFocus autoSize={{ minRows: 4, maxRows: 10 }} maxLength={20000} />
          </Form.Item>
          {offsite ? (
            <Form.Item label="非现场检查方式" name="offsiteMethod">
              <Suggest options={['书面核查', '信息共享、数据比对', '远程视频']} />
            </Form.Item>
          ) : (
            <>
              <Form.Item label="在场人员" name="personsPresent">
                <Input autoComplete="off" placeholder="如 法定代表人 刘伟" />
              </Form.Item>
              <Form.Item label="检查地点" name="place">
                <Input autoComplete="off" />
              </Form.Item>
            </>
          )}
          <Form.Item label="检查结束日期" name="endDate" extra="留空则为记录日期">
            <DateField />
          </Form.Item>
        </>
      );
    case 'feedback':
      return (
        <Form.Item label="反馈方式" name="method">
          <Suggest autoFocus options={['送达检查结果告知书', '电子送达', '当面送达并签收']} />
        </Form.Item>
      );
    case 'close':
      return (
        <>
          <Form.Item label="处理结果" name="outcome" rules={[required('处理结果', '请选择')]}>
            <Radio.Group
              options={[
                { value: 'no_problem', label: '未发现问题' },
                { value: 'rectification', label: '责令整改' },
                { value: 'penalty', label: '转立案查处' },
                { value: 'transfer', label: '移送主管机关' },
              ]}
            />
          </Form.Item>
          {outcome === 'rectification' && (
            <Form.Item label="整改期限" name="rectificationDeadline" rules={[required('整改期限', '请选择')]}>
              <DateField />
            </Form.Item>
          )}
          {(outcome === 'penalty' || outcome === 'transfer') && (
            <Form.Item label="移送机关" name="transferTarget" rules={[required('移送机关')]}>
              <Input autoComplete="off" placeholder={outcome === 'penalty' ? '如 本局执法大队（立案查处）' : '有管辖权的行政机关'} />
            </Form.Item>
          )}
          <Form.Item label="处理说明" name="note">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'verifyRectification':
      return (
        <Form.Item label="复查结果" name="result" rules={[required('复查结果')]}>
          <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      );
    case 'transfer':
      return (
        <Form.Item label="移送机关" name="target" rules={[required('移送机关')]}>
          <Input autoFocus autoComplete="off" />
        </Form.Item>
      );
    case 'reportRemote':
      return null;
    default:
      return action satisfies never;
  }
}

const opt = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);

/** The contract's payload from the modal's values. */
function payloadOf(action: InspectionAction, v: Values): ActionPayload {
  const date = v.date ?? undefined;
  switch (action) {
    case 'approve':
      return { action, date, note: opt(v.note) };
    case 'file':
      return { action, date, filingNo: opt(v.filingNo), lateReason: opt(v.lateReason) };
    case 'notify':
      return { action, date, noNoticeReason: v.noticeMode === 'none' ? opt(v.noNoticeReason) : null };
    case 'enter':
      return { action, date, codeRegistrationNo: opt(v.codeRegistrationNo), avRecordRef: opt(v.avRecordRef) };
    case 'record':
      return { action, date, endDate: v.endDate ?? undefined, place: opt(v.place), findings: v.findings?.trim() ?? '', personsPresent: opt(v.personsPresent), offsiteMethod: opt(v.offsiteMethod) };
    case 'feedback':
      return { action, date, method: opt(v.method) };
    case 'close':
      return {
        action,
        date,
        outcome: v.outcome as 'no_problem' | 'rectification' | 'penalty' | 'transfer',
        note: opt(v.note),
        rectificationDeadline: v.outcome === 'rectification' ? (v.rectificationDeadline ?? null) : null,
        transferTarget: v.outcome === 'penalty' || v.outcome === 'transfer' ? opt(v.transferTarget) : null,
      };
    case 'verifyRectification':
      return { action, date, result: v.result?.trim() ?? '' };
    case 'transfer':
      return { action, date, target: v.target?.trim() ?? '' };
    case 'reportRemote':
      return { action, date };
    default:
      return action satisfies never;
  }
}

interface Props {
  action: InspectionAction;
  detail: InspectionDetail;
  onClose(): void;
  onDone(): void;
}

/** One step of the lifecycle: its fields, sent with the version shown (a double click changes nothing twice). */
export function ActionModal({ action, detail, onClose, onDone }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = ACTION_LABELS[action];

  const submit = async (v: Values): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await call('inspections.step', { id: detail.id, version: detail.version, payload: payloadOf(action, v) });
      onDone();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const initial: Values = {
    date: localToday(),
    noticeMode: 'notice',
    method: '送达检查结果告知书',
    offsiteMethod: '书面核查',
    transferTarget: detail.record.transferTarget,
    target: detail.record.transferTarget,
  };
  return (
    <Modal
      open
      title={`${label}：${detail.number}`}
      okText={label}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', loading: busy }}
      cancelButtonProps={{ disabled: busy }}
      width={560}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<Values> name={`step_${action}`} layout="vertical" requiredMark={false} initialValues={initial} onFinish={(v) => void submit(v)} disabled={busy}>
          {dom}
        </Form>
      )}
    >
      {error && <Alert type="error" showIcon role="alert" title={<div style={{ whiteSpace: 'pre-line' }}>{error}</div>} style={{ marginBottom: 16 }} />}
      {NOTE_HINTS[action] && <Alert type="info" title={NOTE_HINTS[action]} style={{ marginBottom: 16 }} />}
      <Form.Item label="办理日期" name="date" rules={[required('办理日期', '请选择')]}>
        <DateField />
      </Form.Item>
      <StepFields action={action} detail={detail} />
    </Modal>
  );
}
