import { useState } from 'react';
import { Alert, Button, Flex, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import type { Output } from '../../../shared/api';
import { OUTCOME_LABELS } from '../../../shared/api/archive';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { formatDate } from '../../format';
import { useErrorReporter } from '../../session';
import { yearOptions } from './labels';
import { caseFileHref } from './route';
import { useAgencyOptions } from './useAgencies';

type Candidate = Output<'caseFiles.candidates'>[number];

/** 组卷: pick one closed inspection, or several small ones of one agency (多案一卷), and make a case file. */
export function CaseFileMake({ go }: { go: (href: string) => void }) {
  const report = useErrorReporter();
  const agencies = useAgencyOptions();
  const [filters, setFilters] = useState<{ agencyId?: number; year?: number; q?: string }>({});
  const q = useQuery('caseFiles.candidates', filters);
  const [selected, setSelected] = useState<number[]>([]);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const rows = q.data ?? [];
  const picked = rows.filter((r) => selected.includes(r.id));
  const mixed = new Set(picked.map((r) => r.agencyId)).size > 1;

  const make = (): void => {
    setBusy(true);
    call('caseFiles.create', { inspectionIds: selected, ...(title.trim() ? { title: title.trim() } : {}) })
      .then(({ id }) => go(caseFileHref(id)), report)
      .finally(() => setBusy(false));
  };
  const columns: TableColumnsType<Candidate> = [
    { title: '检查编号', dataIndex: 'number', width: 200 },
    { title: '检查对象', dataIndex: 'enterpriseName' },
    { title: '检查主体', dataIndex: 'agencyName', width: 200, ellipsis: true },
    { title: '办结日期', dataIndex: 'date', width: 110, render: (v: string | null) => formatDate(v) },
    { title: '处理结果', dataIndex: 'outcome', width: 110, render: (v: string | null) => (v ? (OUTCOME_LABELS as Record<string, string>)[v] : '') },
    { title: '文书/证据', width: 90, render: (_: unknown, r) => `${r.documents} / ${r.attachments}` },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">选择一件已办结的检查组成一卷；同一检查主体的几件小案也可合为一卷（多案一卷）。卷内文件按“审批表 → 备案表 → 通知书 → 笔录 → 证据 → 结果告知书 → 整改通知 → 移送函”排列并编页。</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search aria-label="搜索可组卷的检查" placeholder="检查编号、企业名称、信用代码" allowClear style={{ width: 280 }} onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))} />
        <Select aria-label="检查主体" placeholder="检查主体" allowClear style={{ width: 220 }} options={agencies} onChange={(v?: number) => setFilters((f) => ({ ...f, agencyId: v }))} />
        <Select aria-label="年度" placeholder="年度" allowClear style={{ width: 100 }} options={yearOptions()} onChange={(v?: number) => setFilters((f) => ({ ...f, year: v }))} />
      </Flex>
      <LoadError error={q.error} onRetry={q.reload} />
      <Table<Candidate>
        rowKey="id"
        size="middle"
        loading={q.loading}
        columns={columns}
        dataSource={rows}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (r) => ({ 'aria-label': `选择 ${r.number}` }) }}
        locale={{ emptyText: '没有待组卷的已办结检查' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      {mixed && <Alert type="warning" showIcon title="多案一卷只能合并同一检查主体的检查" style={{ marginTop: 12 }} />}
      <Flex gap={8} align="center" style={{ marginTop: 12 }}>
        <Input aria-label="案卷题名（可不填）" placeholder="案卷题名（不填则自动拟定）" style={{ maxWidth: 480 }} value={title} onChange={(e) => setTitle(e.target.value)} />
        <Button type="primary" disabled={!selected.length || mixed} loading={busy} onClick={make}>
          组卷{selected.length > 1 ? `（${selected.length} 件）` : ''}
        </Button>
      </Flex>
    </>
  );
}
