import { Alert, Col, Form, Input, Row, Select } from 'antd';
import type { Input as RouteInput } from '../../../shared/api';
import type { AgencyRow } from '../../../shared/schemas/agency';
import { AUXILIARY_TYPES, certNoSchema, type OfficerRow } from '../../../shared/schemas/officer';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { required, zodRule } from '../../components/formRules';

type Values = Omit<RouteInput<'officers.create'>, 'auxiliaryType'> & { category: 'officer' | (typeof AUXILIARY_TYPES)[number] };

const categoryOptions = [
  { value: 'officer', label: '执法人员（持执法证）' },
  ...AUXILIARY_TYPES.map((t) => ({ value: t, label: `${t}（不得参加检查）` })),
];

interface Props {
  officer?: OfficerRow;
  agencies: AgencyRow[];
  onClose(): void;
  onSaved(row: OfficerRow): void;
}

/** 新增 / 编辑 an officer. Auxiliary staff need no certificate and can never be on a team. */
export function OfficerDialog({ officer, agencies, onClose, onSaved }: Props) {
  const submit = async (v: Values): Promise<void> => {
    const input: RouteInput<'officers.create'> = {
      agencyId: v.agencyId,
      name: v.name,
      post: v.post ?? null,
      phone: v.phone ?? null,
      auxiliaryType: v.category === 'officer' ? null : v.category,
      certNo: v.certNo ?? null,
      certValidFrom: v.certValidFrom ?? null,
      certValidTo: v.certValidTo ?? null,
    };
    onSaved(officer ? await call('officers.update', { ...input, id: officer.id, version: officer.version }) : await call('officers.create', input));
  };

  const initial: Partial<Values> = officer
    ? { ...officer, category: officer.auxiliaryType ?? 'officer' }
    : { agencyId: agencies.find((a) => a.isOwn)?.id ?? agencies[0]?.id, category: 'officer' };

  return (
    <FormModal<Values>
      title={officer ? `编辑执法人员：${officer.name}` : '新增执法人员'}
      name="officer"
      okText={officer ? '保存' : '新增'}
      initialValues={initial}
      onSubmit={submit}
      onClose={onClose}
    >
      <OfficerFields agencies={agencies} />
    </FormModal>
  );
}

/** The fields; inside the form, so they can follow the chosen category. */
function OfficerFields({ agencies }: { agencies: AgencyRow[] }) {
  const category = (Form.useWatch('category') as Values['category'] | undefined) ?? 'officer';
  const auxiliary = category !== 'officer';
  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="姓名" name="name" rules={[required('姓名'), { max: 32, message: '姓名最多 32 个字符' }]}>
            <Input autoFocus autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="人员类别" name="category" rules={[required('人员类别', '请选择')]}>
            <Select options={categoryOptions} />
          </Form.Item>
        </Col>
      </Row>
      {auxiliary && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="辅助人员、网格员、临时工不得参加行政检查"
          description="可以登记备查，但不会出现在检查组人员的可选名单中（湘政办发〔2025〕5号（三））。"
        />
      )}
      <Form.Item label="所属检查主体" name="agencyId" rules={[required('所属检查主体', '请选择')]}>
        <Select options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="职务" name="post">
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="联系电话" name="phone">
            <Input autoComplete="off" maxLength={24} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="执法证号" name="certNo" rules={[...(auxiliary ? [] : [required('执法证号')]), zodRule(certNoSchema)]}>
        <Input autoComplete="off" maxLength={32} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="证件有效期起" name="certValidFrom" rules={auxiliary ? [] : [required('证件有效期起始日期', '请选择')]}>
            <DateField />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            label="证件有效期止"
            name="certValidTo"
            dependencies={['certValidFrom']}
            rules={[
              ...(auxiliary ? [] : [required('证件有效期截止日期', '请选择')]),
              ({ getFieldValue }) => ({
                validator: async (_r, value: string | null | undefined) => {
                  const from = getFieldValue('certValidFrom') as string | null | undefined;
                  if (from && value && from > value) throw new Error('证件有效期截止日期不能早于起始日期');
                },
              }),
            ]}
          >
            <DateField />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
