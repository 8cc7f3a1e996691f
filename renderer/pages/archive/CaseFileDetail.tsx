import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Descriptions, Flex, Input, Modal, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, LockOutlined } from '@ant-design/icons';
import { PRODUCT_LABELS, RETENTION_LABELS, type CaseFileDetail as Detail, type Retention } from '../../../shared/api/archive';
import { call, downloadFile } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { formatDate, formatDateTime } from '../../format';
import { useCan, useErrorReporter } from '../../session';
import { CaseFileHistory } from './CaseFileHistory';
import { CompletenessList } from './CompletenessList';
import { EntriesTable, type EntryEdits } from './EntriesTable';
import { RETENTION_OPTIONS, STATUS_COLORS, statusLabel } from './labels';
import { ReasonModal } from './ReasonModal';
import { archiveTabHref } from './route';

type Dialog = null | 'archive' | 'save' | 'refresh' | 'hold';
interface Draft {
  title: string;
  retention: Retention;
  note: string;
  checkedBy: string;
  entries: EntryEdits;
}

/** One case file: cover fields, completeness, 卷内文件 with page ranges, products, archive/lock, change with reason, legal hold. */
export function CaseFileDetail({ id, go }: { id: number; go: (href: string) => void }) {
  const q = useQuery('caseFiles.get', { id });
  const cf = q.data;
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const canEdit = useCan('caseFiles.update');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [draft, setDraft] = useState<Draft | null>(null);

  if (!cf) return q.error ? <LoadError error={q.error} onRetry={q.reload} /> : <Skeleton active />;
  const archived = cf.status === 'archived';
  const editable = canEdit && cf.status !== 'disposed';

  const download = (part: 'cover' | 'index' | 'notes', revision?: number): void => {
    call('caseFiles.download', { id, part, ...(revision ? { revision } : {}) })
      .then((d) => downloadFile(d.downloadId))
      .then((saved) => saved && void message.success(`已下载${PRODUCT_LABELS[part]}`), report);
  };
  const startEdit = (c: Detail): void => setDraft({ title: c.title, retention: c.retention, note: c.note, checkedBy: c.checkedBy ?? '', entries: {} });
  const changes = (d: Draft) => {
    const entries = Object.entries(d.entries).map(([eid, v]) => ({ id: Number(eid), pages: v.pages, remark: v.remark }));
    return {
      ...(d.title !== cf.title ? { title: d.title } : {}),
      ...(d.retention !== cf.retention ? { retention: d.retention } : {}),
      ...(d.note !== cf.note ? { note: d.note } : {}),
      ...(d.checkedBy !== (cf.checkedBy ?? '') ? { checkedBy: d.checkedBy } : {}),
      ...(entries.length ? { entries } : {}),
    };
  };
  const save = async (reason?: string): Promise<void> => {
    if (!draft) return;
    await call('caseFiles.update', { id, version: cf.version, ...changes(draft), ...(reason ? { reason } : {}) });
    setDraft(null);
    void message.success(archived ? '已修改，修改前的版本已保留' : '已保存');
    q.reload();
  };
  const onEntry = (eid: number, patch: { pages?: number; remark?: string }): void =>
    setDraft((d) => {
      if (!d) return d;
      const e = cf.entries.find((x) => x.id === eid);
      const old = d.entries[eid] ?? { pages: e?.pages ?? 0, remark: e?.remark ?? '' };
      return { ...d, entries: { ...d.entries, [eid]: { ...old, ...patch } } };
    });
  const act = (p: Promise<unknown>, done: string): Promise<void> =>
    p.then(() => {
      void message.success(done);
      q.reload();
    });

  return (
    <>
      <Flex justify="space-between" align="flex-start" gap={16} style={{ marginBottom: 16 }}>
        <div>
          <Button type="link" style={{ padding: 0 }} onClick={() => go(archiveTabHref('files'))}>
            ← 案卷列表
          </Button>
          <Typography.Title level={2} style={{ fontSize: 20, margin: '4px 0' }}>
            {draft ? <Input aria-label="案卷题名" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} style={{ width: 560 }} /> : cf.title}
          </Typography.Title>
          <Space wrap>
            <Tag color={STATUS_COLORS[cf.status]}>{statusLabel(cf.status)}</Tag>
            {archived && <Tag icon={<LockOutlined aria-hidden />}>已锁定</Tag>}
            {cf.legalHold && <Tag color="red">法律保全：{cf.legalHoldReason}</Tag>}
            <Typography.Text type="secondary">档号 {cf.archiveNo ?? '（归档时编定）'}</Typography.Text>
          </Space>
        </div>
        <Space wrap>
          {(['cover', 'index', 'notes'] as const).map((p) => (
            <Button key={p} icon={<DownloadOutlined aria-hidden />} onClick={() => download(p)}>
              {PRODUCT_LABELS[p]}
            </Button>
          ))}
        </Space>
      </Flex>
      {cf.missingRequired > 0 && cf.status === 'draft' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`案卷缺少 ${cf.missingRequired} 项必备材料，见下方完整性检查；可补齐后“重新编排”，或写明缺项说明后归档。`} />}
      {editable && (
        <Space wrap style={{ marginBottom: 16 }}>
          {cf.status === 'draft' && (
            <Button type="primary" icon={<LockOutlined aria-hidden />} onClick={() => (cf.missingRequired ? setDialog('archive') : void act(call('caseFiles.archive', { id, version: cf.version }), '已归档，案卷已锁定').catch(report))}>
              归档（锁定）
            </Button>
          )}
          {draft ? (
            <>
              <Button type="primary" onClick={() => (archived ? setDialog('save') : void save().catch(report))} disabled={!Object.keys(changes(draft)).length}>
                保存修改
              </Button>
              <Button onClick={() => setDraft(null)}>放弃修改</Button>
            </>
          ) : (
            <Button onClick={() => startEdit(cf)}>{archived ? '修改（须说明理由）' : '修改'}</Button>
          )}
          <Button onClick={() => (archived ? setDialog('refresh') : void act(call('caseFiles.refresh', { id, version: cf.version }), '已按现行文书重新编排').catch(report))}>重新编排</Button>
          {archived && <Button onClick={() => setDialog('hold')}>{cf.legalHold ? '解除法律保全' : '法律保全'}</Button>}
          {cf.status === 'draft' && (
            <Button
              danger
              onClick={() =>
                Modal.confirm({
                  title: '撤销这个整理中的案卷？',
                  content: '检查回到“可组卷”列表，不影响检查和文书。',
                  okText: '撤销案卷',
                  cancelText: '取消',
                  onOk: () => call('caseFiles.dissolve', { id, version: cf.version }).then(() => go(archiveTabHref('files')), report),
                })
              }
            >
              撤销案卷
            </Button>
          )}
        </Space>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title="案卷封面" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="全宗名称">{cf.fondsName}</Descriptions.Item>
              <Descriptions.Item label="类目名称">{cf.category}</Descriptions.Item>
              <Descriptions.Item label="档号">{cf.archiveNo ?? '（归档时编定）'}</Descriptions.Item>
              <Descriptions.Item label="归档号">{cf.filingNo ?? '（归档时编定）'}</Descriptions.Item>
              <Descriptions.Item label="起止时间">{cf.dateFrom ? `${formatDate(cf.dateFrom)} 至 ${formatDate(cf.dateTo)}` : ''}</Descriptions.Item>
              <Descriptions.Item label="保管期限">
                {draft ? <Select aria-label="保管期限" size="small" style={{ width: 100 }} value={draft.retention} options={RETENTION_OPTIONS} onChange={(v: Retention) => setDraft({ ...draft, retention: v })} /> : RETENTION_LABELS[cf.retention]}
                {cf.retentionUntil ? `（保管至 ${formatDate(cf.retentionUntil)}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="件数/页数">{`${cf.itemsCount} 件 / ${cf.pages} 页`}</Descriptions.Item>
              <Descriptions.Item label="归档时间">{cf.archivedAt ? formatDateTime(cf.archivedAt) : '未归档'}</Descriptions.Item>
              <Descriptions.Item label="立卷人">{cf.compiledBy ?? ''}</Descriptions.Item>
              <Descriptions.Item label="检查人">{draft ? <Input aria-label="检查人" size="small" value={draft.checkedBy} onChange={(e) => setDraft({ ...draft, checkedBy: e.target.value })} /> : (cf.checkedBy ?? '')}</Descriptions.Item>
              <Descriptions.Item label="所含检查" span={2}>
                {cf.inspections.map((i) => (
                  <a key={i.id} href={`#/inspections/${i.id}`} style={{ marginInlineEnd: 12 }}>
                    {i.number} {i.enterpriseName}
                  </a>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label="本卷情况说明" span={2}>
                {draft ? <Input.TextArea aria-label="本卷情况说明" rows={2} value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} /> : cf.note || cf.missingExplanation || '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={`完整性检查${cf.missingRequired ? `（缺 ${cf.missingRequired} 项）` : '（齐全）'}`} style={{ marginBottom: 16 }}>
            <CompletenessList items={cf.completeness} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`卷内文件（${cf.itemsCount} 件，${cf.pages} 页）`} style={{ marginBottom: 16 }}>
        <EntriesTable entries={cf.entries} edits={draft ? draft.entries : null} onEdit={onEntry} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          页数：本软件生成的文书按版式估算（标“估”），照片每张 1 页，音像资料不计页；请对照纸质材料核对，修改后自动重新编页号。
        </Typography.Paragraph>
      </Card>
      <Card size="small" title="历史">
        <CaseFileHistory cf={cf} onDownload={download} />
      </Card>
      {dialog === 'archive' && (
        <ReasonModal
          title="归档不完整的案卷"
          label="缺项说明"
          okText="写入备考表并归档"
          hint="案卷缺少必备材料。写明缺少的原因，说明将写入卷内备考表。"
          onClose={() => setDialog(null)}
          onSubmit={(v) => act(call('caseFiles.archive', { id, version: cf.version, explanation: v.reason }), '已归档，案卷已锁定')}
        />
      )}
      {dialog === 'save' && <ReasonModal title="修改已归档的案卷" label="修改理由" okText="保存修改" hint="修改前的版本（含封面、目录、备考表）将保留，修改理由记入备考表。" onClose={() => setDialog(null)} onSubmit={(v) => save(v.reason)} />}
      {dialog === 'refresh' && (
        <ReasonModal title="重新编排已归档的案卷" label="修改理由" okText="重新编排" hint="按检查的现行文书和证据重新编排卷内文件；原版本保留。" onClose={() => setDialog(null)} onSubmit={(v) => act(call('caseFiles.refresh', { id, version: cf.version, reason: v.reason }), '已重新编排')} />
      )}
      {dialog === 'hold' && (
        <ReasonModal
          title={cf.legalHold ? '解除法律保全' : '设置法律保全'}
          label="理由"
          okText={cf.legalHold ? '解除' : '设置保全'}
          hint={cf.legalHold ? undefined : '保全期间案卷不得销毁（如涉及诉讼、复议、审计）。'}
          onClose={() => setDialog(null)}
          onSubmit={(v) => act(call('caseFiles.hold', { id, hold: !cf.legalHold, reason: v.reason }), cf.legalHold ? '已解除法律保全' : '已设置法律保全')}
        />
      )}
    </>
  );
}
