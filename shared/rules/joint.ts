/**
 * joint — different agencies inspecting the same enterprise at about the same time should
 * inspect jointly (多头检查 warning); a recent visit by another agency is shown so its results
 * can be shared instead of a repeat visit.
 * Basis: 潭优发〔2024〕2号三（一）3; 磐安（三）2; 国办发〔2024〕54号 "能联合的不得多头检查".
 * Effect: advise.
 */
import { BASIS } from './basis';
import { KIND_LABELS, cn, dedupe, finding, isPreEntry } from './helpers';
import { withinWindow } from './merge';
import { type Finding, defineRule } from './types';

export const jointRule = defineRule({
  id: 'joint',
  title: '跨部门联合检查',
  effect: 'advise',
  basis: BASIS.joint,
  settings: ['multiAgencyWindowDays'],
  evaluate(f, s) {
    if (!isPreEntry(f)) return [];
    const inTeam = new Set([f.inspection.leadAgency.id, ...f.inspection.jointAgencies.map((a) => a.id)]);
    const others = dedupe(f.history.related).filter(
      (o) => o.inspectionId !== f.inspection.id && !inTeam.has(o.agencyId) && withinWindow(f, o, s),
    );
    const ent = f.enterprise.name;
    return others.flatMap((o): Finding[] => {
      const data = { inspectionId: o.inspectionId, agencyId: o.agencyId };
      if (o.open) {
        const when = o.date !== null ? `计划于${cn(o.date)}` : '尚未排期';
        const message =
          `${o.agencyName}也将对“${ent}”实施${KIND_LABELS[o.kind]}（检查 #${o.inspectionId}，${when}）；` +
          '两个以上部门对同一企业实施检查且可以同时开展的，应实行跨部门联合检查';
        return [finding('joint', 'advise', message, BASIS.joint, { data })];
      }
      // A done inspection without a date cannot be placed in time: nothing to say about it.
      if (o.date === null) return [];
      const message = `${o.agencyName}已于${cn(o.date)}检查过“${ent}”（检查 #${o.inspectionId}），请避免多头、重复检查，能共享检查结果的不再入企`;
      return [finding('joint', 'advise', message, BASIS.joint, { data })];
    });
  },
});
