import { useState } from 'react';
import { Flex, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import type { CaseFileRow, CaseFileStatus, Retention } from '../../../shared/api/archive';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { RETENTION_OPTIONS, STATUS_COLORS, STATUS_OPTIONS, retentionLabel, statusLabel, yearOptions } from './labels';
import { caseFileHref } from './route';
import { useAgencyOptions } from './useAgencies';

const PAGE = 20;

/** 案卷 list with its filters (status, year, agency, retention, full text). */
export function CaseFileList({ go }: { go: (href: string) => void }) {
  const [filters, setFilters] = useState<{ status?: CaseFileStatus; year?: number; agencyId?: number; retention?: Retention; q?: string }>({});
  const [page, setPage] = useState(1);
  const agencies = useAgencyOptions();
  const q = useQuery('caseFiles.list', { ...filters, offset: (page - 1) * PAGE, limit: PAGE });
  const set = (patch: Partial<typeof filters>) => {
    setPage(1);
    setFilters((f) => ({ ...f, ...patch }));
  };
  const columns: TableColumnsType<CaseFileRow> = [
    { title: '档号', dataIndex: 'archiveNo', width: 150, render: (v: string | null) => v ?? <Tag>未编号</Tag> },
    { title: '案卷题名', dataIndex: 'title', render: (v: string, r) => <a href={caseFileHref(r.id)}>{v}</a> },
    { title: '年度', dataIndex: 'year', width: 70 },
    { title: '检查主体', dataIndex: 'agencyName', width: 180, ellipsis: true },
    { title: '保管期限', dataIndex: 'retention', width: 90, render: (v: Retention) => retentionLabel(v) },
    { title: '件/页', width: 80, render: (_: unknown, r) => `${r.itemsCount}/${r.pages}` },
    {
      title: '状态',
      dataIndex: 'status',
      width: 130,
      render: (v: CaseFileStatus, r) => (
        <Flex gap={4} wrap>
          <Tag color={STATUS_COLORS[v]}>{statusLabel(v)}</Tag>
          {r.legalHold && <Tag color="red">法律保全</Tag>}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search aria-label="搜索案卷" placeholder="档号、题名、企业名称、检查编号" allowClear style={{ width: 300 }} onSearch={(v) => set({ q: v.trim() || undefined })} />
        <Select aria-label="状态" placeholder="状态" allowClear style={{ width: 110 }} options={STATUS_OPTIONS} onChange={(v?: CaseFileStatus) => set({ status: v })} />
        <Select aria-label="年度" placeholder="年度" allowClear style={{ width: 100 }} options={yearOptions()} onChange={(v?: number) => set({ year: v })} />
        <Select aria-label="检查主体" placeholder="检查主体" allowClear style={{ width: 220 }} options={agencies} onChange={(v?: number) => set({ agencyId: v })} />
        <Select aria-label="保管期限" placeholder="保管期限" allowClear style={{ width: 110 }} options={RETENTION_OPTIONS} onChange={(v?: Retention) => set({ retention: v })} />
      </Flex>
      <LoadError error={q.error} onRetry={q.reload} />
      <Table<CaseFileRow>
        rowKey="id"
        size="middle"
        loading={q.loading}
        columns={columns}
        dataSource={q.data?.rows ?? []}
        locale={{ emptyText: '暂无案卷：在“组卷”中选择已办结的检查组成案卷' }}
        onRow={(r) => ({ onDoubleClick: () => go(caseFileHref(r.id)) })}
        pagination={{ current: page, pageSize: PAGE, total: q.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 卷`, hideOnSinglePage: true }}
      />
    </>
  );
}
