import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Flex, Input, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { DAY_KIND_LABELS, parseArrangement, type ArrangementError } from '../../../shared/calendar';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { errorMessage, useCan } from '../../session';

const SOURCE: Record<'official' | 'user' | 'provisional', { label: string; color: string; hint: string }> = {
  official: { label: '内置', color: 'green', hint: '程序内置国务院办公厅公布的安排' },
  user: { label: '已导入', color: 'blue', hint: '使用本单位导入的安排' },
  provisional: { label: '暂定', color: 'gold', hint: '尚无安排，按周末推算，期限标注“暂定”' },
};

const EXAMPLE = ['2027-01-01 休 元旦', '2027-02-05至2027-02-11 休 春节', '2027-02-14 班 春节调休'].join('\n');

/** 节假日安排: which years the working-day calendar knows, and importing a year's arrangement. */
export function CalendarTab() {
  const { message } = AntApp.useApp();
  const q = useQuery('calendar.get', {});
  const canImport = useCan('calendar.import');
  const [text, setText] = useState('');
  const [lineErrors, setLineErrors] = useState<ArrangementError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (): Promise<void> => {
    setError(null);
    // Checked here first, so every bad line is listed at once (the server re-checks).
    const parsed = parseArrangement(text);
    setLineErrors(parsed.errors);
    if (parsed.errors.length > 0) return;
    if (parsed.overrides.length === 0) {
      setError('请粘贴节假日安排，每行一天或一个日期范围');
      return;
    }
    setBusy(true);
    try {
      const res = await call('calendar.import', { text });
      void message.success(`已导入 ${res.imported} 天（${res.years.join('、')} 年）`);
      setText('');
      q.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (q.error) return <LoadError error={q.error} onRetry={q.reload} />;
  if (!q.data) return <Skeleton active />;
  const years = q.data.officialYears;
  return (
    <div style={{ maxWidth: 880 }}>
      <Typography.Paragraph>
        期限按工作日计算（法定节假日与调休）。程序内置 {years[0]}–{years[years.length - 1]} 年的安排；之后年份的安排公布后，请在此导入。
      </Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} role="list" aria-label="节假日安排覆盖情况">
        {q.data.coverage.map((c) => (
          <Card key={c.year} size="small" style={{ minWidth: 200 }} role="listitem">
            <Space>
              <Typography.Text strong>{c.year} 年</Typography.Text>
              <Tag color={SOURCE[c.source].color}>{SOURCE[c.source].label}</Tag>
            </Space>
            <div style={{ fontSize: 12, color: '#8c8c8c', marginTop: 4 }}>{SOURCE[c.source].hint}</div>
          </Card>
        ))}
      </Flex>
      {canImport && (
        <Card size="small" title="导入节假日安排" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            每行一天或一个日期范围：日期、“休”或“班”、备注；也可从 Excel 粘贴“日期,类型,备注”。有错误时不导入任何一行。
          </Typography.Paragraph>
          <label htmlFor="calendar-text" style={{ display: 'block', marginBottom: 4 }}>
            粘贴节假日安排
          </label>
          <Input.TextArea id="calendar-text" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 5, maxRows: 14 }} placeholder={EXAMPLE} style={{ fontFamily: 'monospace' }} />
          {lineErrors.length > 0 && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginTop: 12 }}
              title={`有 ${lineErrors.length} 行需要改正，未导入`}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {lineErrors.map((e) => (
                    <li key={`${e.line}-${e.message}`}>{e.line > 0 && !e.message.startsWith('第') ? `第 ${e.line} 行：${e.message}` : e.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
          <Button type="primary" style={{ marginTop: 12 }} onClick={() => void submit()} loading={busy} disabled={!text.trim()}>
            导入
          </Button>
        </Card>
      )}
      <Card size="small" title={`已导入的日期（${q.data.userDays.length}）`}>
        <Table
          rowKey="date"
          size="small"
          dataSource={q.data.userDays}
          pagination={q.data.userDays.length > 20 ? { pageSize: 20, size: 'small' } : false}
          locale={{ emptyText: '尚未导入' }}
          columns={[
            { title: '日期', dataIndex: 'date', width: 140 },
            { title: '类型', dataIndex: 'kind', width: 80, render: (k: 'holiday' | 'workday') => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{DAY_KIND_LABELS[k]}</Tag> },
            { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          ]}
        />
      </Card>
    </div>
  );
}
