import { useState } from 'react';
import { App as AntApp, Alert, Button, Col, Form, InputNumber, Row, Skeleton, Switch, Typography } from 'antd';
import type { Input } from '../../../shared/api';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { required } from '../../components/formRules';
import { useQuery } from '../../components/useQuery';
import { errorMessage } from '../../session';

type Values = Input<'ruleSettings.set'>;

/** 规则设置: what DOMAIN.md §2 leaves to the office (the cap, what counts toward it, filing, thresholds). */
export function RulesTab() {
  const { message } = AntApp.useApp();
  const q = useQuery('ruleSettings.get', {});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await call('ruleSettings.set', v);
      void message.success('规则设置已保存，之后的检查按新设置校验');
      q.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (q.error) return <LoadError error={q.error} onRetry={q.reload} />;
  if (!q.data) return <Skeleton active />;
  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">
        各地规定不尽相同的几项由本单位设定。修改后对之后的检查校验生效，已办结的检查不受影响；每次修改记入审计日志。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> name="ruleSettings" layout="vertical" requiredMark={false} initialValues={q.data} onFinish={(v) => void submit(v)} disabled={busy}>
        <Row gutter={24}>
          <Col span={12}>
            <Form.Item
              label="日常检查年度上限（次）"
              name="cap"
              rules={[required('年度上限')]}
              extra="同一检查主体对同一企业的日常检查每年不超过的次数；超过须报同级人民政府同意（湘政办发〔2025〕5号（九））"
            >
              <InputNumber min={1} max={12} precision={0} style={{ width: 120 }} autoFocus />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="合并/联合检查提示时间窗（天）" name="multiAgencyWindowDays" rules={[required('时间窗')]} extra="相隔在此天数内的检查，提示合并（综合查一次）或联合检查">
              <InputNumber min={0} max={366} precision={0} style={{ width: 120 }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={24}>
          <Col span={12}>
            <Form.Item label="触发式检查计入年度上限" name="triggeredCountsTowardCap" valuePropName="checked" extra="投诉举报、转办交办等触发的检查是否计入日常检查次数">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="非现场检查计入年度上限" name="offsiteCountsTowardCap" valuePropName="checked" extra="书面核查、数据比对等无扰检查是否计入次数">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="执行湘潭入企报备" name="followsXiangtanFiling" valuePropName="checked" extra="进入企业前填写备案表报优化营商环境部门（潭优发〔2024〕2号）">
          <Switch />
        </Form.Item>
        <Typography.Text strong>触发式检查高频阈值</Typography.Text>
        <Row gutter={24} style={{ marginTop: 8 }}>
          <Col span={12}>
            <Form.Item label="天数" name="burstDays" rules={[required('天数')]}>
              <InputNumber min={1} max={366} precision={0} style={{ width: 120 }} suffix="天内" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="次数" name="burstCount" rules={[required('次数')]} extra="同一检查主体在上述天数内对同一企业的触发式检查达到此次数即预警">
              <InputNumber min={2} max={50} precision={0} style={{ width: 120 }} suffix="次" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存规则设置
        </Button>
      </Form>
    </div>
  );
}
