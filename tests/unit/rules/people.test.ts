import { describe, expect, it } from 'vitest';
import { facts, planning, run } from './fixtures';

describe('subject: only an agency with enforcement power inspects', () => {
  it('is silent for an enforcement agency', () => {
    expect(run('subject', facts())).toEqual([]);
  });

  it('blocks a lead or joint body without enforcement power, naming it', () => {
    const f = facts((x) => {
      x.inspection.leadAgency = { id: 1, name: '县优化营商环境协调事务中心', hasEnforcementPower: false };
      x.inspection.jointAgencies = [
        { id: 2, name: '县应急管理局', hasEnforcementPower: true },
        { id: 3, name: '某检验检测公司', hasEnforcementPower: false },
      ];
    });
    const out = run('subject', f);
    expect(out.map((x) => x.effect)).toEqual(['block', 'block']);
    expect(out[0]?.message).toMatch(/^牵头单位“县优化营商环境协调事务中心”不具备行政检查主体资格/u);
    expect(out[1]?.message).toMatch(/^联合单位“某检验检测公司”/u);
    expect(out[0]?.basis).toBe('湘政办发〔2025〕5号（一）；国办发〔2024〕54号');
    expect(out[0]?.overridable).toBe(false);
  });
});

describe('officers: a valid certificate on the inspection date', () => {
  const withCert = (validTo: string, validFrom = '2023-01-01'): ReturnType<typeof facts> =>
    facts((x) => {
      const m = x.team[0];
      if (m) Object.assign(m, { validFrom, validTo });
    });

  it('a certificate expiring the day before the inspection blocks', () => {
    const out = run('officers', withCert('2025-06-09'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ effect: 'block', data: { officerId: 21 } });
    expect(out[0]?.message).toBe('检查人员“张明”的执法证（43030021001）已于2025年6月9日到期，检查日期为2025年6月10日');
  });

  it('a certificate expiring on the inspection date is still valid', () => {
    expect(run('officers', withCert('2025-06-10'))).toEqual([]);
  });

  it('a certificate expiring the day after the inspection date is valid', () => {
    expect(run('officers', withCert('2025-06-11'))).toEqual([]);
  });

  it('a certificate valid from the inspection date is valid; from the day after is not yet', () => {
    expect(run('officers', withCert('2029-12-31', '2025-06-10'))).toEqual([]);
    expect(run('officers', withCert('2029-12-31', '2025-06-11'))[0]?.message).toMatch(/自2025年6月11日起有效，检查日期2025年6月10日尚未生效/u);
  });

  it('checks the last day of a multi-day inspection too', () => {
    const f = facts((x) => {
      x.inspection.actualEnd = '2025-06-12';
      const m = x.team[1];
      if (m) m.validTo = '2025-06-11';
    });
    expect(run('officers', f)[0]?.message).toMatch(/“李芳”.*已于2025年6月11日到期，检查日期为2025年6月12日/u);
  });

  it('uses the planned date before the inspection starts', () => {
    const f = planning('2025-07-01', (x) => {
      const m = x.team[0];
      if (m) m.validTo = '2025-06-30';
    });
    expect(run('officers', f)[0]?.message).toMatch(/检查日期为2025年7月1日/u);
  });

  it('never lets auxiliary staff inspect, nor disabled or deleted roster entries, nor anyone without a certificate', () => {
    const f = facts((x) => {
      x.team.push(
        { officerId: 31, name: '王协', kind: 'auxiliary', certNo: null, validFrom: null, validTo: null, status: 'active', deleted: false },
        { officerId: 32, name: '赵停', kind: 'officer', certNo: '1', validFrom: '2023-01-01', validTo: '2027-12-31', status: 'disabled', deleted: false },
        { officerId: 33, name: '钱删', kind: 'officer', certNo: '2', validFrom: '2023-01-01', validTo: '2027-12-31', status: 'active', deleted: true },
        { officerId: 34, name: '孙无证', kind: 'officer', certNo: null, validFrom: null, validTo: null, status: 'active', deleted: false },
        { officerId: 35, name: '周无期', kind: 'officer', certNo: '3', validFrom: null, validTo: null, status: 'active', deleted: false },
      );
    });
    const messages = run('officers', f).map((x) => x.message);
    expect(messages).toEqual([
      '“王协”是执法辅助人员，不得实施行政检查（执法辅助人员、网格员、临时工等未取得执法证件的人员不得实施检查）',
      '检查人员“赵停”已停用，不能参加检查',
      '检查人员“钱删”已从人员名册中删除，不能参加检查',
      '检查人员“孙无证”未登记执法证号，不得实施行政检查',
      '检查人员“周无期”的执法证（3）未登记有效期',
    ]);
  });
});

describe('two: at least two certified inspectors', () => {
  it('two certified inspectors pass', () => {
    expect(run('two', facts())).toEqual([]);
  });

  it('one certified inspector plus an auxiliary is one: blocks', () => {
    const f = facts((x) => {
      const m = x.team[1];
      if (m) Object.assign(m, { kind: 'auxiliary' });
    });
    const out = run('two', f);
    expect(out).toEqual([
      expect.objectContaining({ effect: 'block', message: '持有效执法证的检查人员只有 1 人（张明），行政检查至少需要 2 名执法人员' }),
    ]);
  });

  it('the same officer listed twice counts once', () => {
    const f = facts((x) => {
      const first = x.team[0];
      if (first) x.team = [first, { ...first }];
    });
    expect(run('two', f)[0]?.message).toMatch(/只有 1 人（张明）/u);
  });

  it('an empty team blocks once the plan leaves the draft, not in the draft', () => {
    expect(run('two', facts((x) => (x.team = [])))[0]?.message).toBe('没有持有效执法证的检查人员，行政检查至少需要 2 名执法人员');
    const draft = planning('2025-07-01', (x) => {
      x.inspection.status = 'draft';
      x.team = [];
    });
    expect(run('two', draft)).toEqual([]);
  });

  it('an expired certificate on the day makes the count fall below two', () => {
    const f = facts((x) => {
      const m = x.team[0];
      if (m) m.validTo = '2025-06-09';
    });
    expect(run('two', f)).toHaveLength(1);
  });
});
