/**
 * grading — high-grade enterprises are checked less, low-grade more; the whitelist (白名单)
 * reduces frequency, the key-supervision list (重点监管企业名单) increases it.
 * Basis: 湘政办发〔2025〕5号（九）; 潭优发〔2024〕2号三（三）9; 磐安（三）3. Effect: advise.
 *
 * Which 五色 colours are "high" and "low" is not fixed by the seeds [U]: green/blue high,
 * yellow ordinary, orange/red low. Only routine (planned, random) inspections get this advice:
 * triggered and special ones follow their own cause.
 */
import { assertNever } from '../calendar/types';
import { BASIS } from './basis';
import { type Grade } from './facts';
import { finding, isPreEntry, priorCapped } from './helpers';
import { type Finding, defineRule } from './types';

export const GRADE_LABELS: Record<Grade, string> = { green: '绿色', blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

function gradeLevel(grade: Grade): 'high' | 'ordinary' | 'low' {
  switch (grade) {
    case 'green':
    case 'blue':
      return 'high';
    case 'yellow':
      return 'ordinary';
    case 'orange':
    case 'red':
      return 'low';
    default:
      return assertNever(grade);
  }
}

export const gradingRule = defineRule({
  id: 'grading',
  title: '分级分类差异化检查',
  effect: 'advise',
  basis: BASIS.grading,
  settings: [],
  evaluate(f, s) {
    const kind = f.inspection.kind;
    if ((kind !== 'planned' && kind !== 'random') || !isPreEntry(f)) return [];
    const e = f.enterprise;
    const { prior } = priorCapped(f, s);
    const count = `本年度${f.inspection.leadAgency.name}已对其日常检查 ${prior.length} 次`;
    const out: Finding[] = [];
    if (e.whitelist) {
      out.push(finding('grading', 'advise', `“${e.name}”列入执法检查“白名单”，应减少检查频次（${count}）`, BASIS.gradingWhitelist));
    }
    if (e.keySupervision) {
      out.push(finding('grading', 'advise', `“${e.name}”列入重点监管企业名单，应提高监管力度、增加检查频次（${count}）`, BASIS.gradingWhitelist));
    }
    if (e.grade !== null) {
      const level = gradeLevel(e.grade);
      const colour = GRADE_LABELS[e.grade];
      if (level === 'high') {
        out.push(finding('grading', 'advise', `“${e.name}”综合评价等次高（${colour}），宜合理降低检查频次（${count}）`, BASIS.grading));
      } else if (level === 'low') {
        out.push(finding('grading', 'advise', `“${e.name}”综合评价等次低（${colour}），宜适当提高检查频次（${count}）`, BASIS.grading));
      }
    }
    return out;
  },
});
