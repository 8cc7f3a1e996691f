/**
 * triggered — an inspection triggered by a complaint, a referral, data monitoring or the
 * enterprise's own request is not capped, but its source is recorded and it must not obviously
 * exceed a reasonable frequency (a burst: `burst.count` triggered inspections by the same agency
 * within `burst.days` days).
 * Basis: 湘政办发〔2025〕5号（十）; 磐安（二）1（2）. Effect: block without a source; warn on a burst.
 * (Merging with a pending planned task, also 湘（十）, is the merge rule's advice.)
 */
import { BASIS } from './basis';
import { TRIGGER_SOURCES } from './facts';
import { TRIGGER_LABELS, cn, finding, isPastDraft, joinNames, priorTriggeredInWindow } from './helpers';
import { type Finding, defineRule } from './types';

export const triggeredRule = defineRule({
  id: 'triggered',
  title: '触发式检查的来源与频次',
  effect: 'block',
  basis: BASIS.triggered,
  settings: ['burst'],
  evaluate(f, s) {
    if (f.inspection.kind !== 'triggered') return [];
    const out: Finding[] = [];
    const { triggerSource, triggerRef } = f.inspection;
    if (isPastDraft(f)) {
      if (triggerSource === null) {
        const all = joinNames(TRIGGER_SOURCES.map((t) => TRIGGER_LABELS[t]));
        out.push(finding('triggered', 'block', `触发式检查须登记线索来源（${all}）`, BASIS.triggered));
      } else if (triggerRef === null || triggerRef === '') {
        out.push(
          finding('triggered', 'block', `触发式检查须登记线索编号（${TRIGGER_LABELS[triggerSource]}的编号或文号）`, BASIS.triggered),
        );
      }
    }
    const prior = priorTriggeredInWindow(f, s);
    const nth = prior.length + 1;
    if (nth >= s.burst.count) {
      out.push(
        finding(
          'triggered',
          'warn',
          `${s.burst.days} 天内${f.inspection.leadAgency.name}已对“${f.enterprise.name}”实施触发式检查 ${prior.length} 次` +
            `（${joinNames(prior.map((o) => cn(o.date)))}），本次为第 ${nth} 次，可能明显超过合理频次；继续检查须经负责人同意并说明理由`,
          BASIS.triggered,
          { data: { ordinal: nth, windowDays: s.burst.days, priorIds: prior.map((o) => o.inspectionId) } },
        ),
      );
    }
    return out;
  },
});
