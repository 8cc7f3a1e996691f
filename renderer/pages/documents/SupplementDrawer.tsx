import type { ReactNode } from 'react';
import { Button, Checkbox, Col, Divider, Flex, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { supplementSchema, type InspectionDocumentKind, type Supplement } from '../../../shared/api/documents';
import { OFFSITE_CONCLUSIONS, OFFSITE_METHODS, ONSITE_CONCLUSIONS, RECTIFY_MODES } from '../../../shared/schemas/documents';
import { call } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer';
import { zodRule } from '../../components/formRules';

interface Props {
  inspectionId: number;
  supplement: Supplement;
  /** Values used where a box is left blank (the leader as contact, step times…). */
  defaults: Record<string, string>;
  kinds: InspectionDocumentKind[];
  onClose(): void;
  onSaved(): void;
}

const YES_NO = [
  { label: '是', value: true },
  { label: '否', value: false },
];
const TIME = supplementSchema.shape.startTime;

/** Blank texts are stored as "not given" (null), so the documents fall back to the archive's values. */
function normalise(v: Supplement): Supplement {
  const out: Record<string, unknown> = { ...v };
  for (const [k, x] of Object.entries(out)) if (typeof x === 'string' && x.trim() === '') out[k] = null;
  return supplementSchema.parse(out);
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Divider titlePlacement="start" style={{ margin: '8px 0 16px' }}>
        {title}
      </Divider>
      {children}
    </>
  );
}

/**
 * 补充文书信息: what some documents need that the inspection's steps do not record. Only the
 * sections of the documents this inspection needs are shown; the labels are the documents' own,
 * as the missing-field lists name them.
 */
