import { describe, expect, it } from 'vitest';
import { type InspectionFacts } from '../../../shared/rules';
import { facts, planning, run } from './fixtures';

/** Moving on site on 2025-06-10 with approval, filing, notice and code done before. */
function entering(edit: (f: InspectionFacts) => void = () => undefined): InspectionFacts {
  return facts((x) => {
    x.inspection.status = 'onsite';
    x.inspection.actualEnd = null;
    x.inspection.steps.onsiteRecordedAt = null;
    x.inspection.steps.feedbackAt = null;
    edit(x);
  });
}

function emergency(edit: (f: InspectionFacts) => void = () => undefined): InspectionFacts {
  return entering((x) => {
    x.inspection.emergency = true;
    x.inspection.emergencyReason = '群众举报存在燃气泄漏隐患，需立即核查';
    x.inspection.steps = { ...x.inspection.steps, approvedAt: null, approverLevel: null, filedAt: null };
    edit(x);
  });
}

describe('approval: the head approves the on-site plan before it starts', () => {
  it('approved by the head before the start: nothing', () => {
    expect(run('approval', entering())).toEqual([]);
  });

  it('no approval when entering blocks; before entering it is not yet due', () => {
    const f = entering((x) => ((x.inspection.steps.approvedAt = null), (x.inspection.steps.approverLevel = null)));
    expect(run('approval', f)).toEqual([
      expect.objectContaining({ effect: 'block', message: '实施现场检查前，检查方案须报本机关负责人批准，尚未批准', basis: '湘政办发〔2025〕5号（十一）' }),
    ]);
    expect(run('approval', planning('2025-07-01'))).toEqual([]);
  });

  it("an internal unit head's approval is not enough, even in the plan", () => {
    const f = planning('2025-07-01', (x) => ((x.inspection.steps.approvedAt = '2025-06-18'), (x.inspection.steps.approverLevel = 'unit')));
    expect(run('approval', f).map((x) => x.message)).toEqual(['检查方案仅由内设机构负责人批准；现场检查方案须报本机关负责人批准']);
  });

  it('approval on the start date is in time; the day after warns', () => {
    expect(run('approval', entering((x) => (x.inspection.steps.approvedAt = '2025-06-10')))).toEqual([]);
    const late = run('approval', entering((x) => (x.inspection.steps.approvedAt = '2025-06-11')));
    expect(late).toEqual([expect.objectContaining({ effect: 'warn', overridable: true, message: '检查方案于2025年6月11日批准，晚于检查开始日期2025年6月10日' })]);
  });

  it('the start defaults to today when the service has not stored it yet', () => {
    const f = entering((x) => ((x.inspection.actualStart = null), (x.inspection.steps.approvedAt = '2025-06-19')));
    expect(run('approval', f)).toEqual([]);
    f.inspection.steps.approvedAt = '2025-06-21';
    expect(run('approval', f)[0]?.message).toMatch(/晚于检查开始日期2025年6月20日/u);
  });

  it('emergency: may start at once; approval due within 15 calendar days after the start', () => {
    const pending = run('approval', emergency(), { today: '2025-06-25' });
    expect(pending).toEqual([
      expect.objectContaining({
        effect: 'advise',
        message: '应于2025年6月25日前补办检查方案批准手续（本机关负责人批准）（检查启动后 15 日内）',
        data: { deadline: 'approval', due: '2025-06-25', provisional: false },
      }),
    ]);
    const overdue = run('approval', emergency(), { today: '2025-06-26' });
    expect(overdue[0]).toMatchObject({ effect: 'warn', overridable: true });
    expect(overdue[0]?.message).toBe('补办检查方案批准手续（本机关负责人批准）已逾期 1 天：期限为2025年6月25日（检查启动后 15 日内）');
    const onTime = emergency((x) => ((x.inspection.steps.approvedAt = '2025-06-25'), (x.inspection.steps.approverLevel = 'head')));
    expect(run('approval', onTime, { today: '2025-06-30' })).toEqual([]);
  });

  it('emergency without a recorded reason blocks', () => {
    const out = run('approval', emergency((x) => (x.inspection.emergencyReason = null)));
    expect(out[0]).toMatchObject({ effect: 'block', message: '情况紧急、需当场实施检查的，须登记紧急情况说明并及时报告' });
  });

  it('off-site checks need no on-site approval', () => {
    const f = entering((x) => ((x.inspection.onsite = false), (x.inspection.steps.approvedAt = null)));
    expect(run('approval', f)).toEqual([]);
  });
});

