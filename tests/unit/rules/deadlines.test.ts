import { describe, expect, it } from 'vitest';
import { type CalendarOverride } from '../../../shared/calendar';
import { type InspectionFacts, deadlines, deadlineState } from '../../../shared/rules';
import { facts, planning, run } from './fixtures';

/** An inspection that ended on `end`, feedback not yet given. */
function ended(end: string, edit: (f: InspectionFacts) => void = () => undefined): InspectionFacts {
  return facts((x) => {
    x.inspection.plannedDate = end;
    x.inspection.actualStart = end;
    x.inspection.actualEnd = end;
    x.inspection.steps.codeRegisteredAt = end;
    x.inspection.steps.onsiteRecordedAt = end;
    x.inspection.steps.feedbackAt = null;
    edit(x);
  });
}

describe('feedback: written feedback within 5 working days after the end', () => {
  it('across National Day 2025: due 10-14; pending on the day, overdue the day after', () => {
    const f = ended('2025-09-30');
    expect(run('feedback', f, { today: '2025-10-14' })).toEqual([
      expect.objectContaining({
        effect: 'advise',
        basis: '湘政办发〔2025〕5号（十七）',
        message: '应于2025年10月14日前向检查对象书面反馈检查结果（检查结束后 5 个工作日内）',
        data: { deadline: 'feedback', due: '2025-10-14', provisional: false },
      }),
    ]);
    expect(run('feedback', f, { today: '2025-10-15' })).toEqual([
      expect.objectContaining({
        effect: 'warn',
        overridable: true,
        message: '向检查对象书面反馈检查结果已逾期 1 天：期限为2025年10月14日（检查结束后 5 个工作日内）',
      }),
    ]);
  });

  it('feedback on the 4th or 5th working day is in time; on the 6th it is late', () => {
    const at = (d: string): InspectionFacts => ended('2025-09-30', (x) => (x.inspection.steps.feedbackAt = d));
    expect(run('feedback', at('2025-10-13'), { today: '2025-10-20' })).toEqual([]);
    expect(run('feedback', at('2025-10-14'), { today: '2025-10-20' })).toEqual([]);
    expect(run('feedback', at('2025-10-15'), { today: '2025-10-20' })[0]?.message).toBe(
      '向检查对象书面反馈检查结果于2025年10月15日完成，晚于期限2025年10月14日（检查结束后 5 个工作日内），逾期 1 天',
    );
  });

  it('across the 2026 Spring Festival: ended Thu 2-12, due Thu 2-26 (Saturday 2-14 worked)', () => {
    const [d] = deadlines(ended('2026-02-12'));
    expect(d).toMatchObject({ kind: 'feedback', from: '2026-02-12', due: { date: '2026-02-26', provisional: false } });
  });

  it('ending late in 2026: due in 2027, provisional without a 2027 arrangement, firm with one', () => {
    const f = ended('2026-12-28');
    const out = run('feedback', f, { today: '2026-12-29' });
    expect(out[0]?.message).toBe(
      '应于2027年1月4日前向检查对象书面反馈检查结果（检查结束后 5 个工作日内）（期限所在年份的节假日安排尚未发布或导入，日期为暂定）',
    );
    expect(out[0]?.data).toMatchObject({ provisional: true });
    const calendar: CalendarOverride[] = [{ date: '2027-01-01', kind: 'holiday', note: '元旦' }];
    const firm = run('feedback', f, { today: '2026-12-29', calendar });
    expect(firm[0]?.data).toEqual({ deadline: 'feedback', due: '2027-01-05', provisional: false });
  });

  it('a status past feedback without a feedback date blocks', () => {
    const f = ended('2025-06-10', (x) => (x.inspection.status = 'closed'));
    expect(run('feedback', f).map((x) => x.effect)).toEqual(['block', 'warn']);
  });

  it('no end yet: no deadline', () => {
    expect(run('feedback', planning('2025-07-01'))).toEqual([]);
  });
});

