import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Flex, Form, Result, Row, Skeleton, Tooltip } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { FindingRow, InspectionDetail, InspectionDraftInput } from '../../../shared/api/inspections';
import { call } from '../../api/client';
import { FindingsPanel } from '../../components/FindingsPanel';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useQuery } from '../../components/useQuery';
import { errorMessage } from '../../session';
import { toDraft, type DraftValues } from './draft';
import { KindFields, SpecialFields, SubjectFields, TeamFields, TextFields } from './FormSections';
import { inspectionHref } from './route';
import { useDraftCheck } from './useDraftCheck';
import { useFormOptions } from './useFormOptions';

interface Props {
  /** The saved draft being edited; absent for a new inspection. */
  id?: number;
  go(href: string): void;
}

/** 新建 / 修改检查方案: the plan, checked against the rules while it is typed. */
export function InspectionForm({ id, go }: Props) {
  return id === undefined ? <PlanForm go={go} /> : <EditPlan id={id} go={go} />;
}

function EditPlan({ id, go }: { id: number; go(href: string): void }) {
  const detail = useQuery('inspections.get', { id });
  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Skeleton active />;
  if (detail.data.status !== 'draft' || detail.data.mergedInto !== null) {
    return (
      <Result
        status="info"
        title="检查方案已批准（或已合并），不能再修改"
        extra={<Button onClick={() => go(inspectionHref(id))}>返回检查任务</Button>}
      />
    );
  }
  return <PlanForm go={go} saved={detail.data} />;
}

