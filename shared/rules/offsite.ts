/**
 * offsite — where written review, data sharing or remote means suffice, no on-site visit
 * (无扰检查): items listed as 无扰 are checked off site; an off-site check never enters the
 * enterprise and still produces an off-site record.
 * Basis: 湘政办发〔2025〕5号（七）. Effect: advise (无扰 items on an on-site plan); block (an
 * off-site check that went on site, or reached the record step without an off-site record).
 */
import { statusRank } from './facts';
import { BASIS } from './basis';
import { finding, isOffsite, isPreEntry, joinNames } from './helpers';
import { type Finding, defineRule } from './types';

export const offsiteRule = defineRule({
  id: 'offsite',
  title: '非现场检查（无扰检查）',
  effect: 'block',
  basis: BASIS.offsite,
  settings: [],
  evaluate(f) {
    const i = f.inspection;
    const out: Finding[] = [];
    if (!isOffsite(f)) {
      const quiet = f.items.filter((it) => it.noDisturb);
      if (quiet.length > 0 && isPreEntry(f)) {
        const names = joinNames(quiet.map((it) => `“${it.name}”`));
        const message =
          quiet.length === f.items.length
            ? `所选事项${names}均为“无扰检查”事项，应通过书面核查、信息共享等非现场方式检查，不入企实施现场检查`
            : `事项${names}为“无扰检查”事项，应通过非现场方式核查，不必为此入企`;
        out.push(finding('offsite', 'advise', message, BASIS.offsite, { data: { itemIds: quiet.map((it) => it.itemId) } }));
      }
      return out;
    }
    if (i.kind === 'offsite' && i.onsite) {
      out.push(finding('offsite', 'block', '检查类型为非现场检查，却标记为现场检查：非现场检查不得入企', BASIS.offsite));
    }
    const traces = [
      i.status === 'onsite' ? '状态为“现场检查”' : null,
      i.steps.codeRegisteredAt !== null ? '已有扫码入企登记' : null,
      i.steps.onsiteRecordedAt !== null ? '已有现场检查笔录' : null,
    ].filter((t): t is string => t !== null);
    if (traces.length > 0) {
      out.push(
        finding(
          'offsite',
          'block',
          `非现场检查不得入企实施现场检查（${joinNames(traces)}）；确需入企的，应改为现场检查并办理审批`,
          BASIS.offsite,
        ),
      );
    }
    if (statusRank(i.status) >= statusRank('recorded') && i.steps.offsiteRecordedAt === null) {
      out.push(finding('offsite', 'block', '非现场检查也须制作非现场检查记录，尚未登记', BASIS.offsite));
    }
    return out;
  },
});
