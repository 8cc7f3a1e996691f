import { Alert, AutoComplete, Col, Form, Input, Row, Select } from 'antd';
import type { Input as RouteInput } from '../../../shared/api';
import type { AgencyRow } from '../../../shared/schemas/agency';
import { LEVELS } from '../../../shared/schemas/fields';
import { itemCodeSchema, type ItemRow } from '../../../shared/schemas/item';
import { call } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer';
import { required, zodRule } from '../../components/formRules';

type Values = RouteInput<'items.create'>;
const levelOptions = LEVELS.map((l) => ({ value: l, label: `${l}级` }));
const METHODS = ['现场检查', '非现场检查（书面核查）', '非现场检查（信息共享、数据比对）', '非现场检查（远程视频）', '现场检查；非现场检查'];

interface Props {
  /** The item being edited; absent for a new one. */
  item?: ItemRow;
  agency: AgencyRow;
  onClose(): void;
  onSaved(item: ItemRow): void;
}

/** 新增 / 修改 an inspection item: the nine fields of the published list. */
export function ItemForm({ item, agency, onClose, onSaved }: Props) {
  const submit = async (v: Values): Promise<void> => {
    const fields = {
      name: v.name,
      basis: v.basis,
      subject: v.subject,
      level: v.level,
      undertakingUnit: v.undertakingUnit,
      target: v.target,
      content: v.content,
      method: v.method,
      frequency: v.frequency,
      remark: v.remark ?? null,
    };
    const saved = item
      ? await call('items.update', { ...fields, id: item.id, version: item.version })
      : await call('items.create', { ...fields, agencyId: agency.id, ...(v.code ? { code: v.code } : {}) });
    onSaved(saved);
  };
  const published = item?.status === 'published';
  const notice = published && (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={item.pendingVersion ? `修改第 ${item.pendingVersion} 版（待发布）` : `保存后生成第 ${item.currentVersion + 1} 版（待发布）`}
      description={`已发布的第 ${item.currentVersion} 版保持不变、继续有效；新版本经负责人发布后生效。已开展的检查仍引用其当时的版本。`}
    />
  );
  return (
    <FormDrawer<Values>
      title={item ? `修改检查事项：${item.code} ${item.name}` : `新增检查事项（${agency.name}）`}
      name="item"
      okText={item ? '保存' : '保存为草稿'}
      width={760}
      initialValues={item ?? { subject: agency.name, level: agency.level }}
      onSubmit={submit}
      onClose={onClose}
      notice={notice}
    >
      <Row gutter={16}>
        <Col span={16}>
          <Form.Item label="事项名称" name="name" rules={[required('事项名称'), { max: 100, message: '事项名称最多 100 个字符' }]}>
            <Input autoFocus autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="事项编号" name="code" rules={[zodRule(itemCodeSchema)]} extra={item ? undefined : '留空则自动编号'}>
            <Input autoComplete="off" disabled={Boolean(item)} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="实施依据" name="basis" rules={[required('实施依据')]} extra="写明法律、法规、规章名称及条款，如《中华人民共和国食品安全法》第一百一十条">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={16}>
          <Form.Item label="检查主体" name="subject" rules={[required('检查主体')]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="实施层级" name="level" rules={[required('实施层级', '请选择')]}>
            <Select options={levelOptions} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="承办机构" name="undertakingUnit" rules={[required('承办机构')]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label="检查对象" name="target" rules={[required('检查对象')]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
      </Form.Item>
      <Form.Item label="检查内容" name="content" rules={[required('检查内容')]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="检查方式" name="method" rules={[required('检查方式')]}>
            <AutoComplete options={METHODS.map((m) => ({ value: m }))} placeholder="选择或输入" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="检查频次" name="frequency" rules={[required('检查频次')]} extra="日常检查同一主体每年一般不超过 2 次">
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="备注" name="remark">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
      </Form.Item>
    </FormDrawer>
  );
}
