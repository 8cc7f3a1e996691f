/**
 * two — at least two inspectors, each certified on the inspection date (the officers rule
 * says what is wrong with the others).
 * Basis: 《重庆规范涉企行政检查办法》第十五条; general enforcement practice (DOMAIN.md). Effect: block.
 * Checked once the plan leaves the draft: the approval form lists the team.
 */
import { BASIS } from './basis';
import { finding, isPastDraft, joinNames } from './helpers';
import { inspectionDays, memberProblem } from './officers';
import { defineRule } from './types';

export const twoRule = defineRule({
  id: 'two',
  title: '检查人员不少于两人',
  effect: 'block',
  basis: BASIS.two,
  settings: [],
  evaluate(f) {
    if (!isPastDraft(f)) return [];
    const days = inspectionDays(f);
    const certified = new Map<number, string>();
    for (const m of f.team) if (memberProblem(m, days) === null) certified.set(m.officerId, m.name);
    if (certified.size >= 2) return [];
    const who = certified.size === 0 ? '没有持有效执法证的检查人员' : `持有效执法证的检查人员只有 ${certified.size} 人（${joinNames([...certified.values()])}）`;
    return [finding('two', 'block', `${who}，行政检查至少需要 2 名执法人员`, BASIS.two, { data: { certified: certified.size } })];
  },
});
