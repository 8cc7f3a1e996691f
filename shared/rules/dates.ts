/**
 * dates — the recorded dates are in order: an end not before the start, nothing recorded in
 * the future, results not dated before the inspection, and a planned date not earlier than the
 * approval, filing or notice already done for it ("planned date out of order").
 * Basis: record consistency (no legal clause; every deadline rule depends on these dates).
 * Effect: block.
 */
import { type IsoDate } from '../calendar/date';
import { BASIS } from './basis';
import { type InspectionFacts, statusRank } from './facts';
import { cn, finding, isOffsite, isPreEntry } from './helpers';
import { type Finding, defineRule } from './types';

/** Every recorded (past) date with its Chinese label. */
function recorded(f: InspectionFacts): [string, IsoDate | null][] {
  const i = f.inspection;
  return [
    ['检查开始日期', i.actualStart],
    ['检查结束日期', i.actualEnd],
    ['方案批准日期', i.steps.approvedAt],
    ['备案日期', i.steps.filedAt],
    ['通知书日期', i.steps.notifiedAt],
    ['扫码入企登记日期', i.steps.codeRegisteredAt],
    ['现场检查笔录日期', i.steps.onsiteRecordedAt],
    ['非现场检查记录日期', i.steps.offsiteRecordedAt],
    ['书面反馈日期', i.steps.feedbackAt],
    ['移送日期', i.transfer.transferredAt],
    ['异地检查报备日期', i.remote.reportedAt],
    ['整改复查日期', i.rectification.verifiedAt],
  ];
}

export const datesRule = defineRule({
  id: 'dates',
  title: '日期先后顺序',
  effect: 'block',
  basis: BASIS.dates,
  settings: [],
  evaluate(f, s) {
    const i = f.inspection;
    const out: Finding[] = [];
    const block = (message: string): void => {
      out.push(finding('dates', 'block', message, BASIS.dates));
    };
    const { actualStart: start, actualEnd: end } = i;

    if (end !== null && start === null) block(`已登记检查结束日期${cn(end)}，但没有开始日期`);
    if (start !== null && end !== null && end < start) block(`检查结束日期${cn(end)}早于开始日期${cn(start)}`);
    const rank = statusRank(i.status);
    if (rank >= statusRank('recorded') && end === null) block('检查已进入记录环节，但未登记检查结束日期');

    for (const [label, d] of recorded(f)) {
      if (d !== null && d > s.today) block(`${label}${cn(d)}晚于今天（${cn(s.today)}），不能登记将来的日期`);
    }

    // Results of an inspection cannot predate it.
    const results: [string, IsoDate | null][] = [
      ['现场检查笔录日期', i.steps.onsiteRecordedAt],
      ['书面反馈日期', i.steps.feedbackAt],
      ['移送日期', i.transfer.transferredAt],
      ['异地检查报备日期', i.remote.reportedAt],
      ['整改复查日期', i.rectification.verifiedAt],
    ];
    if (start !== null) {
      for (const [label, d] of results) if (d !== null && d < start) block(`${label}${cn(d)}早于检查开始日期${cn(start)}`);
    }
    if (end !== null && i.steps.feedbackAt !== null && i.steps.feedbackAt < end && (start === null || i.steps.feedbackAt >= start)) {
      block(`书面反馈日期${cn(i.steps.feedbackAt)}早于检查结束日期${cn(end)}：检查结束后才能反馈结果`);
    }

    // A plan scheduled before the steps that must precede the visit is out of order.
    if (isPreEntry(f) && !isOffsite(f) && !i.emergency && i.plannedDate !== null) {
      const before: [string, IsoDate | null][] = [
        ['方案批准日期', i.steps.approvedAt],
        ['备案日期', i.steps.filedAt],
        ['通知书日期', i.steps.notifiedAt],
      ];
      for (const [label, d] of before) {
        if (d !== null && d > i.plannedDate) block(`计划检查日期${cn(i.plannedDate)}早于${label}${cn(d)}，请调整计划检查日期`);
      }
    }
    return out;
  },
});
