/**
 * notice — an on-site check issues the inspection notice (行政检查通知书), unless a law allows
 * no prior notice and that reason is recorded; it keeps an on-site record or registration form.
 * Basis: 湘政办发〔2025〕5号（十六）. Effect: block (no notice and no lawful reason; no record).
 * The audio-video list is the agency's own; it is not checked here.
 */
import { BASIS } from './basis';
import { statusRank } from './facts';
import { cn, entryDate, finding, hasEntered } from './helpers';
import { type Finding, defineRule } from './types';

export const noticeRule = defineRule({
  id: 'notice',
  title: '检查通知书与现场记录',
  effect: 'block',
  basis: BASIS.notice,
  settings: [],
  evaluate(f, s) {
    if (!hasEntered(f)) return [];
    const i = f.inspection;
    const out: Finding[] = [];
    const noNotice = i.noNoticeReason !== null && i.noNoticeReason !== '';
    const start = entryDate(f, s);
    if (!noNotice) {
      if (i.steps.notifiedAt === null) {
        out.push(
          finding('notice', 'block', '实施现场检查须出具行政检查通知书；法律、法规规定无需事先通知的，须登记其依据', BASIS.notice),
        );
      } else if (i.steps.notifiedAt > start) {
        out.push(
          finding('notice', 'warn', `行政检查通知书日期${cn(i.steps.notifiedAt)}晚于检查开始日期${cn(start)}`, BASIS.notice, {
            data: { notifiedAt: i.steps.notifiedAt, start },
          }),
        );
      }
    }
    if (statusRank(i.status) >= statusRank('recorded') && i.steps.onsiteRecordedAt === null) {
      out.push(finding('notice', 'block', '现场检查须制作现场检查笔录或行政检查登记表，尚未登记', BASIS.notice));
    }
    return out;
  },
});
