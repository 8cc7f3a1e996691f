import type { HandlerCtx } from '../../api/context';
import type { Role } from '../../../shared/api';
import { ACTION_LABELS, ACTIONS, type ActionPayload, type InspectionAction } from '../../../shared/api/inspections';
import { blockingFindings, statusRank, type Finding, type InspectionStatus } from '../../../shared/rules';
import { AppError } from '../../errors';
import { draftOf, loadRow, type InspectionRow } from './facts';
import { readRuleSettings } from './settings';
import { afterChange, describeFindings, evaluate, event, today } from './store';

/**
 * The lifecycle: each step is one action with the roles that may take it, a precondition on
 * the steps already done, the status it leads to, and the columns it fills. Before a step is
 * saved, every rule is evaluated for the state it leads to; a block, or a warning no head has
 * decided on, refuses the step and leaves everything as it was.
 */
const ROLES: Record<InspectionAction, readonly Role[]> = {
  approve: ['head'],
  file: ['clerk', 'officer', 'head'],
  notify: ['clerk', 'officer', 'head'],
  enter: ['officer', 'head'],
  record: ['officer', 'head'],
  feedback: ['clerk', 'officer', 'head'],
  close: ['officer', 'head'],
  verifyRectification: ['officer', 'head'],
  transfer: ['clerk', 'officer', 'head'],
  reportRemote: ['clerk', 'officer', 'head'],
};

const OPEN: readonly InspectionStatus[] = ['draft', 'approved', 'filed', 'notified', 'onsite', 'recorded', 'fed_back', 'rectification', 'transferred'];

/** Whether a step can be taken now, ignoring roles and rules; else the Chinese reason. */
function precondition(action: InspectionAction, r: InspectionRow, followsFiling: boolean): string | null {
  if (r.merged_into !== null) return '该任务已并入其他任务';
  if (!OPEN.includes(r.status)) return '该任务已办结';
  const emergency = r.emergency === 1;
  switch (action) {
    case 'approve':
      return r.approved_at ? '检查方案已批准' : null;
    case 'file':
      if (!followsFiling) return '本单位未执行入企报备';
      if (r.filing_exemption) return '该检查免予报备';
      if (r.filed_at) return '已报备';
      return r.approved_at || emergency ? null : '请先由负责人批准检查方案';
    case 'notify':
      if (r.onsite !== 1) return '非现场检查无需送达检查通知书';
      if (r.notified_at) return '已送达检查通知书';
      return r.approved_at || emergency ? null : '请先由负责人批准检查方案';
    case 'enter':
      if (r.onsite !== 1) return '非现场检查不进入现场';
      if (r.actual_start) return '已进入现场';
      return r.approved_at || emergency ? null : '请先由负责人批准检查方案（情况紧急的除外）';
    case 'record':
      if (r.recorded_at) return '检查记录已制作';
      if (r.onsite === 1 && !r.actual_start) return '请先登记进入现场';
      return r.onsite === 1 || r.approved_at || emergency ? null : '请先由负责人批准检查方案';
    case 'feedback':
      if (!r.recorded_at) return '请先制作检查记录';
      return r.feedback_at ? '已书面反馈' : null;
    case 'close':
      if (!r.feedback_at) return '请先书面反馈检查结果';
      return r.outcome ? '已办结' : null;
    case 'verifyRectification':
      return r.status === 'rectification' ? null : '该任务不在整改期';
    case 'transfer':
      return r.transfer_required === 1 && !r.transferred_at ? null : '该任务无需移送或已移送';
    case 'reportRemote':
      if (r.out_of_jurisdiction !== 1) return '该检查不是异地检查';
      if (!r.actual_end) return '请在检查结束后报备';
      return r.remote_reported_at ? '已报备' : null;
    default:
      return action satisfies never;
  }
}

/** The steps the caller may take now. */
export function availableActions(ctx: HandlerCtx, r: InspectionRow): InspectionAction[] {
  const role = ctx.user?.role;
  if (!role) return [];
  const follows = readRuleSettings(ctx.db).followsXiangtanFiling;
  return ACTIONS.filter((a) => ROLES[a].includes(role) && precondition(a, r, follows) === null);
}

