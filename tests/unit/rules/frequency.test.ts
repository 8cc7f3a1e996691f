import { describe, expect, it } from 'vitest';
import { facts, other, planning, run } from './fixtures';

describe('cap: at most two routine inspections per agency, enterprise and calendar year', () => {
  const withPrior = (date: string, priorDates: string[], edit: (f: ReturnType<typeof facts>) => void = () => undefined): ReturnType<typeof facts> =>
    planning(date, (x) => {
      x.history.sameAgency = priorDates.map((d, i) => other({ inspectionId: 200 + i, date: d, open: false }));
      edit(x);
    });

  it('the 2nd routine inspection of the year passes', () => {
    expect(run('cap', withPrior('2025-09-01', ['2025-03-01']))).toEqual([]);
  });

  it('the 3rd routine inspection of the year warns; the override needs the approval number', () => {
    const out = run('cap', withPrior('2025-09-01', ['2025-03-01', '2025-06-10']));
    expect(out).toEqual([
      {
        ruleId: 'cap',
        effect: 'warn',
        message:
          '湘潭县市场监督管理局2025年已对“湘潭华宇机械有限公司”实施日常检查 2 次（2025年3月1日、2025年6月10日），本次为第 3 次，超过每年 2 次的上限；须报同级人民政府同意，并登记批准文号',
        basis: '湘政办发〔2025〕5号（九）；《湖南省优化营商环境条例》第四十二条；磐安县实施意见（征求意见稿）起草说明（二）1（2）',
        overridable: true,
        needsApprovalNumber: true,
        data: { year: 2025, ordinal: 3, cap: 2, priorIds: [200, 201] },
      },
    ]);
  });

  it('31 December and 1 January are different years', () => {
    expect(run('cap', withPrior('2025-01-01', ['2024-06-01', '2024-12-31']))).toEqual([]);
    expect(run('cap', withPrior('2024-12-31', ['2024-06-01', '2024-09-30']))).toHaveLength(1);
    expect(run('cap', withPrior('2025-12-31', ['2025-01-01', '2025-06-01']))).toHaveLength(1);
  });

  it('counts by date order: an earlier-scheduled inspection is not "after" a later one', () => {
    // This one is on 03-01; the other two come later in the year, so this is the 1st.
    expect(run('cap', withPrior('2025-03-01', ['2025-06-01', '2025-09-01']))).toEqual([]);
  });

  it('triggered and special inspections do not count, unless the office counts triggered ones', () => {
    const f = withPrior('2025-09-01', ['2025-03-01'], (x) => {
      x.history.sameAgency.push(other({ inspectionId: 300, date: '2025-05-01', kind: 'triggered' }));
      x.history.sameAgency.push(other({ inspectionId: 301, date: '2025-05-02', kind: 'special' }));
    });
    expect(run('cap', f)).toEqual([]);
    expect(run('cap', f, { triggeredCountsTowardCap: true })[0]?.data).toMatchObject({ ordinal: 3 });
    f.inspection.kind = 'triggered';
    expect(run('cap', f)).toEqual([]);
  });

  it('off-site checks count only when the office says so', () => {
    const f = withPrior('2025-09-01', ['2025-03-01'], (x) => {
      x.history.sameAgency.push(other({ inspectionId: 302, date: '2025-05-01', kind: 'offsite', onsite: false }));
    });
    expect(run('cap', f)).toEqual([]);
    expect(run('cap', f, { offsiteCountsTowardCap: true })).toHaveLength(1);
  });

  it('the cap is configurable, and the inspection itself in the history is not counted twice', () => {
    const f = withPrior('2025-09-01', ['2025-03-01', '2025-06-10'], (x) => {
      x.history.sameAgency.push(other({ inspectionId: 100, date: '2025-09-01' }));
    });
    expect(run('cap', f, { cap: 3 })).toEqual([]);
    expect(run('cap', f)[0]?.data).toMatchObject({ ordinal: 3 });
  });
});

