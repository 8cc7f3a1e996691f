import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Form, Radio, Row, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { call, downloadFile } from '../../api/client';
import { DateField } from '../../components/DateField';
import { required } from '../../components/formRules';
import { useErrorReporter } from '../../session';

interface Values {
  from: string;
  to: string;
  format: 'docx' | 'xlsx';
}

/** 行政检查登记表: the inspections carried out in a period, as Word (to print) or Excel (to sort and sum). */
export function LedgerCard({ onExported }: { onExported?(): void }) {
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values): Promise<void> => {
    setBusy(true);
    try {
      const r = await call('documents.ledger', v);
      await downloadFile(r.downloadId);
      void message.success(`已导出行政检查登记表（${r.rows} 条）`);
      onExported?.();
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="行政检查登记表" role="region" aria-label="行政检查登记表">
      <Typography.Paragraph type="secondary">每次检查一行：检查编号、行政检查码、检查主体、类型与来源、被检查单位、事项、人员及证号、是否扫码入企、结果、后续处理、本年度次数等。统计期间内已开始的检查均列入；每次导出都存档。</Typography.Paragraph>
      <Form<Values>
        name="ledger"
        layout="vertical"
        requiredMark={false}
        initialValues={{ from: dayjs().startOf('year').format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD'), format: 'xlsx' }}
        onFinish={(v) => void submit(v)}
        disabled={busy}
      >
        <Row gutter={16} align="bottom">
          <Col span={6}>
            <Form.Item label="起始日期" name="from" rules={[required('起始日期', '请选择')]}>
              <DateField />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="截止日期" name="to" rules={[required('截止日期', '请选择')]}>
              <DateField />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="格式" name="format">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'xlsx', label: 'Excel' },
                  { value: 'docx', label: 'Word' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<DownloadOutlined aria-hidden />} loading={busy} block>
                导出登记表
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
