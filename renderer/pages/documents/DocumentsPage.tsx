import { useCallback, useState, useSyncExternalStore } from 'react';
import { Button, Card, Empty, Flex, Select, Tabs, Typography, type TabsProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { DocumentRow } from '../../../shared/api/documents';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useQuery } from '../../components/useQuery';
import { useCan, useErrorReporter } from '../../session';
import { BatchCard } from './BatchCard';
import { DocumentTable } from './DocumentTable';
import { InspectionDocuments } from './InspectionDocuments';
import { LedgerCard } from './LedgerCard';

/** `#/documents?tab=batch&inspection=12`: the tab and the inspection shown, so links can point here. */
function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function useDocumentsRoute(): [{ tab: string; inspection: number | null }, (p: { tab?: string; inspection?: number | null }) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const params = new URLSearchParams(hash.split('?')[1] ?? '');
  const id = Number(params.get('inspection'));
  const current = { tab: params.get('tab') ?? (id ? 'inspection' : 'recent'), inspection: Number.isInteger(id) && id > 0 ? id : null };
  const go = useCallback((p: { tab?: string; inspection?: number | null }) => {
    const now = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
    if (p.tab !== undefined) now.set('tab', p.tab);
    if (p.inspection !== undefined) {
      if (p.inspection) now.set('inspection', String(p.inspection));
      else now.delete('inspection');
    }
    window.location.hash = `#/documents?${now.toString()}`;
  }, []);
  return [current, go];
}

/** Picks an inspection (newest first, searchable by number or enterprise) and shows its documents. */
function InspectionTab({ inspectionId, onPick }: { inspectionId: number | null; onPick(id: number): void }) {
  const q = useQuery('documents.candidates', { limit: 500 });
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>检查任务：</Typography.Text>
        <Select
          showSearch
          style={{ width: 520 }}
          aria-label="选择检查任务"
          placeholder="输入检查编号或被检查单位名称"
          loading={q.loading}
          value={inspectionId ?? undefined}
          onChange={(v: number) => onPick(v)}
          optionFilterProp="label"
          options={(q.data?.rows ?? []).map((r) => ({ value: r.id, label: `${r.number} ${r.enterpriseName}` }))}
        />
      </Flex>
      {q.error && <LoadError error={q.error} onRetry={q.reload} />}
      {inspectionId ? <InspectionDocuments key={inspectionId} inspectionId={inspectionId} /> : <Empty description="请选择一个检查任务，查看和生成它的文书" />}
    </>
  );
}

/** The documents generated most recently, across inspections and ledgers, page by page. */
function RecentTab({ onOpen }: { onOpen(id: number): void }) {
  const report = useErrorReporter();
  const q = useQuery('documents.recent', { limit: 50 });
  const [more, setMore] = useState<{ rows: DocumentRow[]; next: number | null } | null>(null);
  const rows = [...(q.data?.rows ?? []), ...(more?.rows ?? [])];
  const next = more ? more.next : (q.data?.nextBeforeId ?? null);
  const loadMore = async (): Promise<void> => {
    if (next === null) return;
    try {
      const r = await call('documents.recent', { limit: 50, beforeId: next });
      setMore({ rows: [...(more?.rows ?? []), ...r.rows], next: r.nextBeforeId });
    } catch (err) {
      report(err);
    }
  };
  return (
    <Card
      size="small"
      title="最近生成的文书"
      extra={
        <Button
          size="small"
          icon={<ReloadOutlined aria-hidden />}
          onClick={() => {
            setMore(null);
            q.reload();
          }}
        >
          刷新
        </Button>
      }
    >
      {q.error && <LoadError error={q.error} onRetry={q.reload} />}
      <DocumentTable rows={rows} showInspection loading={q.loading} onOpenInspection={onOpen} emptyText="尚未生成任何文书" />
      {next !== null && (
        <Button onClick={() => void loadMore()} style={{ marginTop: 8 }}>
          加载更多
        </Button>
      )}
    </Card>
  );
}

/** 「文书」: an inspection's documents, recent documents, batch generation and the ledger. */
export function DocumentsPage() {
  const [route, go] = useDocumentsRoute();
  const canMake = useCan('documents.batch');
  const items: NonNullable<TabsProps['items']> = [
    { key: 'recent', label: '最近文书', children: <RecentTab onOpen={(id) => go({ tab: 'inspection', inspection: id })} /> },
    { key: 'inspection', label: '检查任务文书', children: <InspectionTab inspectionId={route.inspection} onPick={(id) => go({ tab: 'inspection', inspection: id })} /> },
  ];
  if (canMake) {
    items.push({ key: 'batch', label: '批量生成', children: <BatchCard /> });
    items.push({ key: 'ledger', label: '登记表', children: <LedgerCard /> });
  }
  return (
    <>
      <PageHeader title="文书" description="按规范格式生成检查文书（Word 文件），统一编号、存档；重新生成时原文书标记为已作废并保留。" />
      <Tabs activeKey={items.some((i) => i.key === route.tab) ? route.tab : 'recent'} onChange={(tab) => go({ tab })} items={items} destroyOnHidden />
    </>
  );
}