describe('triggered: source recorded, no bursts', () => {
  const trig = (edit: (f: ReturnType<typeof facts>) => void = () => undefined): ReturnType<typeof facts> =>
    planning('2025-06-30', (x) => {
      x.inspection.kind = 'triggered';
      x.inspection.triggerSource = 'complaint';
      x.inspection.triggerRef = '12345-2025-0618';
      edit(x);
    });

  it('a triggered inspection with source and reference passes', () => {
    expect(run('triggered', trig())).toEqual([]);
  });

  it('blocks without a source, then without a reference number', () => {
    expect(run('triggered', trig((x) => (x.inspection.triggerSource = null)))[0]).toMatchObject({
      effect: 'block',
      message: '触发式检查须登记线索来源（投诉举报、转办交办、数据监测、企业申请）',
    });
    expect(run('triggered', trig((x) => (x.inspection.triggerRef = null)))[0]?.message).toBe('触发式检查须登记线索编号（投诉举报的编号或文号）');
    expect(run('triggered', trig((x) => ((x.inspection.triggerSource = null), (x.inspection.status = 'draft'))))).toEqual([]);
  });

  it('the 3rd triggered inspection within 30 days warns; the 2nd does not', () => {
    const prior = (dates: string[]): ReturnType<typeof facts> =>
      trig((x) => (x.history.sameAgency = dates.map((d, i) => other({ inspectionId: 400 + i, date: d, kind: 'triggered' }))));
    expect(run('triggered', prior(['2025-06-10']))).toEqual([]);
    const out = run('triggered', prior(['2025-06-10', '2025-06-20']));
    expect(out).toEqual([
      expect.objectContaining({
        effect: 'warn',
        overridable: true,
        message:
          '30 天内湘潭县市场监督管理局已对“湘潭华宇机械有限公司”实施触发式检查 2 次（2025年6月10日、2025年6月20日），本次为第 3 次，可能明显超过合理频次；继续检查须经负责人同意并说明理由',
      }),
    ]);
  });

  it('the window is the 30 days ending on the inspection date: 06-01 is inside, 05-31 outside', () => {
    const prior = (first: string): ReturnType<typeof facts> =>
      trig((x) => (x.history.sameAgency = [other({ inspectionId: 401, date: first, kind: 'triggered' }), other({ inspectionId: 402, date: '2025-06-15', kind: 'triggered' })]));
    expect(run('triggered', prior('2025-06-01'))).toHaveLength(1);
    expect(run('triggered', prior('2025-05-31'))).toEqual([]);
    expect(run('triggered', prior('2025-05-31'), { burst: { count: 3, days: 31 } })).toHaveLength(1);
    expect(run('triggered', prior('2025-06-01'), { burst: { count: 4, days: 30 } })).toEqual([]);
  });

  it('routine inspections do not make a burst', () => {
    const f = trig((x) => (x.history.sameAgency = [other({ inspectionId: 403, date: '2025-06-10' }), other({ inspectionId: 404, date: '2025-06-20' })]));
    expect(run('triggered', f)).toEqual([]);
  });
});

describe('merge: 综合查一次', () => {
  it('advises merging with an open inspection of the same agency, with its id for one-click merge', () => {
    const f = planning('2025-07-01', (x) => (x.history.related = [other({ inspectionId: 501, date: '2025-07-15', open: true, kind: 'random' })]));
    expect(run('merge', f)).toEqual([
      expect.objectContaining({
        effect: 'advise',
        message: '湘潭县市场监督管理局对“湘潭华宇机械有限公司”还有尚未实施的双随机抽查（检查 #501，计划于2025年7月15日），同一主体对同一对象的多项检查原则上应合并一次进行（综合查一次）',
        data: { mergeWith: 501 },
      }),
    ]);
  });

  it('a triggered inspection and a pending planned task: the 湘（十）note and basis', () => {
    const f = planning('2025-07-01', (x) => {
      x.inspection.kind = 'triggered';
      x.history.sameAgency = [other({ inspectionId: 502, date: null, open: true })];
    });
    const [one] = run('merge', f);
    expect(one?.message).toMatch(/触发式检查内容能覆盖计划检查内容的，可视为已完成该计划检查任务$/u);
    expect(one?.basis).toMatch(/湘政办发〔2025〕5号（十）$/u);
  });

  it('the window: 30 days apart is inside, 31 outside; done, other-agency and own inspections are not merge candidates', () => {
    const at = (date: string): ReturnType<typeof facts> => planning('2025-07-01', (x) => (x.history.related = [other({ inspectionId: 503, date, open: true })]));
    expect(run('merge', at('2025-07-31'))).toHaveLength(1);
    expect(run('merge', at('2025-08-01'))).toEqual([]);
    expect(run('merge', at('2025-08-01'), { multiAgencyWindowDays: 31 })).toHaveLength(1);
    const f = planning('2025-07-01', (x) => {
      x.history.related = [
        other({ inspectionId: 504, date: '2025-07-02', open: false }),
        other({ inspectionId: 505, date: '2025-07-02', open: true, agencyId: 2, agencyName: '县应急管理局' }),
        other({ inspectionId: 100, date: '2025-07-01', open: true }),
      ];
    });
    expect(run('merge', f)).toEqual([]);
  });

  it('says nothing once the inspection is under way', () => {
    const f = facts((x) => (x.history.related = [other({ inspectionId: 506, date: '2025-06-12', open: true })]));
    expect(run('merge', f)).toEqual([]);
  });
});

