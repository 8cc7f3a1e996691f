import { describe, expect, it } from 'vitest';
import { facts, planning, run } from './fixtures';

describe('listed: 清单之外无检查', () => {
  it('a published or superseded version on the lead agency list passes', () => {
    expect(run('listed', facts())).toEqual([]);
    const f = facts((x) => {
      const it = x.items[0];
      if (it) it.status = 'superseded';
    });
    expect(run('listed', f)).toEqual([]);
  });

  it('an item retired after it was chosen blocks, naming the item, version and date', () => {
    const f = planning('2025-07-01', (x) => {
      const it = x.items[0];
      if (it) Object.assign(it, { status: 'retired', retiredOn: '2025-06-15' });
    });
    const out = run('listed', f);
    expect(out).toEqual([
      expect.objectContaining({
        effect: 'block',
        message: '检查事项“产品质量监督检查”（第 2 版）已于2025年6月15日从检查事项清单中取消，不能再据此检查；请改选现行清单中的事项',
        data: { itemId: 11, version: 2 },
      }),
    ]);
  });

  it('an inspection carried out before the retirement stays valid; on the retirement day it does not', () => {
    const retired = (on: string): ReturnType<typeof facts> =>
      facts((x) => {
        const it = x.items[0];
        if (it) Object.assign(it, { status: 'retired', retiredOn: on });
      });
    expect(run('listed', retired('2025-06-11'))).toEqual([]);
    expect(run('listed', retired('2025-06-10'))).toHaveLength(1);
  });

  it("blocks an unpublished item and another agency's item; a joint agency's item is fine", () => {
    const f = facts((x) => {
      x.items.push(
        { itemId: 12, name: '特种设备安全检查', version: 1, status: 'draft', retiredOn: null, agencyId: 1, noDisturb: false },
        { itemId: 13, name: '消防安全检查', version: 3, status: 'published', retiredOn: null, agencyId: 9, noDisturb: false },
      );
    });
    expect(run('listed', f).map((x) => x.message)).toEqual([
      '检查事项“特种设备安全检查”（第 1 版）尚未公布，清单之外无检查',
      '检查事项“消防安全检查”（第 3 版）不在湘潭县市场监督管理局公布的涉企行政检查事项清单内',
    ]);
    f.inspection.jointAgencies = [{ id: 9, name: '县消防救援大队', hasEnforcementPower: true }];
    expect(run('listed', f)).toHaveLength(1);
  });

  it('no item at all blocks once past the draft', () => {
    expect(run('listed', facts((x) => (x.items = [])))[0]?.message).toBe('未选择检查事项：行政检查须依据已公布的涉企行政检查事项清单实施');
    expect(run('listed', planning('2025-07-01', (x) => ((x.items = []), (x.inspection.status = 'draft'))))).toEqual([]);
  });
});

describe('offsite: 无扰检查', () => {
  const offsite = (edit: (f: ReturnType<typeof facts>) => void = () => undefined): ReturnType<typeof facts> =>
    facts((x) => {
      x.inspection.kind = 'offsite';
      x.inspection.onsite = false;
      x.inspection.steps.codeRegisteredAt = null;
      x.inspection.steps.onsiteRecordedAt = null;
      x.inspection.steps.offsiteRecordedAt = '2025-06-10';
      edit(x);
    });

  it('an off-site check with its off-site record passes', () => {
    expect(run('offsite', offsite())).toEqual([]);
  });

  it('an off-site check at the record step without an off-site record blocks', () => {
    const out = run('offsite', offsite((x) => (x.inspection.steps.offsiteRecordedAt = null)));
    expect(out).toEqual([expect.objectContaining({ effect: 'block', message: '非现场检查也须制作非现场检查记录，尚未登记' })]);
  });

  it('an off-site check that went on site blocks, saying what shows it', () => {
    const out = run('offsite', offsite((x) => (x.inspection.steps.codeRegisteredAt = '2025-06-10')));
    expect(out[0]?.message).toBe('非现场检查不得入企实施现场检查（已有扫码入企登记）；确需入企的，应改为现场检查并办理审批');
    const contradictory = run('offsite', offsite((x) => (x.inspection.onsite = true)));
    expect(contradictory[0]?.message).toBe('检查类型为非现场检查，却标记为现场检查：非现场检查不得入企');
  });

  it('advises off-site means when an on-site plan holds 无扰 items', () => {
    const all = planning('2025-07-01', (x) => {
      const it = x.items[0];
      if (it) it.noDisturb = true;
    });
    expect(run('offsite', all)).toEqual([
      expect.objectContaining({
        effect: 'advise',
        message: '所选事项“产品质量监督检查”均为“无扰检查”事项，应通过书面核查、信息共享等非现场方式检查，不入企实施现场检查',
      }),
    ]);
    all.items.push({ itemId: 14, name: '广告发布检查', version: 1, status: 'published', retiredOn: null, agencyId: 1, noDisturb: false });
    expect(run('offsite', all)[0]?.message).toBe('事项“产品质量监督检查”为“无扰检查”事项，应通过非现场方式核查，不必为此入企');
    expect(run('offsite', planning('2025-07-01'))).toEqual([]);
  });
});

describe('special: 专项检查 needs the government approval number', () => {
  it('blocks without the number once past the draft, passes with it', () => {
    const f = planning('2025-07-01', (x) => (x.inspection.kind = 'special'));
    expect(run('special', f)).toEqual([
      expect.objectContaining({
        effect: 'block',
        basis: '湘政办发〔2025〕5号（十四）（十五）',
        message: '专项检查计划须经本级人民政府（或垂直管理的上一级行政机关）批准后备案并公布，请登记批准文号',
      }),
    ]);
    f.inspection.specialApprovalNo = '湘潭县政函〔2025〕31号';
    expect(run('special', f)).toEqual([]);
    f.inspection.specialApprovalNo = null;
    f.inspection.status = 'draft';
    expect(run('special', f)).toEqual([]);
  });

  it('does not concern other kinds', () => {
    expect(run('special', facts())).toEqual([]);
  });
});
