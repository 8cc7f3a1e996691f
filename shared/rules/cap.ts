/**
 * cap — routine (日常) inspections of one enterprise by one agency: at most `cap` (2) per
 * calendar year; more needs the same-level people's government's consent, so the override
 * must carry the approval number.
 * Basis: 湘政办发〔2025〕5号（九）citing 《湖南省优化营商环境条例》第四十二条; 磐安（二）1（2）.
 * Effect: warn (override needs the approval number).
 *
 * The year is the calendar year of this inspection's date (start, else planned date, else
 * today): an inspection on 31 December does not count against one on 1 January. The ordinal
 * counts the lead agency's earlier capped inspections that year, done or scheduled.
 */
import { BASIS } from './basis';
import { cn, countsTowardCap, finding, joinNames, priorCapped } from './helpers';
import { defineRule } from './types';

export const capRule = defineRule({
  id: 'cap',
  title: '日常检查年度频次上限',
  effect: 'warn',
  basis: BASIS.cap,
  settings: ['cap', 'triggeredCountsTowardCap', 'offsiteCountsTowardCap'],
  evaluate(f, s) {
    if (!countsTowardCap(f.inspection.kind, f.inspection.onsite, s)) return [];
    const { year, prior } = priorCapped(f, s);
    const nth = prior.length + 1;
    if (nth <= s.cap) return [];
    const dates = joinNames(prior.map((o) => cn(o.date)));
    return [
      finding(
        'cap',
        'warn',
        `${f.inspection.leadAgency.name}${year}年已对“${f.enterprise.name}”实施日常检查 ${prior.length} 次（${dates}），` +
          `本次为第 ${nth} 次，超过每年 ${s.cap} 次的上限；须报同级人民政府同意，并登记批准文号`,
        BASIS.cap,
        { needsApprovalNumber: true, data: { year, ordinal: nth, cap: s.cap, priorIds: prior.map((o) => o.inspectionId) } },
      ),
    ];
  },
});