describe('transfer: within 20 working days', () => {
  const found = (edit: (f: InspectionFacts) => void = () => undefined): InspectionFacts =>
    facts((x) => {
      x.inspection.transfer = { required: true, foundAt: '2025-09-15', transferredAt: null };
      edit(x);
    });

  it('20 working days from 2025-09-15 across National Day is 2025-10-17', () => {
    expect(run('transfer', found(), { today: '2025-10-17' })[0]).toMatchObject({
      effect: 'advise',
      message: '应于2025年10月17日前移送有管辖权的行政执法主体（发现后 20 个工作日内）',
      basis: '湘政办发〔2025〕5号（十八）',
    });
    expect(run('transfer', found(), { today: '2025-10-18' })[0]?.effect).toBe('warn');
    expect(run('transfer', found((x) => (x.inspection.transfer.transferredAt = '2025-10-17')), { today: '2025-10-20' })).toEqual([]);
  });

  it('counts from the end when the finding date is not recorded', () => {
    const [d] = deadlines(found((x) => ((x.inspection.transfer.foundAt = null), (x.inspection.steps.feedbackAt = null))));
    expect(d?.kind).toBe('feedback');
    const t = deadlines(found((x) => (x.inspection.transfer.foundAt = null))).find((x) => x.kind === 'transfer');
    expect(t).toMatchObject({ from: '2025-06-10', due: { date: '2025-07-08', provisional: false } });
  });

  it('status transferred without a transfer date blocks', () => {
    const f = found((x) => (x.inspection.status = 'transferred'));
    expect(run('transfer', f, { today: '2025-09-20' })[0]).toMatchObject({ effect: 'block', message: '状态为“已移送”，但未登记移送日期' });
  });
});

describe('remote: 异地检查 reported within 15 calendar days', () => {
  const away = (edit: (f: InspectionFacts) => void = () => undefined): InspectionFacts =>
    facts((x) => {
      x.inspection.remote.outOfJurisdiction = true;
      x.inspection.actualStart = '2025-12-20';
      x.inspection.actualEnd = '2025-12-20';
      x.inspection.steps.feedbackAt = '2025-12-22';
      edit(x);
    });

  it('due 15 days after the inspection, into the next year, never provisional', () => {
    expect(run('remote', away(), { today: '2026-01-04' })[0]).toMatchObject({
      effect: 'advise',
      message: '应于2026年1月4日前将异地检查实施情况和结果报同级司法行政部门备案（实施检查后 15 日内）',
    });
    expect(run('remote', away(), { today: '2026-01-05' })[0]?.effect).toBe('warn');
    expect(run('remote', away((x) => (x.inspection.remote.reportedAt = '2026-01-04')), { today: '2026-01-10' })).toEqual([]);
  });

  it('reminds of the assistance mechanism while planning; silent for a local inspection', () => {
    const f = planning('2025-07-01', (x) => (x.inspection.remote.outOfJurisdiction = true));
    expect(run('remote', f)[0]?.message).toMatch(/^对“湘潭华宇机械有限公司”的检查属异地检查：须遵守行政检查异地协助机制/u);
    expect(run('remote', facts())).toEqual([]);
  });
});

describe('deadlines(): the warning center list', () => {
  it('lists every applicable deadline with its basis, in a fixed order', () => {
    const f = facts((x) => {
      const i = x.inspection;
      i.emergency = true;
      i.emergencyReason = '食品安全突发事件';
      i.actualStart = '2025-09-29';
      i.actualEnd = '2025-09-30';
      i.steps = { ...i.steps, approvedAt: '2025-10-09', approverLevel: 'head', filedAt: null, feedbackAt: '2025-10-10' };
      i.rectification = { deadline: '2025-10-31', verifiedAt: null };
      i.transfer = { required: true, foundAt: '2025-09-30', transferredAt: null };
      i.remote = { outOfJurisdiction: true, reportedAt: null };
    });
    const list = deadlines(f);
    expect(list.map((d) => [d.kind, d.due.date, d.done, d.basis])).toEqual([
      ['feedback', '2025-10-14', true, '湘政办发〔2025〕5号（十七）'],
      ['approval', '2025-10-14', true, '湘政办发〔2025〕5号（十一）'],
      ['filing', '2025-10-14', false, '潭优发〔2024〕2号三（一）1'],
      ['rectification', '2025-10-31', false, '湘政办发〔2025〕5号（十七）'],
      ['transfer', '2025-11-04', false, '湘政办发〔2025〕5号（十八）'],
      ['remote', '2025-10-15', false, '湘政办发〔2025〕5号（二）'],
    ]);
    expect(deadlines(f, [], { followsXiangtanFiling: false }).map((d) => d.kind)).not.toContain('filing');
    const filing = list.find((d) => d.kind === 'filing');
    expect(filing && deadlineState(filing, '2025-10-14')).toBe('pending');
    expect(filing && deadlineState(filing, '2025-10-15')).toBe('overdue');
  });

  it('a unit head approval does not complete the emergency approval', () => {
    const f = facts((x) => {
      x.inspection.emergency = true;
      x.inspection.steps.approverLevel = 'unit';
    });
    expect(deadlines(f).find((d) => d.kind === 'approval')?.done).toBe(false);
  });

  it('a clean planned inspection carries only its (done) feedback deadline', () => {
    expect(deadlines(facts()).map((d) => [d.kind, d.due.date, d.done, d.doneOn])).toEqual([['feedback', '2025-06-17', true, '2025-06-12']]);
  });
});
