/**
 * feedback — the result is fed back to the enterprise in writing within 5 working days after
 * the inspection ends (on-site and off-site alike).
 * Basis: 湘政办发〔2025〕5号（十七）. Effect: deadline 5 wd (advise while pending, warn when late);
 * block when the status says fed back but no date is recorded.
 */
import { BASIS } from './basis';
import { deadlineFindings, feedbackDeadline } from './deadlines';
import { statusRank } from './facts';
import { finding } from './helpers';
import { type Finding, defineRule } from './types';

export const feedbackRule = defineRule({
  id: 'feedback',
  title: '检查结果书面反馈（5 个工作日）',
  effect: 'block',
  basis: BASIS.feedback,
  settings: ['calendar'],
  evaluate(f, s) {
    const out: Finding[] = [];
    if (statusRank(f.inspection.status) >= statusRank('fed_back') && f.inspection.steps.feedbackAt === null) {
      out.push(finding('feedback', 'block', '尚未登记向检查对象书面反馈检查结果的日期', BASIS.feedback));
    }
    return [...out, ...deadlineFindings('feedback', feedbackDeadline(f, s.calendar), s.today)];
  },
});
