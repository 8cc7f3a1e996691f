import { Col, Form, Input, Row, Select } from 'antd';
import type { Input as RouteInput } from '../../../shared/api';
import type { AgencyRow } from '../../../shared/schemas/agency';
import { LEVELS, optCreditCode, optPhone } from '../../../shared/schemas/fields';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { required, zodRule } from '../../components/formRules';

type Values = RouteInput<'agencies.create'>;
const levelOptions = LEVELS.map((l) => ({ value: l, label: `${l}级` }));

interface Props {
  agency?: AgencyRow;
  onClose(): void;
  onSaved(row: AgencyRow): void;
}

/** 新增 / 编辑 an agency with inspection power. */
export function AgencyDialog({ agency, onClose, onSaved }: Props) {
  const submit = async (v: Values): Promise<void> => {
    const input: Values = {
      name: v.name,
      shortName: v.shortName,
      level: v.level,
      creditCode: v.creditCode ?? null,
      head: v.head ?? null,
      phone: v.phone ?? null,
      complaintChannel: v.complaintChannel ?? null,
    };
    onSaved(agency ? await call('agencies.update', { ...input, id: agency.id, version: agency.version }) : await call('agencies.create', input));
  };
  return (
    <FormModal<Values>
      title={agency ? `编辑检查主体：${agency.name}` : '新增检查主体'}
      name="agency"
      okText={agency ? '保存' : '新增'}
      initialValues={agency ?? { level: '县' }}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item label="名称" name="name" rules={[required('名称'), { max: 60, message: '名称最多 60 个字符' }]}>
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="简称" name="shortName" rules={[required('简称'), { max: 20, message: '简称最多 20 个字符' }]} extra="用于文书文号，如“湘县市监”">
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="层级" name="level" rules={[required('层级', '请选择')]}>
            <Select options={levelOptions} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="统一社会信用代码" name="creditCode" validateDebounce={250} rules={[zodRule(optCreditCode)]}>
        <Input autoComplete="off" maxLength={24} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="负责人" name="head">
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="联系电话" name="phone" rules={[zodRule(optPhone())]}>
            <Input autoComplete="off" maxLength={24} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="投诉举报渠道" name="complaintChannel" extra="印在检查通知书上，如“12345 政务服务便民热线”">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