describe('filing (Xiangtan): filed before entering unless exempt', () => {
  it('filed before entering: nothing', () => {
    expect(run('filing', entering())).toEqual([]);
  });

  it('not filed when entering blocks; filed after the start warns', () => {
    expect(run('filing', entering((x) => (x.inspection.steps.filedAt = null)))[0]).toMatchObject({
      effect: 'block',
      basis: '潭优发〔2024〕2号三（一）1',
      message: '入企检查前须填写《湘潭市涉企行政执法检查备案表》并报优化营商环境部门备案，尚未备案',
    });
    expect(run('filing', entering((x) => (x.inspection.steps.filedAt = '2025-06-11')))[0]).toMatchObject({ effect: 'warn' });
  });

  it('exempt matters, offices not following Xiangtan, and off-site checks need no filing', () => {
    const unfiled = (edit: (f: InspectionFacts) => void): InspectionFacts => entering((x) => ((x.inspection.steps.filedAt = null), edit(x)));
    expect(run('filing', unfiled((x) => (x.inspection.filingExemption = 'state_secret')))).toEqual([]);
    expect(run('filing', unfiled((x) => (x.inspection.filingExemption = 'safety_production')))).toEqual([]);
    expect(run('filing', unfiled(() => undefined), { followsXiangtanFiling: false })).toEqual([]);
    expect(run('filing', unfiled((x) => (x.inspection.filingRequired = false)))).toEqual([]);
    expect(run('filing', unfiled((x) => (x.inspection.onsite = false)))).toEqual([]);
  });

  it('emergency: file within 5 working days after the inspection ends — across National Day 2025', () => {
    const f = emergency((x) => {
      x.inspection.actualStart = '2025-09-30';
      x.inspection.actualEnd = '2025-09-30';
      x.inspection.status = 'recorded';
    });
    const on = { today: '2025-10-14' };
    expect(run('filing', f, on)).toEqual([
      expect.objectContaining({ effect: 'advise', message: '应于2025年10月14日前补报入企检查备案资料并说明原由（检查完毕后 5 个工作日内）' }),
    ]);
    expect(run('filing', f, { today: '2025-10-15' })[0]).toMatchObject({ effect: 'warn' });
    f.inspection.steps.filedAt = '2025-10-14';
    expect(run('filing', f, { today: '2025-10-20' })).toEqual([]);
    f.inspection.steps.filedAt = '2025-10-15';
    expect(run('filing', f, { today: '2025-10-20' })[0]?.message).toBe(
      '补报入企检查备案资料并说明原由于2025年10月15日完成，晚于期限2025年10月14日（检查完毕后 5 个工作日内），逾期 1 天',
    );
  });

  it('emergency still on site: reminds of the 5-day filing; without a reason blocks', () => {
    expect(run('filing', emergency()).map((x) => x.message)).toEqual(['紧急情况先行检查：检查完毕后 5 个工作日内补报备案资料并说明原由']);
    expect(run('filing', emergency((x) => (x.inspection.emergencyReason = '')))[0]?.effect).toBe('block');
  });

  it('tells about the park committee for a park enterprise while planning', () => {
    const f = planning('2025-07-01', (x) => (x.enterprise.park = '湘潭经济技术开发区'));
    expect(run('filing', f)[0]?.message).toBe(
      '“湘潭华宇机械有限公司”是湘潭经济技术开发区企业：备案情况由优化营商环境部门同步告知园区管委会，园区可派熟悉企业情况的人员参与',
    );
  });
});

