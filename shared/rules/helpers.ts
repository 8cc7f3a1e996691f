/** Small shared pieces of the rules: labels, the stage an inspection has reached, findings. */
import { type IsoDate, daysBetween, formatCnDate, yearOf } from '../calendar/date';
import { assertNever } from '../calendar/types';
import { type InspectionFacts, type InspectionKind, type OtherInspection, type TriggerSource, statusRank } from './facts';
import { type Effect, type Finding, type RuleId, type RuleSettings } from './types';

export const KIND_LABELS: Record<InspectionKind, string> = {
  planned: '计划检查',
  random: '双随机抽查',
  triggered: '触发式检查',
  special: '专项检查',
  offsite: '非现场检查',
};

export const TRIGGER_LABELS: Record<TriggerSource, string> = {
  complaint: '投诉举报',
  referral: '转办交办',
  monitoring: '数据监测',
  request: '企业申请',
};

export const cn = formatCnDate;

export function joinNames(names: readonly string[]): string {
  return names.join('、');
}

/** The inspection's date: when it started, else when it is planned. */
export function inspectionDate(f: InspectionFacts): IsoDate | null {
  return f.inspection.actualStart ?? f.inspection.plannedDate;
}

/** 非现场: the task type says so, or the method is not on site. */
export function isOffsite(f: InspectionFacts): boolean {
  return f.inspection.kind === 'offsite' || !f.inspection.onsite;
}

/** Still being prepared: neither moved on site nor started. Merge/joint advice only helps here. */
export function isPreEntry(f: InspectionFacts): boolean {
  return statusRank(f.inspection.status) < statusRank('onsite') && f.inspection.actualStart === null;
}

/** Past the draft: what the plan must contain (team, items, source, approval number) is now required. */
export function isPastDraft(f: InspectionFacts): boolean {
  return statusRank(f.inspection.status) > statusRank('draft') || f.inspection.actualStart !== null;
}

/** An on-site inspection that is entering (status 'onsite') or has entered the enterprise. */
export function hasEntered(f: InspectionFacts): boolean {
  return !isOffsite(f) && !isPreEntry(f);
}

/**
 * The date "before entering" is measured against: the actual start, or today when the service
 * evaluates the move on site before it has stored the start.
 */
export function entryDate(f: InspectionFacts, s: RuleSettings): IsoDate {
  return f.inspection.actualStart ?? s.today;
}

/**
 * Whether an inspection of this kind counts toward the yearly cap on routine (日常) inspections.
 * 湘（九）caps 日常 inspections; 专项 inspections have their own approval (湘（十五）); triggered
 * ones are uncapped by 湘（十）unless the office counts them; off-site ones by setting.
 */
export function countsTowardCap(kind: InspectionKind, onsite: boolean, s: RuleSettings): boolean {
  if ((kind === 'offsite' || !onsite) && !s.offsiteCountsTowardCap) return false;
  switch (kind) {
    case 'planned':
    case 'random':
    case 'offsite':
      return true;
    case 'triggered':
      return s.triggeredCountsTowardCap;
    case 'special':
      return false;
    default:
      return assertNever(kind);
  }
}

/** Whether `o` comes before this inspection (by date, ties broken by id, so the order is total). */
function comesBefore(o: OtherInspection & { date: IsoDate }, date: IsoDate, id: number): boolean {
  return o.date < date || (o.date === date && o.inspectionId < id);
}

/**
 * The lead agency's earlier inspections of this enterprise in the same calendar year that count
 * toward the cap, oldest first. Scheduled but not yet done ones count too: the ordinal is what
 * the notice prints ("本年度第×次"), and planning a third visit is when the warning helps.
 */
export function priorCapped(f: InspectionFacts, s: RuleSettings): { year: number; prior: (OtherInspection & { date: IsoDate })[] } {
  const date = inspectionDate(f) ?? s.today;
  const year = yearOf(date);
  const prior = dedupe(f.history.sameAgency)
    .filter((o): o is OtherInspection & { date: IsoDate } => o.date !== null)
    .filter((o) => o.inspectionId !== f.inspection.id && yearOf(o.date) === year)
    .filter((o) => countsTowardCap(o.kind, o.onsite, s) && comesBefore(o, date, f.inspection.id))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.inspectionId - b.inspectionId));
  return { year, prior };
}

/** Triggered inspections by the lead agency in the burst window ending on this inspection's date. */
export function priorTriggeredInWindow(f: InspectionFacts, s: RuleSettings): (OtherInspection & { date: IsoDate })[] {
  const date = inspectionDate(f) ?? s.today;
  return dedupe(f.history.sameAgency)
    .filter((o): o is OtherInspection & { date: IsoDate } => o.date !== null)
    .filter((o) => o.inspectionId !== f.inspection.id && o.kind === 'triggered')
    .filter((o) => comesBefore(o, date, f.inspection.id) && daysBetween(o.date, date) < s.burst.days)
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** The union of the history lists without repeats (the service may list one inspection in both). */
export function dedupe(list: readonly OtherInspection[]): OtherInspection[] {
  const seen = new Set<number>();
  return list.filter((o) => (seen.has(o.inspectionId) ? false : (seen.add(o.inspectionId), true)));
}

/** A finding; a warning is overridable unless said otherwise, nothing else ever is. */
export function finding(
  ruleId: RuleId,
  effect: Effect,
  message: string,
  basis: string,
  extra: { needsApprovalNumber?: boolean; data?: Record<string, unknown>; overridable?: boolean } = {},
): Finding {
  const f: Finding = { ruleId, effect, message, basis, overridable: effect === 'warn' && extra.overridable !== false };
  if (extra.needsApprovalNumber) f.needsApprovalNumber = true;
  if (extra.data) f.data = extra.data;
  return f;
}
