import { Alert, Descriptions, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ColumnMapping, ImportPreview } from '../../../shared/api/exchange';
import { IMPORT_FIELDS, type ImportField } from '../../../shared/schemas/importFields';

/** Excel's column letters for a 0-based index (0 → A, 26 → AA). */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Labels of required fields the mapping leaves out. */
export function missingRequired(preview: ImportPreview, mapping: ColumnMapping): string[] {
  return IMPORT_FIELDS[preview.kind].filter((f) => f.required && (mapping[f.key] ?? null) === null).map((f) => f.label);
}

/** What the file is, as the preview detected it. */
export function FileFacts({ preview }: { preview: ImportPreview }) {
  return (
    <Descriptions
      size="small"
      column={4}
      style={{ marginBottom: 12 }}
      items={[
        { key: 'file', label: '文件', children: preview.fileName },
        { key: 'format', label: '格式', children: preview.format === 'xlsx' ? 'Excel 工作簿（.xlsx）' : 'CSV 文本' },
        preview.format === 'csv'
          ? { key: 'enc', label: '文字编码', children: preview.encoding ?? '—' }
          : { key: 'sheet', label: '工作表', children: preview.sheetName ?? '第一个工作表' },
        { key: 'header', label: '表头', children: `第 ${preview.headerRow} 行` },
      ]}
    />
  );
}

interface Props {
  preview: ImportPreview;
  mapping: ColumnMapping;
  onChange(mapping: ColumnMapping): void;
}

/** 对应列: for each field of the registry, which column of the file holds it (suggested from the headers, adjustable). */
export function MappingStep({ preview, mapping, onChange }: Props) {
  const options = [
    { value: -1, label: '（不导入）' },
    ...preview.headers.map((h, i) => ({ value: i, label: `${columnLetter(i)} 列：${h || '（无表头）'}` })),
  ];
  const missing = missingRequired(preview, mapping);
  const set = (key: string, col: number) => {
    const next: ColumnMapping = { ...mapping, [key]: col < 0 ? null : col };
    // One column feeds one field: taking a column away from another field frees it there.
    if (col >= 0) for (const [k, c] of Object.entries(next)) if (k !== key && c === col) next[k] = null;
    onChange(next);
  };
  const columns: TableColumnsType<ImportField> = [
    {
      title: '字段',
      dataIndex: 'label',
      width: 190,
      render: (label: string, f) => (
        <>
          {label} {f.required && <Tag color="red">必填</Tag>}
        </>
      ),
    },
    {
      title: '文件中的列',
      key: 'column',
      width: 300,
      render: (_: unknown, f) => (
        <Select
          aria-label={`「${f.label}」对应的列`}
          value={mapping[f.key] ?? -1}
          options={options}
          onChange={(v: number) => set(f.key, v)}
          style={{ width: 280 }}
          status={f.required && (mapping[f.key] ?? null) === null ? 'error' : undefined}
          showSearch={{ optionFilterProp: 'label' }}
        />
      ),
    },
    { title: '说明', dataIndex: 'hint', render: (h: string | undefined) => <Typography.Text type="secondary">{h ?? ''}</Typography.Text> },
  ];
  return (
    <>
      <FileFacts preview={preview} />
      {missing.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`以下必填字段还没有对应到文件中的列：${missing.join('、')}`} />
      )}
      <Table<ImportField> rowKey="key" size="small" pagination={false} columns={columns} dataSource={[...IMPORT_FIELDS[preview.kind]]} scroll={{ y: 380 }} />
    </>
  );
}
