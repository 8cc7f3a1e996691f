import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Flex, List, Popconfirm, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, FileAddOutlined, ReloadOutlined } from '@ant-design/icons';
import type { KindState } from '../../../shared/api/documents';
import { call } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { useCan, useErrorReporter } from '../../session';
import { DocumentTable } from './DocumentTable';
import { SupplementDrawer } from './SupplementDrawer';

interface Props {
  inspectionId: number;
  /** Called after a document was generated (e.g. to refresh the inspection). */
  onChanged?(): void;
}

function KindRow({ k, canGenerate, busy, batchRunning, onGenerate }: { k: KindState; canGenerate: boolean; busy: boolean; batchRunning: boolean; onGenerate(): void }) {
  const ready = k.missing.length === 0 && k.invalid.length === 0;
  const label = k.currentId ? '重新生成' : '生成';
  const button = (onClick?: () => void) => (
    <Button type={k.needed ? 'primary' : 'default'} icon={<FileAddOutlined aria-hidden />} loading={busy} disabled={!ready || batchRunning} aria-label={`${label}${k.title}`} onClick={onClick}>
      {label}
    </Button>
  );
  return (
    <List.Item
      actions={
        canGenerate
          ? [
              batchRunning ? (
                <Tooltip key="g" title="正在批量生成此类文书，结束后再生成">
                  {button()}
                </Tooltip>
              ) : k.currentId ? (
                <Popconfirm key="g" title={`重新生成《${k.title}》？`} description="将占用新的文号；原文书标记为已作废，仍保留在档案中。" okText="重新生成" cancelText="取消" onConfirm={onGenerate} disabled={!ready}>
                  {button()}
                </Popconfirm>
              ) : (
                <span key="g">{button(onGenerate)}</span>
              ),
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Space size={8} wrap>
            <span>{k.title}</span>
            {k.currentId ? <Tag color="green">已生成</Tag> : k.needed ? <Tag color="orange">待生成</Tag> : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {k.step}
              {k.numbered ? '' : ' · 不编文号'}
            </Typography.Text>
          </Space>
        }
        description={
          ready ? null : (
            <div data-testid={`missing-${k.kind}`}>
              {k.missing.length > 0 && <Typography.Text type="warning">缺少：{k.missing.join('、')}</Typography.Text>}
              {k.invalid.length > 0 && <Typography.Text type="danger">{`${k.missing.length ? '；' : ''}填写有误：${k.invalid.join('；')}`}</Typography.Text>}
            </div>
          )
        }
      />
    </List.Item>
  );
}

/**
 * The documents of one inspection: what can be generated now (or exactly what is missing),
 * and every document generated, current or superseded, with 预览/下载/打印. Meant for the
 * inspection's detail page; the 文书 page shows it too.
 */
export function InspectionDocuments({ inspectionId, onChanged }: Props) {
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const q = useQuery('documents.forInspection', { inspectionId });
  const canGenerate = useCan('documents.generate');
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const d = q.data;

  if (q.error && !d) return <LoadError error={q.error} onRetry={q.reload} />;
  if (!d) return <Skeleton active />;

  const generate = async (k: KindState): Promise<void> => {
    setBusy(k.kind);
    try {
      const r = await call('documents.generate', { inspectionId, kind: k.kind });
      void message.success(`已生成《${k.title}》${r.number ? `，文号 ${r.number}` : ''}`);
      q.reload();
      onChanged?.();
    } catch (err) {
      report(err);
      q.reload();
    } finally {
      setBusy(null);
    }
  };

  const anyMissing = d.kinds.some((k) => k.missing.length > 0);
  return (
    <Card
      size="small"
      title="文书"
      role="region"
      aria-label="文书"
      style={{ marginBottom: 16 }}
      extra={
        <Flex gap={8}>
          {canGenerate && (
            <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              补充文书信息
            </Button>
          )}
          <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={q.reload} loading={q.loading} aria-label="刷新文书" />
        </Flex>
      }
    >
      {q.error && <LoadError error={q.error} onRetry={q.reload} />}
      {d.kinds.length === 0 ? (
        <Typography.Text type="secondary">该检查任务已并入其他任务，不再生成文书。</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={d.kinds}
          renderItem={(k) => <KindRow k={k} canGenerate={canGenerate} busy={busy === k.kind} batchRunning={d.batchRunning.includes(k.kind)} onGenerate={() => void generate(k)} />}
        />
      )}
      {anyMissing && canGenerate && (
        <Alert
          type="info"
          showIcon
          style={{ margin: '8px 0 16px' }}
          title="缺少的信息：检查方案、执法人员或检查主体中未登记的，请到相应页面补全；检查步骤中不登记的（如联系人、发现的问题），请点「补充文书信息」填写。"
        />
      )}
      <Typography.Title level={5} style={{ fontSize: 14, margin: '12px 0 8px' }}>
        已生成的文书
      </Typography.Title>
      <DocumentTable rows={d.documents} />
      {editing && (
        <SupplementDrawer
          inspectionId={inspectionId}
          supplement={d.supplement}
          defaults={d.defaults}
          kinds={d.kinds.map((k) => k.kind)}
          onClose={() => setEditing(false)}
          onSaved={() => {
            void message.success('已保存文书补充信息');
            q.reload();
          }}
        />
      )}
    </Card>
  );
}
