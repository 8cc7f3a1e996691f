/**
 * remote — an inspection outside the agency's territory (异地) follows the assistance mechanism
 * and is reported to the same-level 司法行政 department within 15 days after it is carried out.
 * Basis: 湘政办发〔2025〕5号（二）. Effect: advise while planning; deadline 15 d (calendar days).
 */
import { BASIS } from './basis';
import { deadlineFindings, remoteDeadline } from './deadlines';
import { finding, isPreEntry } from './helpers';
import { type Finding, defineRule } from './types';

export const remoteRule = defineRule({
  id: 'remote',
  title: '异地检查报备（15 日）',
  effect: 'warn',
  basis: BASIS.remote,
  settings: [],
  evaluate(f, s) {
    if (!f.inspection.remote.outOfJurisdiction) return [];
    const out: Finding[] = [];
    if (isPreEntry(f)) {
      out.push(
        finding(
          'remote',
          'advise',
          `对“${f.enterprise.name}”的检查属异地检查：须遵守行政检查异地协助机制，严禁违规异地检查；检查后 15 日内将实施情况和结果报同级司法行政部门备案`,
          BASIS.remote,
        ),
      );
    }
    return [...out, ...deadlineFindings('remote', remoteDeadline(f), s.today)];
  },
});
