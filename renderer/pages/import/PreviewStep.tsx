import { Alert, Button, Flex, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ImportPreview, RowErrorInfo } from '../../../shared/api/exchange';
import { IMPORT_FIELDS } from '../../../shared/schemas/importFields';
import { FileFacts } from './MappingStep';

type SampleRow = ImportPreview['sample'][number];

interface Props {
  preview: ImportPreview;
  onDownloadReport(id: string): void;
}

const errorColumns: TableColumnsType<RowErrorInfo> = [
  { title: '行号', dataIndex: 'row', width: 70 },
  { title: '列', dataIndex: 'column', width: 200 },
  { title: '值', dataIndex: 'value', width: 200, ellipsis: true },
  { title: '原因', dataIndex: 'reason' },
];

/** 预览: the counts, the first rows as they would be stored, and the problems found (all of them in the report). */
export function PreviewStep({ preview, onDownloadReport }: Props) {
  const fields = IMPORT_FIELDS[preview.kind].filter((f) => (preview.mapping[f.key] ?? null) !== null);
  const sampleColumns: TableColumnsType<SampleRow> = [
    { title: '行号', dataIndex: 'row', width: 64, fixed: 'left' },
    // The verdict right after the row number, so a problem is seen without scrolling sideways.
    {
      title: '检查结果',
      key: 'errors',
      width: 240,
      render: (_: unknown, r: SampleRow) => (r.errors.length ? <Typography.Text type="danger">{r.errors.join('；')}</Typography.Text> : <Tag color="green">可导入</Tag>),
    },
    ...fields.map((f) => ({
      title: f.label,
      key: f.key,
      width: f.key === 'name' || f.key === 'address' ? 220 : 130,
      ellipsis: true,
      render: (_: unknown, r: SampleRow) => r.values[f.key] ?? '',
    })),
  ];
  const stats: [string, number][] = [
    ['数据行', preview.total],
    ['可导入', preview.valid],
    ['有错误', preview.invalid],
    ['将新增', preview.willCreate],
    ['将更新', preview.willUpdate],
    ['无变化', preview.willKeep],
  ];
  return (
    <>
      <FileFacts preview={preview} />
      <Flex gap={40} style={{ marginBottom: 12 }} role="group" aria-label="预览统计">
        {stats.map(([title, value]) => (
          <Statistic key={title} title={title} value={value} styles={title === '有错误' && value > 0 ? { content: { color: '#cf1322' } } : undefined} />
        ))}
      </Flex>
      {preview.total === 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="文件中只有表头，没有数据行" />}
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        前 {preview.sample.length} 行
      </Typography.Title>
      {/* A scrolling antd table is two <table>s (head and body): the region carries the name. */}
      <div role="region" aria-label="预览的行">
        <Table<SampleRow> rowKey="row" size="small" pagination={false} columns={sampleColumns} dataSource={preview.sample} scroll={{ x: 'max-content', y: 240 }} />
      </div>
      {preview.errorCount > 0 && (
        <>
          <Flex justify="space-between" align="center" style={{ margin: '16px 0 8px' }}>
            <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
              错误（共 {preview.errorCount} 条{preview.errorCount > preview.errors.length ? `，此处列出前 ${preview.errors.length} 条` : ''}）
            </Typography.Title>
            {preview.reportDownloadId && (
              <Button icon={<DownloadOutlined aria-hidden />} onClick={() => onDownloadReport(preview.reportDownloadId ?? '')}>
                下载错误报告
              </Button>
            )}
          </Flex>
          <div role="region" aria-label="错误列表">
            <Table<RowErrorInfo>
              rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
              size="small"
              pagination={false}
              columns={errorColumns}
              dataSource={preview.errors}
              scroll={{ y: 200 }}
            />
          </div>
        </>
      )}
    </>
  );
}
