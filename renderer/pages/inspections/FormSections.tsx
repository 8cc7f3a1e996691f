import { Col, Flex, Form, Input, Radio, Row, Select, Switch, Tag, Typography } from 'antd';
import type { OfficerRow } from '../../../shared/api';
import { inspectionDraftSchema } from '../../../shared/api/inspections';
import { INSPECTION_KINDS, KIND_LABELS, TRIGGER_LABELS, TRIGGER_SOURCES } from '../../../shared/rules';
import { CERT_STATUS_LABELS, type CertStatus } from '../../../shared/schemas/officer';
import { DateField } from '../../components/DateField';
import { required, zodRule } from '../../components/formRules';
import type { DraftValues } from './draft';
import { EnterpriseSelect } from './EnterpriseSelect';
import { FILING_EXEMPTIONS } from './labels';
import type { FormOptions } from './useFormOptions';

const CERT_COLORS: Record<CertStatus, string> = { valid: 'green', expiring: 'orange', expired: 'red', notYetValid: 'blue', none: 'default' };
const shape = inspectionDraftSchema.shape;

/** 检查对象 and the agencies: the lead one and those inspecting jointly. */
export function SubjectFields({ options, initialEnterprise }: { options: FormOptions; initialEnterprise?: { id: number; name: string; creditCode: string } | null }) {
  const lead = Form.useWatch<number | undefined>('agencyId');
  const agencyOptions = options.agencies.map((a) => ({ value: a.id, label: a.name }));
  return (
    <>
      <Form.Item label="检查对象" name="enterpriseId" rules={[required('检查对象', '请选择')]}>
        <EnterpriseSelect initial={initialEnterprise ?? null} autoFocus />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="检查主体（牵头单位）" name="agencyId" rules={[required('检查主体', '请选择')]}>
            <Select options={agencyOptions} placeholder="选择检查主体" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="联合单位" name="jointAgencyIds" extra="跨部门联合检查时选择">
            <Select mode="multiple" allowClear options={agencyOptions.filter((a) => a.value !== lead)} placeholder="无" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** 检查类型 with what each kind needs: source and number (触发式), approval number (专项), off site (非现场). */
export function KindFields() {
  const kind = Form.useWatch<DraftValues['kind']>('kind');
  return (
    <>
      <Form.Item label="检查类型" name="kind" rules={[required('检查类型', '请选择')]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={INSPECTION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
      </Form.Item>
      {kind === 'triggered' && (
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item label="线索来源" name="triggerSource" rules={[required('线索来源', '请选择')]}>
              <Select options={TRIGGER_SOURCES.map((t) => ({ value: t, label: TRIGGER_LABELS[t] }))} placeholder="投诉举报、转办交办…" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item label="线索编号" name="triggerRef" rules={[required('线索编号'), zodRule(shape.triggerRef)]} extra="投诉举报单号、转办文号或监测预警编号">
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      )}
      {kind === 'special' && (
        <Form.Item label="专项检查批准文号" name="specialApprovalNo" rules={[required('批准文号'), zodRule(shape.specialApprovalNo)]} extra="本级人民政府（或垂直管理上级机关）的批准文号">
          <Input autoComplete="off" placeholder="如 湘县政函〔2025〕8号" />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="计划检查日期" name="plannedDate">
            <DateField />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            label="现场检查"
            name="onsite"
            valuePropName="checked"
            extra={kind === 'offsite' ? '非现场检查不进入企业，通过书面核查、数据比对等方式进行' : '书面核查、数据共享能够满足的，不进入现场'}
          >
            <Switch checkedChildren="进入现场" unCheckedChildren="不进入现场" disabled={kind === 'offsite'} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function OfficerOption({ o }: { o: OfficerRow }) {
  return (
    <Flex gap={8} align="center" wrap>
      <span>{o.name}</span>
      {o.auxiliaryType ? (
        <>
          <Tag color="purple">{o.auxiliaryType}</Tag>
          <Typography.Text type="secondary">不得参加检查</Typography.Text>
        </>
      ) : (
        <>
          <Tag color={CERT_COLORS[o.certStatus]}>{CERT_STATUS_LABELS[o.certStatus]}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.certNo ?? '无执法证号'}
            {o.certValidTo ? ` · 至 ${o.certValidTo}` : ''}
          </Typography.Text>
        </>
      )}
      {o.status === 'disabled' && <Tag>已停用</Tag>}
    </Flex>
  );
}

/** Items from the published lists, the team (certificates shown; auxiliary staff cannot be chosen) and its leader. */
export function TeamFields({ options }: { options: FormOptions }) {
  const team = Form.useWatch<number[] | undefined>('teamOfficerIds') ?? [];
  const several = new Set(options.items.map((i) => i.agencyId)).size > 1;
  const byId = new Map(options.officers.map((o) => [o.id, o]));
  return (
    <>
      <Form.Item label="检查事项" name="itemIds" extra="只能从检查主体已公布的涉企行政检查事项清单中选择（清单之外无检查）">
        <Select
          mode="multiple"
          allowClear
          placeholder="选择检查事项"
          showSearch={{ optionFilterProp: 'label' }}
          options={options.items.map((i) => ({
            value: i.id,
            label: `${i.code} ${i.name}（第 ${i.currentVersion} 版）${several ? ` · ${i.agencyName}` : ''}`,
          }))}
          notFoundContent="该检查主体尚未公布检查事项"
        />
      </Form.Item>
      <Row gutter={16}>
        <Col span={16}>
          <Form.Item label="检查人员" name="teamOfficerIds" extra="至少两名持有效执法证件的执法人员；辅助人员不得参加检查">
            <Select
              mode="multiple"
              allowClear
              placeholder="选择执法人员"
              showSearch={{ optionFilterProp: 'label' }}
              options={options.officers.map((o) => ({ value: o.id, label: o.name, disabled: o.auxiliaryType !== null || o.status === 'disabled' }))}
              optionRender={(opt) => {
                const o = byId.get(Number(opt.value));
                return o ? <OfficerOption o={o} /> : opt.label;
              }}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="带队人员" name="leaderOfficerId">
            <Select allowClear placeholder="从检查人员中选择" options={team.map((id) => ({ value: id, label: byId.get(id)?.name ?? `人员 ${id}` }))} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** 检查依据 and 检查内容. */
export function TextFields() {
  return (
    <>
      <Form.Item label="检查依据" name="basis" rules={[zodRule(shape.basis)]} extra="选择检查事项后自动填入事项的实施依据，可修改">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Form.Item label="检查内容" name="content" rules={[zodRule(shape.content)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

/** Emergencies, inspections without prior notice, filing exemptions, inspections outside the territory. */
export function SpecialFields() {
  const emergency = Form.useWatch<boolean | undefined>('emergency');
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item label="情况紧急" name="emergency" valuePropName="checked" extra="可先行检查，事后补办批准、报备">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="异地检查" name="outOfJurisdiction" valuePropName="checked" extra="检查后 15 日内报司法行政部门">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="免予报备事由" name="filingExemption">
            <Select allowClear placeholder="无" options={Object.entries(FILING_EXEMPTIONS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Col>
      </Row>
      {emergency && (
        <Form.Item label="紧急情况说明" name="emergencyReason" rules={[required('紧急情况说明'), zodRule(shape.emergencyReason)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
        </Form.Item>
      )}
      <Form.Item label="无需事先通知的依据" name="noNoticeReason" rules={[zodRule(shape.noNoticeReason)]} extra="法律、法规规定可以不事先通知的，写明依据；否则留空">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
      </Form.Item>
    </>
  );
}
