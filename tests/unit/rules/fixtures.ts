/**
 * A clean on-site planned inspection (every rule satisfied) and helpers to bend it one fact at
 * a time, so each test shows exactly which fact makes a rule speak.
 */
import {
  type Finding,
  type InspectionFacts,
  type OtherInspection,
  RULE_BY_ID,
  type RuleDef,
  type RuleId,
  type RuleSettings,
  type RuleSettingsInput,
  ruleSettingsSchema,
} from '../../../shared/rules';

export const TODAY = '2025-06-20';

const BASE: InspectionFacts = {
  inspection: {
    id: 100,
    kind: 'planned',
    triggerSource: null,
    triggerRef: null,
    specialApprovalNo: null,
    onsite: true,
    leadAgency: { id: 1, name: '湘潭县市场监督管理局', hasEnforcementPower: true },
    jointAgencies: [],
    plannedDate: '2025-06-10',
    actualStart: '2025-06-10',
    actualEnd: '2025-06-10',
    status: 'recorded',
    steps: {
      approvedAt: '2025-06-03',
      approverLevel: 'head',
      filedAt: '2025-06-05',
      notifiedAt: '2025-06-06',
      codeRegisteredAt: '2025-06-10',
      onsiteRecordedAt: '2025-06-10',
      offsiteRecordedAt: null,
      feedbackAt: '2025-06-12',
    },
    emergency: false,
    emergencyReason: null,
    noNoticeReason: null,
    filingRequired: true,
    filingExemption: null,
    remote: { outOfJurisdiction: false, reportedAt: null },
    transfer: { required: false, foundAt: null, transferredAt: null },
    rectification: { deadline: null, verifiedAt: null },
  },
  enterprise: { id: 7, name: '湘潭华宇机械有限公司', grade: 'yellow', whitelist: false, keySupervision: false, park: null },
  items: [
    { itemId: 11, name: '产品质量监督检查', version: 2, status: 'published', retiredOn: null, agencyId: 1, noDisturb: false },
  ],
  team: [
    {
      officerId: 21,
      name: '张明',
      kind: 'officer',
      certNo: '43030021001',
      validFrom: '2023-01-01',
      validTo: '2027-12-31',
      status: 'active',
      deleted: false,
    },
    {
      officerId: 22,
      name: '李芳',
      kind: 'officer',
      certNo: '43030021002',
      validFrom: '2023-01-01',
      validTo: '2027-12-31',
      status: 'active',
      deleted: false,
    },
  ],
  history: { sameAgency: [], related: [] },
  overrides: [],
};

/** A fresh copy of the clean inspection, changed by `edit`. */
export function facts(edit: (f: InspectionFacts) => void = () => undefined): InspectionFacts {
  const f = structuredClone(BASE);
  edit(f);
  return f;
}

/** A planned, not yet started inspection (status approved, planned for `date`). */
export function planning(date: string, edit: (f: InspectionFacts) => void = () => undefined): InspectionFacts {
  return facts((f) => {
    const i = f.inspection;
    i.status = 'approved';
    i.plannedDate = date;
    i.actualStart = null;
    i.actualEnd = null;
    i.steps = { ...i.steps, approvedAt: null, approverLevel: null, filedAt: null, notifiedAt: null, codeRegisteredAt: null, onsiteRecordedAt: null, feedbackAt: null };
    edit(f);
  });
}

/** Another inspection of the same enterprise, for the history lists. */
export function other(partial: Partial<OtherInspection> & { inspectionId: number }): OtherInspection {
  return { agencyId: 1, agencyName: '湘潭县市场监督管理局', kind: 'planned', onsite: true, date: null, open: false, ...partial };
}

export function settings(input: Partial<RuleSettingsInput> = {}): RuleSettings {
  return ruleSettingsSchema.parse({ today: TODAY, ...input });
}

export function rule(id: RuleId): RuleDef {
  const r = RULE_BY_ID.get(id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

/** Runs one rule with the default settings (today = TODAY) changed by `input`. */
export function run(id: RuleId, f: InspectionFacts, input: Partial<RuleSettingsInput> = {}): Finding[] {
  return rule(id).evaluate(f, settings(input));
}

export function effects(findings: readonly Finding[]): string[] {
  return findings.map((x) => x.effect);
}
