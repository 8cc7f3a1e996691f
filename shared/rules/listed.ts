/**
 * listed — "清单之外无检查": every item is on the published inspection item list of the lead
 * agency (or of a joint agency, which inspects under its own list), at the version used.
 * Basis: 湘政办发〔2025〕5号（四）至（六）. Effect: block.
 *
 * A version superseded by a newer one is still on the list. An item retired before the
 * inspection took place is not: the block names it and the retirement date. An inspection
 * carried out before the retirement stays valid.
 */
import { assertNever } from '../calendar/types';
import { BASIS } from './basis';
import { cn, finding, isPastDraft } from './helpers';
import { type Finding, defineRule } from './types';

export const listedRule = defineRule({
  id: 'listed',
  title: '检查事项在公布清单内',
  effect: 'block',
  basis: BASIS.listed,
  settings: [],
  evaluate(f) {
    const { leadAgency, jointAgencies, actualStart } = f.inspection;
    const out: Finding[] = [];
    if (f.items.length === 0) {
      if (isPastDraft(f)) {
        out.push(finding('listed', 'block', '未选择检查事项：行政检查须依据已公布的涉企行政检查事项清单实施', BASIS.listed));
      }
      return out;
    }
    const agencies = new Set([leadAgency.id, ...jointAgencies.map((a) => a.id)]);
    for (const item of f.items) {
      const label = `检查事项“${item.name}”（第 ${item.version} 版）`;
      const data = { itemId: item.itemId, version: item.version };
      if (!agencies.has(item.agencyId)) {
        const whose = jointAgencies.length > 0 ? `${leadAgency.name}及联合单位` : leadAgency.name;
        out.push(finding('listed', 'block', `${label}不在${whose}公布的涉企行政检查事项清单内`, BASIS.listed, { data }));
        continue;
      }
      switch (item.status) {
        case 'published':
        case 'superseded':
          break;
        case 'draft':
          out.push(finding('listed', 'block', `${label}尚未公布，清单之外无检查`, BASIS.listed, { data }));
          break;
        case 'retired': {
          const doneBefore = actualStart !== null && item.retiredOn !== null && actualStart < item.retiredOn;
          if (doneBefore) break;
          const when = item.retiredOn !== null ? `已于${cn(item.retiredOn)}` : '已';
          out.push(
            finding('listed', 'block', `${label}${when}从检查事项清单中取消，不能再据此检查；请改选现行清单中的事项`, BASIS.listed, {
              data,
            }),
          );
          break;
        }
        default:
          assertNever(item.status);
      }
    }
    return out;
  },
});
