import { Card, Descriptions, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import type { InspectionDetail } from '../../../shared/api/inspections';
import { KIND_LABELS, RULE_BY_ID, TRIGGER_LABELS } from '../../../shared/rules';
import { formatDateTime, orDash } from '../../format';
import { FILING_EXEMPTIONS, OUTCOME_LABELS } from './labels';

const block = { whiteSpace: 'pre-line' } as const;

/** The plan as approved (or being prepared): object, agencies, kind, items, team, basis. */
export function PlanCard({ detail: d }: { detail: InspectionDetail }) {
  const dr = d.draft;
  const items: DescriptionsProps['items'] = [
    {
      key: 'enterprise',
      label: '检查对象',
      span: 2,
      children: (
        <div>
          <div>
            {d.enterprise.name}
            {d.enterprise.grade && <Tag style={{ marginInlineStart: 8 }}>{d.enterprise.grade}</Tag>}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.enterprise.creditCode} · {d.enterprise.address}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'agency', label: '检查主体', children: d.agencyName },
    { key: 'joint', label: '联合单位', children: d.jointAgencies.length ? d.jointAgencies.map((a) => a.name).join('、') : '—' },
    {
      key: 'kind',
      label: '检查类型',
      children: (
        <Space size={4} wrap>
          {KIND_LABELS[dr.kind]}
          {!dr.onsite && dr.kind !== 'offsite' && <Tag>不进入现场</Tag>}
          {dr.emergency && <Tag color="red">情况紧急</Tag>}
          {dr.outOfJurisdiction && <Tag color="purple">异地检查</Tag>}
        </Space>
      ),
    },
    { key: 'planned', label: '计划检查日期', children: orDash(dr.plannedDate) },
    ...(dr.kind === 'triggered'
      ? [{ key: 'trigger', label: '线索来源', span: 2, children: `${dr.triggerSource ? TRIGGER_LABELS[dr.triggerSource] : '未登记'}${dr.triggerRef ? `（${dr.triggerRef}）` : ''}` }]
      : []),
    ...(dr.kind === 'special' ? [{ key: 'special', label: '专项检查批准文号', span: 2, children: orDash(dr.specialApprovalNo) }] : []),
    {
      key: 'items',
      label: '检查事项',
      span: 2,
      children: d.items.length ? (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {d.items.map((i) => (
            <li key={i.itemId}>
              {i.code} {i.name}（第 {i.version} 版）
            </li>
          ))}
        </ul>
      ) : (
        '—'
      ),
    },
    {
      key: 'team',
      label: '检查人员',
      span: 2,
      children: d.team.length ? (
        <Space size={[12, 4]} wrap>
          {d.team.map((m) => (
            <span key={m.officerId}>
              {m.name}
              {m.leader && (
                <Tag color="blue" style={{ marginInlineStart: 4 }}>
                  带队
                </Tag>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                {m.certNo ? `执法证 ${m.certNo}` : '无执法证'}
                {m.validTo ? ` 至 ${m.validTo}` : ''}
              </Typography.Text>
            </span>
          ))}
        </Space>
      ) : (
        '—'
      ),
    },
    { key: 'basis', label: '检查依据', span: 2, children: <span style={block}>{orDash(dr.basis)}</span> },
    { key: 'content', label: '检查内容', span: 2, children: <span style={block}>{orDash(dr.content)}</span> },
  ];
  if (dr.emergency) items.push({ key: 'emergencyReason', label: '紧急情况说明', span: 2, children: orDash(dr.emergencyReason) });
  if (dr.noNoticeReason) items.push({ key: 'noNotice', label: '无需事先通知的依据', span: 2, children: dr.noNoticeReason });
  if (dr.filingExemption) items.push({ key: 'exempt', label: '免予报备事由', span: 2, children: FILING_EXEMPTIONS[dr.filingExemption] });
  return (
    <Card size="small" title="检查方案" style={{ marginBottom: 16 }}>
      <Descriptions size="small" bordered column={2} items={items} styles={{ label: { width: 150 } }} />
    </Card>
  );
}

/** What was found and decided: the record, the outcome and the heads' recorded decisions. */
export function RecordCard({ detail: d }: { detail: InspectionDetail }) {
  const r = d.record;
  const s = d.steps;
  const started = Boolean(r.kind || r.codeRegistrationNo || s.actualStart);
  if (!started && d.overrides.length === 0) return null;
  const items: DescriptionsProps['items'] = [];
  if (s.actualStart) items.push({ key: 'dates', label: '检查日期', span: 2, children: `${s.actualStart}${s.actualEnd && s.actualEnd !== s.actualStart ? ` 至 ${s.actualEnd}` : ''}` });
  if (r.codeRegistrationNo) items.push({ key: 'code', label: '扫码入企登记号', children: r.codeRegistrationNo });
  if (r.avRecordRef) items.push({ key: 'av', label: '音像记录编号', children: r.avRecordRef });
  if (r.kind) {
    items.push({ key: 'findings', label: r.kind === 'offsite' ? '非现场检查情况' : '现场检查情况', span: 2, children: <span style={block}>{orDash(r.findings)}</span> });
    if (r.personsPresent) items.push({ key: 'persons', label: '在场人员', children: r.personsPresent });
    if (r.place) items.push({ key: 'place', label: '检查地点', children: r.place });
  }
  if (r.outcome) {
    const extra = r.rectificationDeadline ? `，整改期限 ${r.rectificationDeadline}` : r.transferTarget ? `：${r.transferTarget}` : '';
    items.push({ key: 'outcome', label: '处理结果', span: 2, children: `${OUTCOME_LABELS[r.outcome] ?? r.outcome}${extra}${r.outcomeNote ? `（${r.outcomeNote}）` : ''}` });
  }
  for (const [i, o] of d.overrides.entries()) {
    items.push({
      key: `override-${i}`,
      label: '负责人决定',
      span: 2,
      children: `${RULE_BY_ID.get(o.ruleId as never)?.title ?? o.ruleId}：${o.reason}${o.approvalNo ? `（批准文号 ${o.approvalNo}）` : ''} —— ${o.username}，${formatDateTime(o.at)}`,
    });
  }
  return (
    <Card size="small" title={started ? '检查记录与处理' : '负责人决定'} style={{ marginBottom: 16 }}>
      <Descriptions size="small" bordered column={2} items={items} styles={{ label: { width: 150 } }} />
    </Card>
  );
}
