import { useState } from 'react';
import { Flex, Input, List, Select, Tag, Typography } from 'antd';
import { SEARCH_KIND_LABELS, SEARCH_KINDS, type Retention, type SearchHit } from '../../../shared/api/archive';
import { call } from '../../api/client';
import { errorMessage } from '../../session';
import { RETENTION_OPTIONS, retentionLabel, yearOptions } from './labels';
import { caseFileHref } from './route';
import { useAgencyOptions } from './useAgencies';

const KIND_COLORS: Record<SearchHit['kind'], string> = { case_file: 'blue', inspection: 'green', document: 'purple', enterprise: 'orange' };

function hrefOf(h: SearchHit): string | null {
  switch (h.kind) {
    case 'case_file':
      return caseFileHref(h.id);
    case 'inspection':
      return `#/inspections/${h.id}`;
    case 'enterprise':
      return `#/inspections?enterprise=${h.id}`;
    case 'document':
      return null;
    default:
      return h.kind satisfies never;
  }
}

/** 档案检索: Chinese full text over case files, inspections, documents and enterprises, with filters. */
export function ArchiveSearch() {
  const agencies = useAgencyOptions();
  const [filters, setFilters] = useState<{ kind?: SearchHit['kind']; year?: number; agencyId?: number; retention?: Retention }>({});
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ hits: SearchHit[]; more: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = (text: string, f = filters): void => {
    setQ(text);
    if (!text.trim()) return setResult(null);
    setBusy(true);
    call('archive.search', { q: text.trim(), ...f, limit: 100 })
      .then((r) => {
        setResult(r);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const set = (patch: Partial<typeof filters>): void => {
    const f = { ...filters, ...patch };
    setFilters(f);
    if (q.trim()) run(q, f);
  };
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search aria-label="检索内容" placeholder="企业名称、信用代码、检查编号、文号、档号（一个字也可）" enterButton="检索" loading={busy} style={{ width: 420 }} onSearch={(v) => run(v)} />
        <Select aria-label="类别" placeholder="类别" allowClear style={{ width: 100 }} options={SEARCH_KINDS.map((k) => ({ value: k, label: SEARCH_KIND_LABELS[k] }))} onChange={(v?: SearchHit['kind']) => set({ kind: v })} />
        <Select aria-label="年度" placeholder="年度" allowClear style={{ width: 100 }} options={yearOptions()} onChange={(v?: number) => set({ year: v })} />
        <Select aria-label="检查主体" placeholder="检查主体" allowClear style={{ width: 220 }} options={agencies} onChange={(v?: number) => set({ agencyId: v })} />
        <Select aria-label="保管期限" placeholder="保管期限" allowClear style={{ width: 110 }} options={RETENTION_OPTIONS} onChange={(v?: Retention) => set({ retention: v })} />
      </Flex>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {result && (
        <List
          aria-label="检索结果"
          size="small"
          bordered
          header={`找到 ${result.hits.length}${result.more ? '+' : ''} 条`}
          dataSource={result.hits}
          locale={{ emptyText: '没有找到匹配的档案' }}
          renderItem={(h) => {
            const href = hrefOf(h);
            return (
              <List.Item>
                <div>
                  <Tag color={KIND_COLORS[h.kind]}>{SEARCH_KIND_LABELS[h.kind]}</Tag>
                  {href ? <a href={href}>{h.title}</a> : <span>{h.title}</span>}
                  {h.retention && <Tag style={{ marginInlineStart: 8 }}>{retentionLabel(h.retention)}</Tag>}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {[h.date, h.detail].filter(Boolean).join('　')}
                  </Typography.Text>
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </>
  );
}