describe('code: 扫码入企 before entering', () => {
  it('registered on the start date: nothing; missing or later: warn', () => {
    expect(run('code', entering())).toEqual([]);
    expect(run('code', entering((x) => (x.inspection.steps.codeRegisteredAt = null)))).toEqual([
      expect.objectContaining({ effect: 'warn', overridable: true, message: '入企检查前须通过“扫码入企”进行检查登记、获得行政检查码，尚未登记' }),
    ]);
    expect(run('code', entering((x) => (x.inspection.steps.codeRegisteredAt = '2025-06-11')))[0]?.message).toBe(
      '“扫码入企”登记日期2025年6月11日晚于检查开始日期2025年6月10日',
    );
  });

  it('a lawful no-notice inspection registers right after, and says so', () => {
    const f = entering((x) => ((x.inspection.steps.codeRegisteredAt = null), (x.inspection.noNoticeReason = '《安全生产法》第六十五条')));
    expect(run('code', f)[0]?.message).toBe('依法无需事先通知的检查，须在实施检查后立即通过“扫码入企”进行检查登记，尚未登记');
  });

  it('is not due before entering, nor for off-site checks', () => {
    expect(run('code', planning('2025-07-01'))).toEqual([]);
    expect(run('code', entering((x) => ((x.inspection.onsite = false), (x.inspection.steps.codeRegisteredAt = null))))).toEqual([]);
  });
});

describe('notice: 行政检查通知书, or a recorded lawful no-notice reason', () => {
  it('notice before the start: nothing; none: block; a lawful reason lifts it', () => {
    expect(run('notice', entering())).toEqual([]);
    const f = entering((x) => (x.inspection.steps.notifiedAt = null));
    expect(run('notice', f)[0]).toMatchObject({ effect: 'block', basis: '湘政办发〔2025〕5号（十六）' });
    f.inspection.noNoticeReason = '《食品安全法》第一百一十条';
    expect(run('notice', f)).toEqual([]);
  });

  it('a notice dated after the start warns', () => {
    expect(run('notice', entering((x) => (x.inspection.steps.notifiedAt = '2025-06-11')))[0]).toMatchObject({ effect: 'warn' });
  });

  it('the record step needs an on-site record', () => {
    const f = facts((x) => (x.inspection.steps.onsiteRecordedAt = null));
    expect(run('notice', f).map((x) => x.message)).toEqual(['现场检查须制作现场检查笔录或行政检查登记表，尚未登记']);
  });
});

describe('dates: recorded dates in order', () => {
  it('the clean inspection has consistent dates', () => {
    expect(run('dates', facts())).toEqual([]);
  });

  it('an end before the start blocks; the same day is fine', () => {
    expect(run('dates', facts((x) => (x.inspection.actualEnd = '2025-06-09'))).map((x) => x.message)).toContain('检查结束日期2025年6月9日早于开始日期2025年6月10日');
    expect(run('dates', facts((x) => (x.inspection.actualEnd = '2025-06-10')))).toEqual([]);
  });

  it('an end without a start, and a record step without an end, block', () => {
    const messages = run('dates', facts((x) => (x.inspection.actualStart = null))).map((x) => x.message);
    expect(messages).toContain('已登记检查结束日期2025年6月10日，但没有开始日期');
    expect(run('dates', facts((x) => (x.inspection.actualEnd = null))).map((x) => x.message)).toEqual(['检查已进入记录环节，但未登记检查结束日期']);
  });

  it('future dates block; today is fine', () => {
    expect(run('dates', facts((x) => (x.inspection.steps.feedbackAt = '2025-06-20')))).toEqual([]);
    expect(run('dates', facts((x) => (x.inspection.steps.feedbackAt = '2025-06-21'))).map((x) => x.message)).toEqual([
      '书面反馈日期2025年6月21日晚于今天（2025年6月20日），不能登记将来的日期',
    ]);
  });

  it('feedback before the inspection ended blocks', () => {
    const f = facts((x) => ((x.inspection.actualEnd = '2025-06-12'), (x.inspection.steps.feedbackAt = '2025-06-11')));
    expect(run('dates', f).map((x) => x.message)).toEqual(['书面反馈日期2025年6月11日早于检查结束日期2025年6月12日：检查结束后才能反馈结果']);
  });

  it('a planned date earlier than the approval, filing or notice already done is out of order', () => {
    const f = planning('2025-06-16', (x) => ((x.inspection.steps.approvedAt = '2025-06-12'), (x.inspection.steps.notifiedAt = '2025-06-17')));
    expect(run('dates', f).map((x) => x.message)).toEqual(['计划检查日期2025年6月16日早于通知书日期2025年6月17日，请调整计划检查日期']);
    f.inspection.steps.notifiedAt = '2025-06-16';
    expect(run('dates', f)).toEqual([]);
  });
});
