import { useEffect } from 'react';
import { App as AntApp, Button, Col, Form, Input, Row, Select, Skeleton } from 'antd';
import { OUTCOME_KEYS, OUTCOME_LABELS, type ArchiveSettings } from '../../../shared/api/archive';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { useCan, useErrorReporter } from '../../session';
import { RETENTION_OPTIONS } from './labels';

/** 档案设置: 全宗号/全宗名称, 目录号, 类目名称, retention per inspection outcome (the office's approved table). */
export function ArchiveSettingsForm() {
  const q = useQuery('archiveSettings.get', {});
  const can = useCan('archiveSettings.set');
  const [form] = Form.useForm<ArchiveSettings>();
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data);
  }, [q.data, form]);
  if (!q.data) return q.error ? <LoadError error={q.error} onRetry={q.reload} /> : <Skeleton active />;
  return (
    <Form<ArchiveSettings>
      form={form}
      name="archiveSettings"
      layout="vertical"
      style={{ maxWidth: 760 }}
      disabled={!can}
      initialValues={q.data}
      onFinish={(v) => void call('archiveSettings.set', v).then(() => void message.success('档案设置已保存'), report)}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="fondsNo" label="全宗号" extra="由档案馆给定，如 J012；归档时用于编档号">
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="fondsName" label="全宗名称">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="catalogNo" label="目录号" extra="档号 = 全宗号-目录号-案卷号">
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="category" label="类目名称" rules={[{ required: true, message: '请填写类目名称' }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <fieldset style={{ border: 'none', padding: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 8 }}>保管期限（按检查结果；多案一卷取最长）</legend>
        <Row gutter={16}>
          {OUTCOME_KEYS.map((k) => (
            <Col span={6} key={k}>
              <Form.Item name={['retention', k]} label={OUTCOME_LABELS[k]}>
                <Select options={RETENTION_OPTIONS} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </fieldset>
      {can && (
        <Button type="primary" htmlType="submit">
          保存档案设置
        </Button>
      )}
    </Form>
  );
}
