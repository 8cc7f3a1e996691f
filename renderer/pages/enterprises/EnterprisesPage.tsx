import { forwardRef, useEffect, useState, type HTMLAttributes } from 'react';
import { App as AntApp, Button, Card, Flex, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { EnterpriseRow, Grade, EnterpriseKind } from '../../../shared/schemas/enterprise';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/LoadError';
import { orDash } from '../../format';
import { useCan } from '../../session';
import { EnterpriseDrawer, type EnterpriseDialog } from './EnterpriseDrawer';
import { FlagTags, GradeTag, gradeOptions, kindOptions } from './labels';
import { useEnterpriseSearch, type SearchParams } from './useEnterpriseSearch';
import { ExportButton, ImportButton } from '../import/ImportExportButtons';

type Flag = 'whitelist' | 'keySupervision';
const flagOptions = [
  { value: 'whitelist', label: '白名单' },
  { value: 'keySupervision', label: '重点监管' },
];
const sortOptions = [
  { value: 'pinyin', label: '按名称拼音' },
  { value: 'recent', label: '按登记先后（新的在前）' },
];
const MONO = { fontFamily: 'Consolas, "DejaVu Sans Mono", monospace' };

/** The value, once it has stopped changing for `ms` (typing in the search box). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** Height left for the table body, so the page never scrolls as a whole. */
function useTableHeight(reserved: number): number {
  const [h, setH] = useState(() => Math.max(320, window.innerHeight - reserved));
  useEffect(() => {
    const onResize = () => setH(Math.max(320, window.innerHeight - reserved));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [reserved]);
  return h;
}

/**
 * The virtual table draws its body as <div>s outside the header's <table>; give them the
 * roles of a table body so assistive technology (and role-based tests) still see rows and cells.
 */
const RowGroup = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function RowGroup(props, ref) {
  return <div {...props} ref={ref} role="rowgroup" />;
});
const cellRole = () => ({ role: 'cell' });

function countText(total: number | null, exact: boolean, shown: number): string {
  if (total === null) return `已显示 ${shown} 条`;
  return exact ? `共 ${total} 条，已显示 ${shown} 条` : `超过 ${total} 条（数量较多，未逐条统计），已显示 ${shown} 条`;
}

/** 企业: search the register (name, address, pinyin initials, credit code), filter, add and edit. */
export function EnterprisesPage() {
  const { message } = AntApp.useApp();
  const canCreate = useCan('enterprises.create');
  const [text, setText] = useState('');
  const [kind, setKind] = useState<EnterpriseKind | undefined>();
  const [grade, setGrade] = useState<Grade | undefined>();
  const [flag, setFlag] = useState<Flag | undefined>();
  const [sort, setSort] = useState<'pinyin' | 'recent'>('pinyin');
  const [dialog, setDialog] = useState<EnterpriseDialog | null>(null);
  const q = useDebounced(text.trim(), 300);
  const params: SearchParams = {
    sort,
    ...(q ? { q } : {}),
    ...(kind ? { kind } : {}),
    ...(grade ? { grade } : {}),
    ...(flag ? { [flag]: true } : {}),
  };
  const list = useEnterpriseSearch(params);
  const height = useTableHeight(330);

  const columns: TableColumnsType<EnterpriseRow> = [
    {
      title: '名称',
      dataIndex: 'name',
      width: 270,
      render: (_: unknown, r) => (
        <Space size={6} wrap={false}>
          <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => setDialog({ kind: 'edit', id: r.id })} aria-label={`打开 ${r.name}`}>
            {r.name}
          </Button>
          <FlagTags whitelist={r.whitelist} keySupervision={r.keySupervision} />
        </Space>
      ),
    },
    { title: '统一社会信用代码', dataIndex: 'creditCode', width: 175, render: (v: string) => <span style={MONO}>{v}</span> },
    { title: '类型', dataIndex: 'kind', width: 105 },
    { title: '住所', dataIndex: 'address', width: 260, ellipsis: true },
    { title: '法定代表人', dataIndex: 'legalRep', width: 95, render: orDash },
    { title: '行业', dataIndex: 'industry', width: 120, ellipsis: true, render: orDash },
    { title: '信用等级', dataIndex: 'grade', width: 80, render: (v: Grade | null) => <GradeTag grade={v} /> },
  ];

  return (
    <>
      <PageHeader
        title="企业"
        description="本单位检查对象（经营主体）名录。可按名称、住所、拼音首字母或统一社会信用代码查找。"
        extra={
          <>
            {/* 导入 / 导出 (Excel/CSV): the import/export feature adds its buttons to this group. */}
            <Space.Compact data-slot="import-export">
              <ImportButton kind="enterprises" onImported={list.reload} />
              <ExportButton filters={params} />
            </Space.Compact>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
              刷新
            </Button>
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
                新增企业
              </Button>
            )}
          </>
        }
      />
      <LoadError error={list.error} onRetry={list.reload} />
      <Card styles={{ body: { paddingBottom: 12 } }}>
        <Flex gap={8} wrap style={{ marginBottom: 12 }} role="search" aria-label="查找企业">
          <Input.Search
            aria-label="搜索企业"
            placeholder="名称、住所、拼音首字母（如 xtx）或信用代码"
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => setText(v)}
            style={{ width: 360 }}
          />
          <Select aria-label="主体类型" placeholder="全部类型" allowClear options={kindOptions} value={kind} onChange={setKind} style={{ width: 150 }} />
          <Select aria-label="信用等级" placeholder="全部等级" allowClear options={gradeOptions} value={grade} onChange={setGrade} style={{ width: 120 }} />
          <Select aria-label="名单" placeholder="全部名单" allowClear options={flagOptions} value={flag} onChange={setFlag} style={{ width: 130 }} />
          <Select aria-label="排序" options={sortOptions} value={sort} onChange={setSort} style={{ width: 200 }} />
        </Flex>
        <Table<EnterpriseRow>
          rowKey="id"
          size="small"
          virtual
          columns={columns.map((c) => ({ ...c, onCell: cellRole }))}
          components={{ body: { wrapper: RowGroup } }}
          onRow={() => ({ role: 'row' })}
          dataSource={list.rows}
          loading={list.loading && list.rows.length === 0}
          pagination={false}
          locale={{ emptyText: q || kind || grade || flag ? '没有符合条件的经营主体' : '暂无经营主体' }}
          scroll={{ x: 1095, y: height }}
          onScroll={(e) => {
            const el = e.currentTarget;
            // Ask for more while a screenful of rows is still left below.
            if (list.hasMore && el.scrollHeight - el.scrollTop - el.clientHeight < el.clientHeight) list.loadMore();
          }}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" data-testid="enterprise-count">
            {countText(list.total, list.totalExact, list.rows.length)}
          </Typography.Text>
          {list.hasMore && (
            <Button size="small" onClick={list.loadMore} loading={list.loading}>
              加载更多
            </Button>
          )}
        </Flex>
      </Card>
      {dialog && (
        <EnterpriseDrawer
          key={dialog.kind === 'edit' ? dialog.id : 'new'}
          dialog={dialog}
          onClose={() => setDialog(null)}
          onOpen={(id) => setDialog({ kind: 'edit', id })}
          onSaved={(r, created) => {
            void message.success(created ? `已新增“${r.name}”` : `已保存“${r.name}”`);
            list.reload();
          }}
        />
      )}
    </>
  );
}
