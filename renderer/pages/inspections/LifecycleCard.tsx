import { Card, Steps, Timeline, Typography } from 'antd';
import type { InspectionDetail } from '../../../shared/api/inspections';
import { statusRank } from '../../../shared/rules';
import { formatDate, formatDateTime } from '../../format';
import { EVENT_LABELS, FILING_EXEMPTIONS, OUTCOME_LABELS } from './labels';

interface Stage {
  key: string;
  title: string;
  /** The date it was done, or a word when it was settled another way (免予报备, 不事先通知). */
  done: string | null;
}

function stages(d: InspectionDetail): Stage[] {
  const s = d.steps;
  const offsite = !d.draft.onsite;
  const at = d.events.find((e) => e.action === 'create')?.at;
  const created = at ? formatDate(at) : null;
  const pastNotice = statusRank(d.status) >= statusRank('notified');
  const out: Stage[] = [
    { key: 'create', title: '立项', done: created },
    { key: 'approve', title: '负责人批准', done: s.approvedAt ?? null },
  ];
  if (!offsite) {
    const exempt = d.draft.filingExemption ? `免予报备（${FILING_EXEMPTIONS[d.draft.filingExemption]}）` : null;
    out.push({ key: 'file', title: '入企报备', done: s.filedAt ?? exempt ?? null });
    out.push({ key: 'notify', title: '通知', done: s.notifiedAt ?? (pastNotice && d.draft.noNoticeReason ? '依法不事先通知' : null) });
    out.push({ key: 'enter', title: '扫码入企', done: s.actualStart ?? null });
  }
  out.push({ key: 'record', title: offsite ? '非现场检查记录' : '检查记录', done: s.recordedAt ?? null });
  out.push({ key: 'feedback', title: '书面反馈', done: s.feedbackAt ?? null });
  const outcome = d.record.outcome ? (OUTCOME_LABELS[d.record.outcome] ?? d.record.outcome) : null;
  out.push({ key: 'close', title: '办结', done: s.closedAt ? `${s.closedAt}${outcome ? ` ${outcome}` : ''}` : null });
  return out;
}

/** Who did a step last (from the timeline). */
function who(d: InspectionDetail, action: string): string | null {
  const e = [...d.events].reverse().find((x) => x.action === action);
  return e?.username ?? null;
}

/** The lifecycle as steps (what is done, when, by whom) and the full timeline of events. */
export function LifecycleSteps({ detail }: { detail: InspectionDetail }) {
  const list = stages(detail);
  const ended = detail.status === 'closed' || detail.status === 'archived' || detail.mergedInto !== null;
  const current = ended ? list.length : Math.max(0, list.findIndex((x) => x.done === null));
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Steps
        size="small"
        current={current}
        aria-label="检查流程"
        items={list.map((x, i) => {
          const by = x.done ? who(detail, x.key) : null;
          return {
            key: x.key,
            title: x.title,
            status: x.done ? 'finish' : i === current && !ended ? 'process' : 'wait',
            content: x.done ? (
              <span style={{ fontSize: 12 }}>
                {x.done}
                {by && <br />}
                {by}
              </span>
            ) : undefined,
          };
        })}
      />
      {detail.status === 'rectification' && (
        <Typography.Paragraph type="warning" style={{ margin: '12px 0 0' }}>
          责令整改中：整改期限 {detail.record.rectificationDeadline ?? '—'}，期满后复查。
        </Typography.Paragraph>
      )}
      {detail.status === 'transferred' && (
        <Typography.Paragraph type="warning" style={{ margin: '12px 0 0' }}>
          {detail.steps.transferredAt ? `已于 ${detail.steps.transferredAt} 移送 ${detail.record.transferTarget ?? ''}` : `待移送：${detail.record.transferTarget ?? '—'}（发现后 20 个工作日内）`}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export function EventsTimeline({ detail }: { detail: InspectionDetail }) {
  return (
    <Card size="small" title="办理记录" style={{ marginBottom: 16 }}>
      <Timeline
        items={detail.events.map((e) => ({
          key: e.id,
          color: e.action === 'override' ? 'orange' : e.action === 'evidence' ? 'gray' : 'blue',
          content: (
            <div>
              <Typography.Text strong>{EVENT_LABELS[e.action] ?? e.action}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {formatDateTime(e.at)} · {e.username ?? '系统'}
              </Typography.Text>
              {e.note && <div style={{ fontSize: 13, whiteSpace: 'pre-line' }}>{e.note}</div>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