function PlanForm({ go, saved }: { go(href: string): void; saved?: InspectionDetail }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DraftValues>();
  const lead = Form.useWatch('agencyId', form);
  const joint = Form.useWatch('jointAgencyIds', form);
  const options = useFormOptions([lead, ...(joint ?? [])]);
  const check = useDraftCheck(saved?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const autoBasis = useRef<{ basis: string; content: string }>({ basis: '', content: '' });
  const { schedule } = check;

  // The own agency leads by default; the first check runs as soon as the form can be checked.
  useEffect(() => {
    if (!saved && options.ownAgencyId !== null && form.getFieldValue('agencyId') === undefined) form.setFieldValue('agencyId', options.ownAgencyId);
    schedule(toDraft(form.getFieldsValue(true) as DraftValues));
  }, [options.ownAgencyId, saved, form, schedule]);

  const recheck = (): void => schedule(toDraft(form.getFieldsValue(true) as DraftValues));

  const onValuesChange = (changed: Partial<DraftValues>): void => {
    if ('kind' in changed && changed.kind === 'offsite') form.setFieldValue('onsite', false);
    if ('kind' in changed && changed.kind !== 'offsite' && form.getFieldValue('onsite') === false) form.setFieldValue('onsite', true);
    if ('itemIds' in changed) fillFromItems(changed.itemIds ?? []);
    if ('agencyId' in changed || 'jointAgencyIds' in changed) keepAgencies();
    recheck();
  };

  /** Items and officers of an agency no longer on the inspection are dropped from the plan. */
  const keepAgencies = (): void => {
    const v = form.getFieldsValue(['agencyId', 'jointAgencyIds', 'itemIds', 'teamOfficerIds', 'leaderOfficerId']) as DraftValues;
    const ids = new Set([v.agencyId, ...(v.jointAgencyIds ?? [])]);
    const team = (v.teamOfficerIds ?? []).filter((o) => ids.has(options.agencyOfOfficer.get(o)));
    form.setFieldsValue({
      itemIds: (v.itemIds ?? []).filter((i) => ids.has(options.agencyOfItem.get(i))),
      teamOfficerIds: team,
      leaderOfficerId: v.leaderOfficerId && team.includes(v.leaderOfficerId) ? v.leaderOfficerId : null,
    });
  };

  /** The chosen items' legal basis and content fill the two text fields while the user has not rewritten them. */
  const fillFromItems = (ids: number[]): void => {
    const chosen = options.items.filter((i) => ids.includes(i.id));
    const basis = chosen.map((i) => i.basis).join('；');
    const content = chosen.map((i) => i.content).join('；');
    const cur = form.getFieldsValue(['basis', 'content']) as { basis?: string; content?: string };
    if (!cur.basis || cur.basis === autoBasis.current.basis) form.setFieldValue('basis', basis);
    if (!cur.content || cur.content === autoBasis.current.content) form.setFieldValue('content', content);
    autoBasis.current = { basis, content };
  };

  const fail = (err: unknown): void => {
    setError(errorMessage(err));
    setBusy(false);
    requestAnimationFrame(() => errorRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
  };

  const save = async (draft: InspectionDraftInput): Promise<number> => {
    if (saved) {
      await call('inspections.update', { id: saved.id, version: saved.version, draft });
      return saved.id;
    }
    const created = await call('inspections.create', draft);
    void message.success(`已新建检查任务 ${created.number}`);
    return created.id;
  };

  const submit = async (values: DraftValues): Promise<void> => {
    const draft = toDraft(values);
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const id = await save(draft);
      if (saved) void message.success('检查方案已保存');
      go(inspectionHref(id));
    } catch (err) {
      fail(err);
    }
  };

  /** 综合查一次: this plan (saved first if new) goes into the other open inspection. */
  const mergeInto = async (intoId: number): Promise<void> => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const draft = toDraft(form.getFieldsValue(true) as DraftValues);
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const from = await save(draft);
      await call('inspections.merge', { id: from, intoId });
      void message.success('已合并为一次检查（综合查一次）');
      go(inspectionHref(intoId));
    } catch (err) {
      fail(err);
    }
  };

  const inviteJoint = (agencyId: number): void => {
    const cur = (form.getFieldValue('jointAgencyIds') as number[] | undefined) ?? [];
    if (!cur.includes(agencyId)) form.setFieldValue('jointAgencyIds', [...cur, agencyId]);
    recheck();
  };

  const findingActions = (f: FindingRow) => {
    const mergeWith = typeof f.data?.mergeWith === 'number' ? f.data.mergeWith : null;
    const agencyId = typeof f.data?.agencyId === 'number' ? f.data.agencyId : null;
    if (f.ruleId === 'merge' && mergeWith !== null) {
      return (
        <>
          <Tooltip title={saved ? '把本任务并入该任务，一次入企完成' : '保存本任务并把它并入该任务，一次入企完成'}>
            <Button size="small" type="primary" ghost aria-label={`合并到检查 #${mergeWith}`} loading={busy} onClick={() => void mergeInto(mergeWith)}>
              合并
            </Button>
          </Tooltip>
        </>
      );
    }
    if (f.ruleId === 'joint' && agencyId !== null && !(joint ?? []).includes(agencyId)) {
      return (
        <Button size="small" onClick={() => inviteJoint(agencyId)}>
          列为联合单位
        </Button>
      );
    }
    return null;
  };

  const initialValues: DraftValues = saved ? saved.draft : { kind: 'planned', onsite: true, emergency: false, outOfJurisdiction: false, jointAgencyIds: [], itemIds: [], teamOfficerIds: [] };
  return (
    <>
      <PageHeader
        title={saved ? `修改检查方案：${saved.number}` : '新建检查任务'}
        description="填写时按规则自动检查；“禁止”事项须先改正，“警示”事项须经负责人决定。"
        extra={
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => go(saved ? inspectionHref(saved.id) : inspectionHref({ status: null }))}>
            返回
          </Button>
        }
      />
      <LoadError error={options.error} onRetry={options.reload} />
      <Row gutter={16} align="top">
        <Col xs={24} xl={15}>
          <Form<DraftValues>
            form={form}
            name="inspection"
            layout="vertical"
            requiredMark={false}
            initialValues={initialValues}
            onValuesChange={onValuesChange}
            onFinish={(v) => void submit(v)}
            disabled={busy}
          >
            <div ref={errorRef}>
              {error && (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  title="未保存"
                  description={<div style={{ whiteSpace: 'pre-line' }}>{error}</div>}
                  closable={{ onClose: () => setError(null) }}
                  style={{ marginBottom: 16 }}
                />
              )}
            </div>
            <Card size="small" title="检查对象与检查主体" style={{ marginBottom: 16 }}>
              <SubjectFields options={options} initialEnterprise={saved?.enterprise ?? null} />
            </Card>
            <Card size="small" title="检查类型与日期" style={{ marginBottom: 16 }}>
              <KindFields />
            </Card>
            <Card size="small" title="检查事项与检查人员" style={{ marginBottom: 16 }}>
              <TeamFields options={options} />
            </Card>
            <Card size="small" title="依据、内容与特殊情形" style={{ marginBottom: 16 }}>
              <TextFields />
              <SpecialFields />
            </Card>
            <Flex justify="flex-end" gap={8}>
              <Button onClick={() => go(saved ? inspectionHref(saved.id) : inspectionHref({ status: null }))}>取消</Button>
              <Button type="primary" htmlType="submit" loading={busy}>
                {saved ? '保存' : '保存为草稿'}
              </Button>
            </Flex>
          </Form>
        </Col>
        <Col xs={24} xl={9} style={{ position: 'sticky', top: 16 }}>
          <FindingsPanel
            title="规则检查（实时）"
            findings={check.findings}
            loading={check.loading}
            error={check.error}
            renderActions={findingActions}
            idleText="选择检查对象、检查主体和检查类型后自动检查。"
            emptyText="未发现问题，可以保存"
          />
        </Col>
      </Row>
    </>
  );
}
