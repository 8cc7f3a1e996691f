/**
 * special — a special inspection (专项检查) is deployed only after assessment, with the approval
 * of the people's government at the same level (or the vertical superior), filed and published.
 * Basis: 湘政办发〔2025〕5号（十四）（十五）. Effect: block without the approval number.
 */
import { BASIS } from './basis';
import { finding, isPastDraft } from './helpers';
import { defineRule } from './types';

export const specialRule = defineRule({
  id: 'special',
  title: '专项检查经政府批准',
  effect: 'block',
  basis: BASIS.special,
  settings: [],
  evaluate(f) {
    if (f.inspection.kind !== 'special' || !isPastDraft(f)) return [];
    const no = f.inspection.specialApprovalNo;
    if (no !== null && no !== '') return [];
    return [
      finding(
        'special',
        'block',
        '专项检查计划须经本级人民政府（或垂直管理的上一级行政机关）批准后备案并公布，请登记批准文号',
        BASIS.special,
      ),
    ];
  },
});
