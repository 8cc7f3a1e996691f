import { useState } from 'react';
import { App as AntApp, Alert, Button, Col, Descriptions, Form, Input, InputNumber, Row, Skeleton, Table, Typography } from 'antd';
import { INSPECTION_DOCUMENT_KINDS, type DocumentSettings, type InspectionDocumentKind } from '../../../shared/api/documents';
import { DOCUMENT_KINDS, type DocumentTexts } from '../../../shared/schemas/documents';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { required } from '../../components/formRules';
import { useQuery } from '../../components/useQuery';
import { errorMessage } from '../../session';

/** The list texts are edited one item per line. */
type Values = Omit<DocumentSettings, 'texts'> & { texts: Omit<DocumentTexts, 'rights' | 'duties' | 'discipline'> & { rights: string; duties: string; discipline: string } };

const LISTS = ['rights', 'duties', 'discipline'] as const;
const toLines = (xs: string[]) => xs.join('\n');
const fromLines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** What a pattern gives for the 12th document of this year, as the user types it. */
function example(pattern: string, abbr: string): string {
  if (!pattern.trim()) return '不编文号';
  return `示例：${pattern
    .replace(/\{abbr\}/gu, abbr || '（简称）')
    .replace(/[[［(（【〔]\s*\{year\}\s*[\]］)）】〕]/u, `〔${new Date().getFullYear()}〕`)
    .replace(/\{year\}/gu, String(new Date().getFullYear()))
    .replace(/第?\s*\{(n|serial)\}/u, '12')}`;
}

/** 文书设置 (admin): the agency's name and abbreviation, number patterns, the fixed texts, counters. */
export function DocumentSettingsTab() {
  const { message } = AntApp.useApp();
  const q = useQuery('documentSettings.get', {});
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const abbr = Form.useWatch('abbr', form) as string | undefined;
  const patterns = Form.useWatch('patterns', form) as Record<InspectionDocumentKind, string> | undefined;

  if (q.error) return <LoadError error={q.error} onRetry={q.reload} />;
  if (!q.data) return <Skeleton active />;
  const d = q.data;
  const initial: Values = { ...d.settings, texts: { ...d.settings.texts, rights: toLines(d.settings.texts.rights), duties: toLines(d.settings.texts.duties), discipline: toLines(d.settings.texts.discipline) } };

  const submit = async (v: Values): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const texts = { ...v.texts, rights: fromLines(v.texts.rights), duties: fromLines(v.texts.duties), discipline: fromLines(v.texts.discipline) };
      await call('documentSettings.set', { ...v, agencyName: v.agencyName ?? '', abbr: v.abbr ?? '', defaultRectifyWorkingDays: v.defaultRectifyWorkingDays ?? null, texts });
      void message.success('文书设置已保存，之后生成的文书按新设置');
      q.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 900 }}>
      <Typography.Paragraph type="secondary">
        文号由“机关简称 + 代字 +〔年份〕+ 序号 + 号”组成，序号按文书种类逐年从 1 开始连续编排，生成文书时才占用，重新生成的文书取新号、原号不再使用。已生成的文书不受修改影响。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="documentSettings" layout="vertical" requiredMark={false} initialValues={initial} onFinish={(v) => void submit(v)} disabled={busy}>
        <Row gutter={24}>
          <Col span={14}>
            <Form.Item label="机关全称（印在文书上）" name="agencyName" extra={`留空则用检查任务牵头单位的名称${d.fallbackAgencyName ? `，如“${d.fallbackAgencyName}”` : ''}`}>
              <Input maxLength={100} placeholder={d.fallbackAgencyName} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="机关简称（用于文号）" name="abbr" extra={`留空则用牵头单位的简称${d.fallbackAbbr ? `，如“${d.fallbackAbbr}”` : ''}`}>
              <Input maxLength={30} placeholder={d.fallbackAbbr} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5} style={{ fontSize: 15 }}>
          文号格式
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          占位符：{'{abbr}'} 机关简称，{'{year}'} 年份，{'{n}'} 序号。现场检查笔录、备案表可以留空（不编文号）。
        </Typography.Paragraph>
        <Row gutter={24}>
          {INSPECTION_DOCUMENT_KINDS.map((k) => (
            <Col span={12} key={k}>
              <Form.Item label={DOCUMENT_KINDS[k]} name={['patterns', k]} extra={example(patterns?.[k] ?? d.settings.patterns[k], abbr || d.fallbackAbbr)}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item label="默认整改期限（工作日）" name="defaultRectifyWorkingDays" extra="办结时未登记整改期限的，检查结果告知书和责令改正通知书按此从成文日期起按工作日推算（含节假日调休）；留空则不推算">
          <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} suffix="个工作日" />
        </Form.Item>
        <Typography.Title level={5} style={{ fontSize: 15 }}>
          固定文字
        </Typography.Title>
        {LISTS.map((k) => (
          <Form.Item
            key={k}
            label={{ rights: '被检查单位的权利（每行一条）', duties: '被检查单位的义务（每行一条）', discipline: '检查纪律“五个严禁”（每行一条）' }[k]}
            name={['texts', k]}
            rules={[required('至少一条', '请填写')]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
        ))}
        <Row gutter={24}>
          {(
            [
              ['complaint', '投诉举报渠道'],
              ['objection', '异议及陈述申辩渠道'],
              ['rectifyConsequence', '逾期不改正的后果'],
              ['rectifyReport', '整改完成后的报告要求'],
            ] as const
          ).map(([k, label]) => (
            <Col span={12} key={k}>
              <Form.Item label={label} name={['texts', k]} rules={[required(label, '请填写')]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存文书设置
        </Button>
      </Form>
      <Typography.Title level={5} style={{ fontSize: 15, marginTop: 32 }}>
        编号情况（只读）
      </Typography.Title>
      <Table
        size="small"
        rowKey={(r) => `${r.kind}-${r.year}`}
        dataSource={d.counters}
        pagination={false}
        locale={{ emptyText: '尚未生成编号文书' }}
        columns={[
          { title: '文书', dataIndex: 'kind', render: (k: InspectionDocumentKind) => DOCUMENT_KINDS[k] },
          { title: '年度', dataIndex: 'year' },
          { title: '已用至序号', dataIndex: 'value' },
          { title: '下一个序号', key: 'next', render: (_: unknown, r) => r.value + 1 },
        ]}
      />
      <Descriptions size="small" column={1} style={{ marginTop: 16 }} items={[{ key: 'qr', label: '通知书二维码密钥', children: `已生成（指纹 ${d.qrKeyFingerprint}）；首次启动时随机生成，用于核验通知书上的二维码，不对外显示` }]} />
    </div>
  );
}
