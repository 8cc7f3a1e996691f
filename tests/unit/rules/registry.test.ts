import { describe, expect, it } from 'vitest';
import {
  RULES,
  RULE_IDS,
  blockingFindings,
  evaluateAll,
  inspectionFactsSchema,
  ruleSettingsSchema,
} from '../../../shared/rules';
import { TODAY, facts, other, planning } from './fixtures';

// The citations as DOMAIN.md §2 gives them; a change here must be a deliberate change there.
const EXPECTED_BASIS: Record<(typeof RULE_IDS)[number], string> = {
  subject: '湘政办发〔2025〕5号（一）；国办发〔2024〕54号',
  officers: '湘政办发〔2025〕5号（三）；磐安县实施意见（征求意见稿）起草说明（一）1',
  two: '《重庆规范涉企行政检查办法》第十五条；执法通行做法',
  listed: '湘政办发〔2025〕5号（四）至（六）',
  cap: '湘政办发〔2025〕5号（九）；《湖南省优化营商环境条例》第四十二条；磐安县实施意见（征求意见稿）起草说明（二）1（2）',
  triggered: '湘政办发〔2025〕5号（十）；磐安县实施意见（征求意见稿）起草说明（二）1（2）',
  merge: '湘政办发〔2025〕5号（九）；磐安县实施意见（征求意见稿）起草说明（三）2',
  joint: '潭优发〔2024〕2号三（一）3；磐安县实施意见（征求意见稿）起草说明（三）2；国办发〔2024〕54号（能联合的不得多头检查）',
  offsite: '湘政办发〔2025〕5号（七）',
  approval: '湘政办发〔2025〕5号（十一）',
  filing: '潭优发〔2024〕2号三（一）1',
  code: '湘政办发〔2025〕5号（十二）；磐安县实施意见（征求意见稿）起草说明（二）2（1）',
  notice: '湘政办发〔2025〕5号（十六）',
  feedback: '湘政办发〔2025〕5号（十七）',
  transfer: '湘政办发〔2025〕5号（十八）',
  remote: '湘政办发〔2025〕5号（二）',
  special: '湘政办发〔2025〕5号（十四）（十五）',
  grading: '湘政办发〔2025〕5号（九）；潭优发〔2024〕2号三（三）9；磐安县实施意见（征求意见稿）起草说明（三）3',
  dates: '记录一致性校验（各环节日期的先后），非法规条款',
};

describe('the rule registry', () => {
  it('holds every rule once, in the documented order, with title, effect and basis', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const r of RULES) {
      expect(r.title, r.id).toMatch(/[\u4e00-\u9fff]/u);
      expect(r.basis, r.id).toBe(EXPECTED_BASIS[r.id]);
      expect(['block', 'warn', 'advise']).toContain(r.effect);
    }
  });

  it('names only real settings', () => {
    const keys = Object.keys(ruleSettingsSchema.shape);
    for (const r of RULES) for (const s of r.settings) expect(keys, r.id).toContain(s);
  });
});

describe('evaluateAll', () => {
  it('finds nothing wrong with the clean inspection (no false alarms)', () => {
    expect(evaluateAll(facts(), { today: TODAY })).toEqual([]);
  });

  it('orders blocks, then warnings, then advice, and every finding names its own rule', () => {
    const f = planning('2025-09-01', (x) => {
      x.inspection.status = 'approved';
      x.team = [];
      x.enterprise.whitelist = true;
      x.history.sameAgency = [other({ inspectionId: 1, date: '2025-02-01' }), other({ inspectionId: 2, date: '2025-05-01' })];
    });
    const out = evaluateAll(f, { today: TODAY });
    expect(out.map((x) => `${x.effect}:${x.ruleId}`)).toEqual(['block:two', 'warn:cap', 'advise:grading']);
    for (const x of out) {
      expect(x.message).not.toMatch(/undefined|null|NaN/u);
      expect(x.overridable).toBe(x.effect === 'warn');
    }
  });

  it("a head's override lifts a warning; the cap's needs the government's approval number", () => {
    const f = planning('2025-09-01', (x) => {
      x.history.sameAgency = [other({ inspectionId: 1, date: '2025-02-01' }), other({ inspectionId: 2, date: '2025-05-01' })];
    });
    const before = evaluateAll(f, { today: TODAY });
    expect(blockingFindings(before).map((x) => x.ruleId)).toEqual(['cap']);

    f.overrides = [{ ruleId: 'cap', approvalNo: null, reason: '上级交办' }];
    const noNumber = evaluateAll(f, { today: TODAY });
    expect(noNumber[0]?.overridden).toBe(false);
    expect(blockingFindings(noNumber)).toHaveLength(1);

    f.overrides = [{ ruleId: 'cap', approvalNo: '湘潭县政函〔2025〕18号', reason: '县政府同意第三次检查' }];
    const withNumber = evaluateAll(f, { today: TODAY });
    expect(withNumber[0]).toMatchObject({ ruleId: 'cap', overridden: true });
    expect(blockingFindings(withNumber)).toEqual([]);
  });

  it('an override never lifts a block', () => {
    const f = facts((x) => {
      x.inspection.leadAgency.hasEnforcementPower = false;
      x.overrides = [{ ruleId: 'subject', approvalNo: 'x', reason: 'y' }];
    });
    const out = evaluateAll(f, { today: TODAY });
    expect(out[0]?.overridden).toBeUndefined();
    expect(blockingFindings(out).map((x) => x.ruleId)).toEqual(['subject']);
  });

  it('fills in the default settings', () => {
    expect(ruleSettingsSchema.parse({ today: TODAY })).toEqual({
      today: TODAY,
      cap: 2,
      triggeredCountsTowardCap: false,
      offsiteCountsTowardCap: false,
      followsXiangtanFiling: true,
      burst: { count: 3, days: 30 },
      multiAgencyWindowDays: 30,
      calendar: [],
    });
    expect(() => ruleSettingsSchema.parse({ today: '2025-02-29' })).toThrow(/日期应为有效的“年-月-日”/u);
  });
});

describe('InspectionFacts schema', () => {
  it('accepts what the service fills in, with defaults for optional flags', () => {
    const f = facts();
    const raw: Record<string, unknown> = JSON.parse(JSON.stringify(f));
    const team = (raw.team as Record<string, unknown>[]).map(({ deleted: _deleted, ...m }) => m);
    expect(inspectionFactsSchema.parse({ ...raw, team })).toEqual(f);
  });

  it('rejects an impossible date and an unknown kind', () => {
    const f = facts();
    const bad = { ...f, inspection: { ...f.inspection, actualStart: '2025-06-31' } };
    expect(inspectionFactsSchema.safeParse(bad).success).toBe(false);
    const badKind = { ...f, inspection: { ...f.inspection, kind: '检查' } };
    expect(inspectionFactsSchema.safeParse(badKind).success).toBe(false);
  });
});
