/**
 * The deadlines an inspection carries, for the 工作台 warning center and for the rules that
 * report them. One function per kind so a rule and the warning center compute the same date.
 *
 *   feedback       检查结束后 5 个工作日内书面反馈                 湘（十七）
 *   approval       紧急先行检查：检查启动后 15 日内补办批准手续      湘（十一）
 *   filing         紧急先行检查：检查完毕后 5 个工作日内补报备案     潭优发〔2024〕2号 三（一）1
 *   rectification  责令改正的期限（整改通知书所定日期）             湘（十七）
 *   transfer       发现无管辖权后 20 个工作日内移送                 湘（十八）
 *   remote         异地检查：实施检查后 15 日内报司法行政部门备案    湘（二）
 */
import { type IsoDate, daysBetween } from '../calendar/date';
import { type CalendarOverride, type DeadlineDate, assertNever } from '../calendar/types';
import { addWorkingDays, calendarDeadline } from '../calendar/workingDays';
import { BASIS } from './basis';
import { type InspectionFacts } from './facts';
import { cn, finding, isOffsite } from './helpers';
import { type Finding, type RuleId } from './types';

export const DEADLINE_KINDS = ['feedback', 'approval', 'filing', 'rectification', 'transfer', 'remote'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface DeadlineItem {
  kind: DeadlineKind;
  /** What must be done, in Chinese. */
  label: string;
  /** The period as the text states it, e.g. '检查结束后 5 个工作日内'. */
  period: string;
  /** The date the period runs from (not counted). */
  from: IsoDate;
  due: DeadlineDate;
  basis: string;
  done: boolean;
  doneOn: IsoDate | null;
}

type Calendar = readonly CalendarOverride[];

export function feedbackDeadline(f: InspectionFacts, cal: Calendar): DeadlineItem | null {
  const end = f.inspection.actualEnd;
  if (end === null) return null;
  const doneOn = f.inspection.steps.feedbackAt;
  return item('feedback', '向检查对象书面反馈检查结果', '检查结束后 5 个工作日内', end, addWorkingDays(end, 5, cal), BASIS.feedback, doneOn);
}

/** Only an on-site check started in an emergency has a post-approval deadline; others need approval before. */
export function approvalDeadline(f: InspectionFacts): DeadlineItem | null {
  const start = f.inspection.actualStart;
  if (!f.inspection.emergency || isOffsite(f) || start === null) return null;
  const s = f.inspection.steps;
  // An internal unit head's signature is not the approval 湘（十一）asks for.
  const doneOn = s.approverLevel === 'head' ? s.approvedAt : null;
  return item('approval', '补办检查方案批准手续（本机关负责人批准）', '检查启动后 15 日内', start, calendarDeadline(start, 15), BASIS.approval, doneOn);
}

/** Whether 潭优发〔2024〕2号 入企报备 applies: the office follows it, it is an on-site check, and no exemption. */
export function filingApplies(f: InspectionFacts, followsXiangtanFiling: boolean): boolean {
  return followsXiangtanFiling && f.inspection.filingRequired && f.inspection.filingExemption === null && !isOffsite(f);
}

export function filingDeadline(f: InspectionFacts, cal: Calendar, followsXiangtanFiling: boolean): DeadlineItem | null {
  const end = f.inspection.actualEnd;
  if (!f.inspection.emergency || !filingApplies(f, followsXiangtanFiling) || end === null) return null;
  const doneOn = f.inspection.steps.filedAt;
  return item('filing', '补报入企检查备案资料并说明原由', '检查完毕后 5 个工作日内', end, addWorkingDays(end, 5, cal), BASIS.filing, doneOn);
}

export function rectificationDeadline(f: InspectionFacts): DeadlineItem | null {
  const r = f.inspection.rectification;
  if (r.deadline === null) return null;
  const from = f.inspection.actualEnd ?? r.deadline;
  // The order itself names the date: no counting, nothing provisional.
  return item('rectification', '整改完成并复查', '责令改正通知书所定期限', from, { date: r.deadline, provisional: false }, BASIS.rectification, r.verifiedAt);
}

export function transferDeadline(f: InspectionFacts, cal: Calendar): DeadlineItem | null {
  const t = f.inspection.transfer;
  const from = t.foundAt ?? f.inspection.actualEnd;
  if (!t.required || from === null) return null;
  return item('transfer', '移送有管辖权的行政执法主体', '发现后 20 个工作日内', from, addWorkingDays(from, 20, cal), BASIS.transfer, t.transferredAt);
}

export function remoteDeadline(f: InspectionFacts): DeadlineItem | null {
  const r = f.inspection.remote;
  const end = f.inspection.actualEnd;
  if (!r.outOfJurisdiction || end === null) return null;
  return item('remote', '将异地检查实施情况和结果报同级司法行政部门备案', '实施检查后 15 日内', end, calendarDeadline(end, 15), BASIS.remote, r.reportedAt);
}

/** Every deadline the inspection carries now, in DEADLINE_KINDS order. */
export function deadlines(
  facts: InspectionFacts,
  calendar: Calendar = [],
  options: { followsXiangtanFiling?: boolean } = {},
): DeadlineItem[] {
  const follows = options.followsXiangtanFiling ?? true;
  return DEADLINE_KINDS.map((kind) => deadlineOf(kind, facts, calendar, follows)).filter((d): d is DeadlineItem => d !== null);
}

function deadlineOf(kind: DeadlineKind, f: InspectionFacts, cal: Calendar, follows: boolean): DeadlineItem | null {
  switch (kind) {
    case 'feedback':
      return feedbackDeadline(f, cal);
    case 'approval':
      return approvalDeadline(f);
    case 'filing':
      return filingDeadline(f, cal, follows);
    case 'rectification':
      return rectificationDeadline(f);
    case 'transfer':
      return transferDeadline(f, cal);
    case 'remote':
      return remoteDeadline(f);
    default:
      return assertNever(kind);
  }
}

/** Where a deadline stands on a given day. */
export type DeadlineState = 'pending' | 'overdue' | 'done' | 'done_late';

export function deadlineState(d: DeadlineItem, today: IsoDate): DeadlineState {
  if (d.done) return d.doneOn !== null && d.doneOn > d.due.date ? 'done_late' : 'done';
  return today > d.due.date ? 'overdue' : 'pending';
}

/** Calendar days past the due date (0 when not late). */
export function daysLate(d: DeadlineItem, today: IsoDate): number {
  const when = d.done ? d.doneOn : today;
  return when === null ? 0 : Math.max(0, daysBetween(d.due.date, when));
}

function item(
  kind: DeadlineKind,
  label: string,
  period: string,
  from: IsoDate,
  due: DeadlineDate,
  basis: string,
  doneOn: IsoDate | null,
): DeadlineItem {
  return { kind, label, period, from, due, basis, done: doneOn !== null, doneOn };
}

const PROVISIONAL_NOTE = '（期限所在年份的节假日安排尚未发布或导入，日期为暂定）';

/**
 * A rule's findings for one deadline: nothing when done in time; advise while pending (so the
 * date shows at the transition); a warning when overdue or done late — proceeding then takes a
 * head's recorded override, which is how the lateness gets its recorded reason.
 */
export function deadlineFindings(ruleId: RuleId, d: DeadlineItem | null, today: IsoDate): Finding[] {
  if (d === null) return [];
  const due = cn(d.due.date);
  const note = d.due.provisional ? PROVISIONAL_NOTE : '';
  const data = { deadline: d.kind, due: d.due.date, provisional: d.due.provisional };
  const state = deadlineState(d, today);
  switch (state) {
    case 'done':
      return [];
    case 'pending':
      return [finding(ruleId, 'advise', `应于${due}前${d.label}（${d.period}）${note}`, d.basis, { data })];
    case 'overdue':
      return [
        finding(ruleId, 'warn', `${d.label}已逾期 ${daysLate(d, today)} 天：期限为${due}（${d.period}）${note}`, d.basis, { data }),
      ];
    case 'done_late':
      return [
        finding(
          ruleId,
          'warn',
          `${d.label}于${cn(d.doneOn ?? d.due.date)}完成，晚于期限${due}（${d.period}），逾期 ${daysLate(d, today)} 天${note}`,
          d.basis,
          { data },
        ),
      ];
    default:
      return assertNever(state);
  }
}