/** The columns a step fills and the status it leads to. */
function effect(p: ActionPayload, r: InspectionRow, day: string): { status: InspectionStatus; patch: Partial<InspectionRow>; note: string | null } {
  const at = (s: InspectionStatus): InspectionStatus => (statusRank(r.status) < statusRank(s) ? s : r.status);
  switch (p.action) {
    case 'approve':
      return { status: at('approved'), patch: { approved_at: day }, note: p.note };
    case 'file':
      return { status: at('filed'), patch: { filed_at: day }, note: [p.filingNo && `备案编号 ${p.filingNo}`, p.lateReason && `补报原因：${p.lateReason}`].filter(Boolean).join('；') || null };
    case 'notify':
      return p.noNoticeReason
        ? { status: at('notified'), patch: { no_notice_reason: p.noNoticeReason }, note: `不事先通知：${p.noNoticeReason}` }
        : { status: at('notified'), patch: { notified_at: day }, note: null };
    case 'enter':
      return {
        status: 'onsite',
        patch: { actual_start: day, code_registration_no: p.codeRegistrationNo, code_registered_at: p.codeRegistrationNo ? day : null, av_record_ref: p.avRecordRef },
        note: p.codeRegistrationNo ? `扫码入企登记号 ${p.codeRegistrationNo}` : '未登记扫码入企',
      };
    case 'record': {
      const end = p.endDate ?? day;
      return {
        status: 'recorded',
        patch: {
          record_kind: r.onsite === 1 ? 'onsite' : 'offsite',
          recorded_at: day,
          actual_start: r.actual_start ?? day,
          actual_end: end,
          findings: p.findings,
          persons_present: p.personsPresent,
          record_place: p.place,
        },
        note: null,
      };
    }
    case 'feedback':
      return { status: 'fed_back', patch: { feedback_at: day }, note: p.method };
    case 'close':
      switch (p.outcome) {
        case 'no_problem':
          return { status: 'closed', patch: { outcome: 'no_problem', outcome_note: p.note, closed_at: day }, note: '未发现问题，办结' };
        case 'rectification':
          if (!p.rectificationDeadline) throw new AppError('INVALID_INPUT', '责令整改须写明整改期限', 'payload.rectificationDeadline');
          return { status: 'rectification', patch: { outcome: 'rectification', outcome_note: p.note, rectification_deadline: p.rectificationDeadline }, note: `责令整改，期限 ${p.rectificationDeadline}` };
        case 'penalty':
        case 'transfer':
          if (!p.transferTarget) throw new AppError('INVALID_INPUT', '请写明移送的机关', 'payload.transferTarget');
          // The decision is taken now; the status becomes 已移送 when the transfer itself is
          // recorded (the 20-working-day deadline runs on the 工作台 meanwhile).
          return {
            status: r.status,
            patch: { outcome: p.outcome, outcome_note: p.note, transfer_required: 1, transfer_found_at: day, transfer_target: p.transferTarget },
            note: `${p.outcome === 'penalty' ? '转立案查处' : '移送主管机关'}：${p.transferTarget}`,
          };
        default:
          return p.outcome satisfies never;
      }
    case 'verifyRectification':
      return { status: 'closed', patch: { rectification_verified_at: day, closed_at: day }, note: p.result };
    case 'transfer':
      return { status: 'transferred', patch: { transferred_at: day, transfer_target: p.target, closed_at: day }, note: `已移送 ${p.target}` };
    case 'reportRemote':
      return { status: r.status, patch: { remote_reported_at: day }, note: null };
    default:
      return p satisfies never;
  }
}

const COLUMNS = new Set([
  'approved_at', 'filed_at', 'notified_at', 'no_notice_reason', 'actual_start', 'actual_end', 'code_registration_no', 'code_registered_at', 'av_record_ref',
  'record_kind', 'recorded_at', 'findings', 'persons_present', 'record_place', 'feedback_at', 'outcome', 'outcome_note', 'rectification_deadline',
  'rectification_verified_at', 'transfer_required', 'transfer_found_at', 'transfer_target', 'transferred_at', 'closed_at', 'remote_reported_at',
]);

export function step(ctx: HandlerCtx, input: { id: number; version: number; payload: ActionPayload }): { version: number; status: InspectionStatus; findings: Finding[] } {
  const role = ctx.user?.role;
  const r = loadRow(ctx.db, input.id);
  const action = input.payload.action;
  const label = ACTION_LABELS[action];
  // A double click sends the same version twice: the second finds it moved on and changes nothing.
  if (r.version !== input.version) throw new AppError('CONFLICT', `该检查任务刚刚已被更新（可能是重复点击），请刷新后再办理“${label}”`);
  if (!role || !ROLES[action].includes(role)) throw new AppError('FORBIDDEN', `“${label}”须由${ROLES[action].map((x) => ({ clerk: '内勤', officer: '执法人员', archivist: '档案管理员', head: '负责人', admin: '管理员' })[x]).join('或')}办理`);
  const why = precondition(action, r, readRuleSettings(ctx.db).followsXiangtanFiling);
  if (why) throw new AppError('CONFLICT', `现在不能办理“${label}”：${why}`);
  const day = input.payload.date ?? today(ctx);
  if (day > today(ctx)) throw new AppError('INVALID_INPUT', '办理日期不能晚于今天', 'payload.date');
  const { status, patch, note } = effect(input.payload, r, day);
  if (patch.actual_end && (patch.actual_start ?? r.actual_start) && patch.actual_end < (patch.actual_start ?? r.actual_start)!) {
    throw new AppError('INVALID_INPUT', '检查结束日期不能早于开始日期', 'payload.endDate');
  }
  const draft = draftOf(ctx.db, r);
  const findings = evaluate(ctx, r.id, draft, status, r, patch);
  const blockers = blockingFindings(findings);
  if (blockers.length > 0) throw new AppError('RULE_BLOCKED', `不能办理“${label}”：\n${describeFindings(blockers)}`);

  const sets = Object.keys(patch).filter((k) => COLUMNS.has(k));
  ctx.db
    .prepare(`UPDATE inspections SET ${sets.map((k) => `${k} = @${k}`).join(', ')}${sets.length ? ', ' : ''}status = @status, version = version + 1, updated_at = @at WHERE id = @id AND version = @version`)
    .run({ ...patch, status, at: ctx.at.toISOString(), id: r.id, version: r.version });
  event(ctx, r.id, action, note);
  afterChange(ctx, r.id);
  ctx.audit({ entity: 'inspection', entityId: r.id, summary: `${r.number}：${label}${note ? `（${note}）` : ''}` });
  return { version: r.version + 1, status, findings };
}
