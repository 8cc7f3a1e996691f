/**
 * approval — an on-site check has a written plan approved by the agency's head (not only by an
 * internal unit's head) before it starts; in an emergency the check may start at once and the
 * approval is completed within 15 days after the start.
 * Basis: 湘政办发〔2025〕5号（十一）. Effect: block; deadline 15 d (calendar days).
 */
import { BASIS } from './basis';
import { approvalDeadline, deadlineFindings } from './deadlines';
import { cn, entryDate, finding, hasEntered, isOffsite } from './helpers';
import { type Finding, defineRule } from './types';

export const approvalRule = defineRule({
  id: 'approval',
  title: '现场检查方案经负责人批准',
  effect: 'block',
  basis: BASIS.approval,
  settings: [],
  evaluate(f, s) {
    if (isOffsite(f)) return [];
    const i = f.inspection;
    const out: Finding[] = [];
    if (i.steps.approvedAt !== null && i.steps.approverLevel === 'unit') {
      out.push(
        finding('approval', 'block', '检查方案仅由内设机构负责人批准；现场检查方案须报本机关负责人批准', BASIS.approval),
      );
    }
    if (!hasEntered(f)) return out;
    if (i.emergency) {
      if (i.emergencyReason === null || i.emergencyReason === '') {
        out.push(finding('approval', 'block', '情况紧急、需当场实施检查的，须登记紧急情况说明并及时报告', BASIS.approval));
      }
      return [...out, ...deadlineFindings('approval', approvalDeadline(f), s.today)];
    }
    const start = entryDate(f, s);
    const approved = i.steps.approverLevel === 'head' ? i.steps.approvedAt : null;
    if (approved === null) {
      if (out.length === 0) {
        out.push(finding('approval', 'block', '实施现场检查前，检查方案须报本机关负责人批准，尚未批准', BASIS.approval));
      }
    } else if (approved > start) {
      out.push(
        finding('approval', 'warn', `检查方案于${cn(approved)}批准，晚于检查开始日期${cn(start)}`, BASIS.approval, {
          data: { approvedAt: approved, start },
        }),
      );
    }
    return out;
  },
});
