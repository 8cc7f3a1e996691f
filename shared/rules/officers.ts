/**
 * officers — every inspector holds a valid enforcement certificate (执法证) on the inspection
 * date; auxiliary staff, grid workers and temporary staff never inspect; a disabled or deleted
 * roster entry cannot be on a team.
 * Basis: 湘政办发〔2025〕5号（三）; 磐安（一）1. Effect: block.
 *
 * "Valid on the inspection date" is valid_from ≤ date ≤ valid_to, checked on the first and the
 * last day of the inspection (a certificate is an interval, so that covers every day between).
 * Without any date (an unscheduled draft) only the certificate's presence is checked.
 */
import { type IsoDate } from '../calendar/date';
import { BASIS } from './basis';
import { type InspectionFacts, type TeamMember } from './facts';
import { cn, finding } from './helpers';
import { type Finding, defineRule } from './types';

/** The days a certificate must cover: start (or planned date) and, if later, the end. */
export function inspectionDays(f: InspectionFacts): IsoDate[] {
  const first = f.inspection.actualStart ?? f.inspection.plannedDate;
  if (first === null) return [];
  const end = f.inspection.actualEnd;
  return end !== null && end > first ? [first, end] : [first];
}

/** Why a member may not inspect on these days, or null if they may. */
export function memberProblem(m: TeamMember, days: readonly IsoDate[]): string | null {
  if (m.deleted) return `检查人员“${m.name}”已从人员名册中删除，不能参加检查`;
  if (m.status === 'disabled') return `检查人员“${m.name}”已停用，不能参加检查`;
  if (m.kind === 'auxiliary') {
    return `“${m.name}”是执法辅助人员，不得实施行政检查（执法辅助人员、网格员、临时工等未取得执法证件的人员不得实施检查）`;
  }
  if (m.certNo === null || m.certNo === '') return `检查人员“${m.name}”未登记执法证号，不得实施行政检查`;
  if (m.validFrom === null || m.validTo === null) return `检查人员“${m.name}”的执法证（${m.certNo}）未登记有效期`;
  for (const day of days) {
    if (day < m.validFrom) {
      return `检查人员“${m.name}”的执法证（${m.certNo}）自${cn(m.validFrom)}起有效，检查日期${cn(day)}尚未生效`;
    }
    if (day > m.validTo) {
      return `检查人员“${m.name}”的执法证（${m.certNo}）已于${cn(m.validTo)}到期，检查日期为${cn(day)}`;
    }
  }
  return null;
}

export const officersRule = defineRule({
  id: 'officers',
  title: '检查人员执法资格',
  effect: 'block',
  basis: BASIS.officers,
  settings: [],
  evaluate(f) {
    const days = inspectionDays(f);
    const out: Finding[] = [];
    const seen = new Set<number>();
    for (const m of f.team) {
      if (seen.has(m.officerId)) continue;
      seen.add(m.officerId);
      const problem = memberProblem(m, days);
      if (problem !== null) out.push(finding('officers', 'block', problem, BASIS.officers, { data: { officerId: m.officerId } }));
    }
    return out;
  },
});
