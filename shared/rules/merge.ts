/**
 * merge — several inspections of one enterprise by the same agency go into one visit
 * (综合查一次); a triggered inspection that can be merged with a pending planned task should be,
 * and if it covers the planned content the planned task counts as done.
 * Basis: 湘政办发〔2025〕5号（九）; 磐安（三）2; for triggered + planned also 湘（十）.
 * Effect: advise, one finding per open inspection, carrying its id for one-click merge.
 */
import { daysBetween } from '../calendar/date';
import { BASIS } from './basis';
import { type InspectionFacts, type OtherInspection } from './facts';
import { KIND_LABELS, cn, dedupe, finding, inspectionDate, isPreEntry } from './helpers';
import { type Finding, type RuleSettings, defineRule } from './types';

/** An open inspection whose date is unknown, or within the window of this one's. */
export function withinWindow(f: InspectionFacts, o: OtherInspection, s: RuleSettings): boolean {
  const date = inspectionDate(f);
  if (o.date === null || date === null) return o.open;
  return Math.abs(daysBetween(date, o.date)) <= s.multiAgencyWindowDays;
}

export const mergeRule = defineRule({
  id: 'merge',
  title: '同一主体多项检查合并进行',
  effect: 'advise',
  basis: BASIS.merge,
  settings: ['multiAgencyWindowDays'],
  evaluate(f, s) {
    if (!isPreEntry(f)) return [];
    const lead = f.inspection.leadAgency;
    const candidates = dedupe([...f.history.sameAgency, ...f.history.related]).filter(
      (o) => o.inspectionId !== f.inspection.id && o.agencyId === lead.id && o.open && withinWindow(f, o, s),
    );
    return candidates.map((o): Finding => {
      const when = o.date !== null ? `，计划于${cn(o.date)}` : '';
      const pair = [f.inspection.kind, o.kind];
      const triggeredWithPlan = pair.includes('triggered') && (pair.includes('planned') || pair.includes('random'));
      const extra = triggeredWithPlan ? '；触发式检查内容能覆盖计划检查内容的，可视为已完成该计划检查任务' : '';
      return finding(
        'merge',
        'advise',
        `${lead.name}对“${f.enterprise.name}”还有尚未实施的${KIND_LABELS[o.kind]}（检查 #${o.inspectionId}${when}），` +
          `同一主体对同一对象的多项检查原则上应合并一次进行（综合查一次）${extra}`,
        triggeredWithPlan ? `${BASIS.merge}；${BASIS.mergeTriggered}` : BASIS.merge,
        { data: { mergeWith: o.inspectionId } },
      );
    });
  },
});
