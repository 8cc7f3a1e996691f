import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { ACTION_LABELS, type FindingRow, type InspectionAction, type InspectionDetail as Detail } from '../../../shared/api/inspections';
import { KIND_LABELS } from '../../../shared/rules';
import { call } from '../../api/client';
import { FindingsOverrideModal } from '../../components/FindingsOverrideModal';
import { FindingsPanel } from '../../components/FindingsPanel';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useQuery } from '../../components/useQuery';
import { useCan, useErrorReporter } from '../../session';
import { ActionModal } from './ActionModal';
import { DeadlinesCard } from './DeadlinesCard';
import { EvidenceCard } from './EvidenceCard';
import { InspectionDocuments } from '../documents/InspectionDocuments';
import { STATUS_COLORS, STATUS_LABELS } from './labels';
import { EventsTimeline, LifecycleSteps } from './LifecycleCard';
import { PlanCard, RecordCard } from './PlanCard';
import { inspectionHref } from './route';

/** What the caller may do next: one button per step the server says is open to this role. */
function ActionsCard({ detail, onAction, canEdit }: { detail: Detail; onAction(a: InspectionAction): void; canEdit: boolean }) {
  // Entering is offered by the server from any state; before approval only an emergency may enter (湘（十一）).
  const actions = detail.actions.filter((a) => !(a === 'enter' && detail.status === 'draft' && !detail.draft.emergency));
  const waiting = detail.status === 'draft' && !detail.actions.includes('approve') ? '检查方案须由本机关负责人批准。' : null;
  return (
    <Card size="small" title="办理" style={{ marginBottom: 16 }} role="region" aria-label="办理">
      {actions.length > 0 ? (
        <Flex gap={8} wrap>
          {actions.map((a, i) => (
            <Button key={a} type={i === 0 ? 'primary' : 'default'} onClick={() => onAction(a)}>
              {ACTION_LABELS[a]}
            </Button>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{detail.mergedInto !== null ? '该任务已并入其他任务。' : detail.status === 'closed' ? '该检查任务已办结。' : '当前没有您可以办理的步骤。'}</Typography.Text>
      )}
      {waiting && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {waiting}
          {canEdit && '批准前可以修改检查方案。'}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** 检查任务详情: the plan, its lifecycle, the rules' findings, deadlines, evidence and the next steps. */
export function InspectionDetail({ id, go }: { id: number; go(href: string): void }) {
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const q = useQuery('inspections.get', { id });
  const canOverride = useCan('inspections.override');
  const canMerge = useCan('inspections.merge');
  const canUpdate = useCan('inspections.update');
  const [action, setAction] = useState<InspectionAction | null>(null);
  const [override, setOverride] = useState<FindingRow | null>(null);
  const [merging, setMerging] = useState(false);
  const d = q.data;

  if (q.error && !d) return <LoadError error={q.error} onRetry={q.reload} />;
  if (!d) return <Skeleton active />;

  const merge = async (intoId: number): Promise<void> => {
    setMerging(true);
    try {
      await call('inspections.merge', { id: d.id, intoId });
      void message.success('已合并为一次检查（综合查一次）');
      go(inspectionHref(intoId));
    } catch (err) {
      report(err);
    } finally {
      setMerging(false);
    }
  };

  const findingActions = (f: FindingRow) => {
    if (f.effect === 'warn' && f.overridable && !f.overridden && canOverride && d.mergedInto === null) {
      return (
        <Button size="small" danger onClick={() => setOverride(f)}>
          负责人决定
        </Button>
      );
    }
    const into = typeof f.data?.mergeWith === 'number' ? f.data.mergeWith : null;
    if (f.ruleId === 'merge' && into !== null && d.status === 'draft' && canMerge) {
      return (
        <Button size="small" type="primary" ghost loading={merging} aria-label={`合并到检查 #${into}`} onClick={() => void merge(into)}>
          合并
        </Button>
      );
    }
    return null;
  };

  const editable = d.status === 'draft' && d.mergedInto === null && canUpdate;
  return (
    <>
      <PageHeader
        title={`检查任务 ${d.number}`}
        description={
          <Space size={8} wrap>
            <Tag color={STATUS_COLORS[d.status]} data-testid="inspection-status">
              {STATUS_LABELS[d.status]}
            </Tag>
            <span>{d.enterprise.name}</span>
            <Typography.Text type="secondary">
              {d.agencyName} · {KIND_LABELS[d.draft.kind]}
            </Typography.Text>
          </Space>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => go(inspectionHref({ status: null }))}>
              返回列表
            </Button>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={q.reload} loading={q.loading}>
              刷新
            </Button>
            {editable && (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => go(inspectionHref(d.id, true))}>
                修改方案
              </Button>
            )}
          </>
        }
      />
      {q.error && <LoadError error={q.error} onRetry={q.reload} />}
      {d.mergedInto !== null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="该任务已并入其他任务（综合查一次）"
          action={
            <Button size="small" onClick={() => go(inspectionHref(d.mergedInto ?? d.id))}>
              查看合并后的任务
            </Button>
          }
        />
      )}
      <LifecycleSteps detail={d} />
      <Row gutter={16} align="top">
        <Col xs={24} xl={16}>
          <PlanCard detail={d} />
          <RecordCard detail={d} />
          <EvidenceCard detail={d} onChanged={q.reload} />
          <InspectionDocuments inspectionId={d.id} onChanged={q.reload} />
          <EventsTimeline detail={d} />
        </Col>
        <Col xs={24} xl={8}>
          <ActionsCard detail={d} onAction={setAction} canEdit={editable} />
          <div style={{ marginBottom: 16 }}>
            <FindingsPanel findings={d.findings} renderActions={findingActions} emptyText="按规则检查，未发现问题" />
          </div>
          <DeadlinesCard detail={d} />
        </Col>
      </Row>
      {action && (
        <ActionModal
          action={action}
          detail={d}
          onClose={() => setAction(null)}
          onDone={() => {
            void message.success(`已办理：${ACTION_LABELS[action]}`);
            q.reload();
          }}
        />
      )}
      {override && (
        <FindingsOverrideModal
          inspectionId={d.id}
          finding={override}
          onClose={() => setOverride(null)}
          onDone={() => {
            void message.success('已记录负责人决定');
            q.reload();
          }}
        />
      )}
    </>
  );
}