export function SupplementDrawer({ inspectionId, supplement, defaults, kinds, onClose, onSaved }: Props) {
  const has = (...k: InspectionDocumentKind[]) => k.some((x) => kinds.includes(x));
  const hint = (key: string) => (defaults[key] ? `留空则用：${defaults[key]}` : undefined);

  const submit = async (values: Supplement): Promise<void> => {
    await call('documents.saveSupplement', { inspectionId, supplement: normalise({ ...supplement, ...values }) });
    onSaved();
  };

  return (
    <FormDrawer<Supplement> title="补充文书信息" name="supplement" width={760} initialValues={supplement} onSubmit={submit} onClose={onClose}>
      <Typography.Paragraph type="secondary">检查步骤中没有登记、但文书需要写明的事项。保存后重新生成文书即可；已生成的文书不会改变。</Typography.Paragraph>
      <Section title="联系人（通知书、告知书等）">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="联系人姓名" name="contactName" extra={hint('contactName')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="联系人电话" name="contactPhone" extra={hint('contactPhone')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
        </Row>
      </Section>
      {has('approvalForm') && (
        <Section title="行政检查审批表">
          <Form.Item label="年度检查计划编号" name="planNo">
            <Input maxLength={100} />
          </Form.Item>
        </Section>
      )}
      {has('onSiteRecord', 'offSiteRecord') && (
        <Section title="检查记录">
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item label="检查开始时刻" name="startTime" rules={[zodRule(TIME)]} extra={hint('startTime')}>
                <Input placeholder="09:30" maxLength={5} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="检查结束时刻" name="endTime" rules={[zodRule(TIME)]} extra={hint('endTime')}>
                <Input placeholder="11:00" maxLength={5} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label={has('onSiteRecord') ? '记录人' : '审核人'} name={has('onSiteRecord') ? 'recorder' : 'reviewer'} extra={has('onSiteRecord') ? hint('recorder') : undefined}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
        </Section>
      )}
      {has('onSiteRecord') && (
        <Section title="现场检查笔录">
          <Row gutter={16}>
            {(
              [
                ['certificatesShown', '是否出示执法证件'],
                ['rightsExplained', '是否告知权利'],
                ['recusalRequested', '是否申请回避'],
                ['resultToldOnSite', '是否当场告知检查结果'],
              ] as const
            ).map(([name, label]) => (
              <Col span={12} key={name}>
                <Form.Item label={label} name={name}>
                  <Radio.Group options={YES_NO} aria-label={label} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item label="见证人" name="witness" extra="当事人拒绝签名时，由见证人签名">
            <Input maxLength={100} />
          </Form.Item>
        </Section>
      )}
      {has('offSiteRecord') && (
        <Section title="非现场检查记录">
          <Form.Item label="非现场检查方式" name="offsiteMethods">
            <Checkbox.Group options={[...OFFSITE_METHODS]} aria-label="非现场检查方式" />
          </Form.Item>
          <Form.Item label="数据及材料来源" name="offsiteSources">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
          </Form.Item>
          <Form.Item label="检查过程" name="offsiteProcess" extra="留空则用“制作检查记录”时填写的检查情况">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} />
          </Form.Item>
          <Form.Item label="非现场检查结论" name="offsiteConclusion">
            <Radio.Group options={[...OFFSITE_CONCLUSIONS]} aria-label="非现场检查结论" />
          </Form.Item>
        </Section>
      )}
      {has('onSiteRecord', 'resultNotice', 'rectificationOrder') && (
        <Section title="检查结果（笔录、结果告知书、责令改正通知书）">
          <Form.Item label="检查结论" name="conclusion" extra={hint('conclusion')}>
            <Radio.Group options={[...ONSITE_CONCLUSIONS]} aria-label="检查结论" />
          </Form.Item>
          <Form.List name="problems">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="flex-start">
                    <Form.Item label={`问题 ${i + 1}`} name={[f.name, 'description']} rules={[{ required: true, message: '请写明问题' }]} style={{ flex: 3 }}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} />
                    </Form.Item>
                    <Form.Item label="违反的具体条款" name={[f.name, 'provision']} rules={[{ required: true, message: '请写明违反的具体条款' }]} style={{ flex: 2 }}>
                      <Input maxLength={2000} />
                    </Form.Item>
                    <Button aria-label={`删除问题 ${i + 1}`} icon={<DeleteOutlined aria-hidden />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ description: '', provision: '' })} style={{ marginBottom: 16 }}>
                  添加发现的问题
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item label="整改要求" name="rectifyRequirements">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
          </Form.Item>
          <Form.Item label="复查安排" name="recheck">
            <Input maxLength={2000} />
          </Form.Item>
        </Section>
      )}
      {has('rectificationOrder') && (
        <Section title="责令（限期）改正通知书">
          <Form.Item label="改正方式" name="rectifyMode" extra="限期改正的期限为办结时登记的整改期限">
            <Radio.Group options={[...RECTIFY_MODES]} aria-label="改正方式" />
          </Form.Item>
          <Form.Item label="责令改正的依据" name="rectifyBasis">
            <Input maxLength={2000} placeholder="如：《中华人民共和国食品安全法》第一百二十六条" />
          </Form.Item>
        </Section>
      )}
      {has('transferLetter') && (
        <Section title="案件移送函">
          <Form.Item label="案件事实" name="transferFacts">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} />
          </Form.Item>
          <Form.Item label="移送理由" name="transferReason">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
          </Form.Item>
          <Form.Item label="移送依据" name="transferBasis">
            <Input maxLength={2000} />
          </Form.Item>
          <Form.List name="transferAttachments">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="flex-start">
                    <Form.Item label={`材料 ${i + 1}`} name={[f.name, 'name']} rules={[{ required: true, message: '请写明材料名称' }]} style={{ flex: 3 }}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item label="份数" name={[f.name, 'copies']} rules={[{ required: true, message: '请填写份数' }]}>
                      <InputNumber min={1} max={999} precision={0} />
                    </Form.Item>
                    <Form.Item label="页数" name={[f.name, 'pages']} rules={[{ required: true, message: '请填写页数' }]}>
                      <InputNumber min={1} max={9999} precision={0} />
                    </Form.Item>
                    <Button aria-label={`删除材料 ${i + 1}`} icon={<DeleteOutlined aria-hidden />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', copies: 1, pages: 1 })}>
                  添加移送材料
                </Button>
              </>
            )}
          </Form.List>
        </Section>
      )}
    </FormDrawer>
  );
}