describe('joint: 多头检查', () => {
  const ying = { agencyId: 2, agencyName: '县应急管理局' };

  it("advises a joint inspection with another agency's open inspection", () => {
    const f = planning('2025-07-01', (x) => (x.history.related = [other({ inspectionId: 601, date: '2025-07-08', open: true, ...ying })]));
    expect(run('joint', f)).toEqual([
      expect.objectContaining({
        effect: 'advise',
        message:
          '县应急管理局也将对“湘潭华宇机械有限公司”实施计划检查（检查 #601，计划于2025年7月8日）；两个以上部门对同一企业实施检查且可以同时开展的，应实行跨部门联合检查',
        data: { inspectionId: 601, agencyId: 2 },
      }),
    ]);
  });

  it("points at another agency's recent visit; not when it is outside the window or already joint", () => {
    const f = planning('2025-07-01', (x) => (x.history.related = [other({ inspectionId: 602, date: '2025-06-20', ...ying })]));
    expect(run('joint', f)[0]?.message).toBe('县应急管理局已于2025年6月20日检查过“湘潭华宇机械有限公司”（检查 #602），请避免多头、重复检查，能共享检查结果的不再入企');
    expect(run('joint', f, { multiAgencyWindowDays: 10 })).toEqual([]);
    f.inspection.jointAgencies = [{ id: 2, name: '县应急管理局', hasEnforcementPower: true }];
    expect(run('joint', f)).toEqual([]);
  });

  it('the same agency is the merge rule, not this one', () => {
    const f = planning('2025-07-01', (x) => (x.history.related = [other({ inspectionId: 603, date: '2025-07-08', open: true })]));
    expect(run('joint', f)).toEqual([]);
  });
});

describe('grading: fewer checks for high grades and the whitelist, more for low grades and key supervision', () => {
  it('is silent for an ordinary (yellow) enterprise', () => {
    expect(run('grading', planning('2025-07-01'))).toEqual([]);
  });

  it('advises fewer checks for the whitelist and a green grade, with this year count', () => {
    const f = planning('2025-07-01', (x) => {
      x.enterprise.whitelist = true;
      x.enterprise.grade = 'green';
      x.history.sameAgency = [other({ inspectionId: 701, date: '2025-03-01' })];
    });
    expect(run('grading', f).map((x) => x.message)).toEqual([
      '“湘潭华宇机械有限公司”列入执法检查“白名单”，应减少检查频次（本年度湘潭县市场监督管理局已对其日常检查 1 次）',
      '“湘潭华宇机械有限公司”综合评价等次高（绿色），宜合理降低检查频次（本年度湘潭县市场监督管理局已对其日常检查 1 次）',
    ]);
  });

  it('advises more checks for key supervision and a red grade', () => {
    const f = planning('2025-07-01', (x) => {
      x.enterprise.keySupervision = true;
      x.enterprise.grade = 'red';
    });
    const out = run('grading', f);
    expect(out.map((x) => x.effect)).toEqual(['advise', 'advise']);
    expect(out[0]?.message).toMatch(/列入重点监管企业名单，应提高监管力度、增加检查频次/u);
    expect(out[1]?.message).toMatch(/综合评价等次低（红色），宜适当提高检查频次/u);
  });

  it('does not advise on triggered inspections or after the visit', () => {
    const trig = planning('2025-07-01', (x) => ((x.inspection.kind = 'triggered'), (x.enterprise.whitelist = true)));
    expect(run('grading', trig)).toEqual([]);
    expect(run('grading', facts((x) => (x.enterprise.whitelist = true)))).toEqual([]);
  });
});
