/**
 * code — before entering, register the inspection by 扫码入企 (湖南营商码 / 行政检查码; 亮码检查
 * in Zhejiang) and show the code; where the law allows no prior notice, register right after.
 * Basis: 湘政办发〔2025〕5号（十二）; 磐安（二）2（1）. Effect: warn.
 * Dates carry no time, so "before" and "right after" both mean: on or before the start date.
 */
import { BASIS } from './basis';
import { cn, entryDate, finding, hasEntered } from './helpers';
import { defineRule } from './types';

export const codeRule = defineRule({
  id: 'code',
  title: '扫码入企登记',
  effect: 'warn',
  basis: BASIS.code,
  settings: [],
  evaluate(f, s) {
    if (!hasEntered(f)) return [];
    const registered = f.inspection.steps.codeRegisteredAt;
    const noNotice = f.inspection.noNoticeReason !== null && f.inspection.noNoticeReason !== '';
    const start = entryDate(f, s);
    if (registered === null) {
      const message = noNotice
        ? '依法无需事先通知的检查，须在实施检查后立即通过“扫码入企”进行检查登记，尚未登记'
        : '入企检查前须通过“扫码入企”进行检查登记、获得行政检查码，尚未登记';
      return [finding('code', 'warn', message, BASIS.code)];
    }
    if (registered > start) {
      return [
        finding('code', 'warn', `“扫码入企”登记日期${cn(registered)}晚于检查开始日期${cn(start)}`, BASIS.code, {
          data: { registeredAt: registered, start },
        }),
      ];
    }
    return [];
  },
});
