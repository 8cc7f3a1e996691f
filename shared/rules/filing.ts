/**
 * filing (Xiangtan 入企报备) — before entering, fill the 湘潭市涉企行政执法检查备案表 and file it
 * with the 优化营商环境 department (copied to 司法行政); not for state-secret or
 * safety-production matters; in an emergency (national/public/food-drug/production safety,
 * environment, public health; complaints, case investigation, superior assignment) proceed and
 * file within 5 working days after the inspection, with the reason; for a park enterprise the
 * park committee is informed.
 * Basis: 潭优发〔2024〕2号 三（一）1. Effect: block; deadline 5 wd. Setting: followsXiangtanFiling.
 */
import { BASIS } from './basis';
import { deadlineFindings, filingApplies, filingDeadline } from './deadlines';
import { cn, entryDate, finding, hasEntered, isPreEntry } from './helpers';
import { type Finding, defineRule } from './types';

export const filingRule = defineRule({
  id: 'filing',
  title: '入企检查报备（湘潭）',
  effect: 'block',
  basis: BASIS.filing,
  settings: ['followsXiangtanFiling', 'calendar'],
  evaluate(f, s) {
    if (!filingApplies(f, s.followsXiangtanFiling)) return [];
    const i = f.inspection;
    const out: Finding[] = [];
    if (f.enterprise.park !== null && f.enterprise.park !== '' && isPreEntry(f)) {
      out.push(
        finding(
          'filing',
          'advise',
          `“${f.enterprise.name}”是${f.enterprise.park}企业：备案情况由优化营商环境部门同步告知园区管委会，园区可派熟悉企业情况的人员参与`,
          BASIS.filing,
        ),
      );
    }
    if (!hasEntered(f)) return out;
    if (i.emergency) {
      if (i.emergencyReason === null || i.emergencyReason === '') {
        out.push(finding('filing', 'block', '紧急情况先行检查的，补报备案时须说明原由，尚未登记紧急情况说明', BASIS.filing));
      }
      if (i.actualEnd === null && i.steps.filedAt === null) {
        out.push(finding('filing', 'advise', '紧急情况先行检查：检查完毕后 5 个工作日内补报备案资料并说明原由', BASIS.filing));
      }
      return [...out, ...deadlineFindings('filing', filingDeadline(f, s.calendar, s.followsXiangtanFiling), s.today)];
    }
    const start = entryDate(f, s);
    if (i.steps.filedAt === null) {
      out.push(
        finding('filing', 'block', '入企检查前须填写《湘潭市涉企行政执法检查备案表》并报优化营商环境部门备案，尚未备案', BASIS.filing),
      );
    } else if (i.steps.filedAt > start) {
      out.push(
        finding('filing', 'warn', `入企检查备案日期${cn(i.steps.filedAt)}晚于检查开始日期${cn(start)}`, BASIS.filing, {
          data: { filedAt: i.steps.filedAt, start },
        }),
      );
    }
    return out;
  },
});
