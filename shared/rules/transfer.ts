/**
 * transfer — a violation outside the agency's jurisdiction is transferred to the competent
 * agency within 20 working days (from when it was found; the inspection's end if not recorded).
 * Basis: 湘政办发〔2025〕5号（十八）. Effect: deadline 20 wd; block when the status says
 * transferred but no transfer date is recorded.
 */
import { BASIS } from './basis';
import { deadlineFindings, transferDeadline } from './deadlines';
import { finding } from './helpers';
import { type Finding, defineRule } from './types';

export const transferRule = defineRule({
  id: 'transfer',
  title: '无管辖权案件移送（20 个工作日）',
  effect: 'block',
  basis: BASIS.transfer,
  settings: ['calendar'],
  evaluate(f, s) {
    const out: Finding[] = [];
    if (f.inspection.status === 'transferred' && f.inspection.transfer.transferredAt === null) {
      out.push(finding('transfer', 'block', '状态为“已移送”，但未登记移送日期', BASIS.transfer));
    }
    return [...out, ...deadlineFindings('transfer', transferDeadline(f, s.calendar), s.today)];
  },
});
