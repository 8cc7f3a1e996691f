import type { Db } from '../../db/database';
import { addWorkingDays } from '../../../shared/calendar';
import type { InspectionDocumentKind, Supplement } from '../../../shared/api/documents';
import type { DocumentInput, TASK_SOURCES } from '../../../shared/schemas/documents';
import { priorCapped } from '../../../shared/rules/helpers';
import { buildFacts, draftOf, loadRow } from '../inspections/facts';
import { ruleSettingsFor } from '../inspections/settings';
import { ordinalThisYear, type InspectionContext, type Office } from './context';

/**
 * One mapper per kind: the inspection's data in the database (and the user's supplement) →
 * the kind's DocumentData. Nothing is invented: a value the archive does not hold is left
 * undefined, and `missingFields` then names it in Chinese. Defaults that are facts of the
 * archive (the leader as contact, the enterprise's address as the place, the time the
 * 进入现场 step was registered) are used only where the user has not filled the supplement.
 */

/** Stands in for the number while checking what is missing (the real one is taken at generation). */
export const NUMBER_PLACEHOLDER = '（生成时编号）';

export interface MapMeta {
  /** The document's number; undefined when the kind's pattern is blank. */
  docNumber: string | undefined;
  issueDate: string;
}

type Draft<K extends InspectionDocumentKind> = { [P in keyof DocumentInput<K>]?: unknown };

const orUndef = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const nonEmpty = <T>(xs: T[]): T[] | undefined => (xs.length ? xs : undefined);
const unique = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

/** 'HH:mm' of a UTC ISO instant in China time. */
function shanghaiClock(at: string): { date: string; time: string } {
  const s = new Date(Date.parse(at) + 8 * 3_600_000).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
}

/** The time of a step on its recorded date, when the step was registered that same day. */
function stepTime(c: InspectionContext, action: string, date: string | null): string | undefined {
  const e = c.events.get(action);
  if (!e || !date) return undefined;
  const t = shanghaiClock(e.at);
  return t.date === date ? t.time : undefined;
}

const dateTime = (date: string | null | undefined, time: string | null | undefined) => (date && time ? `${date}T${time}` : undefined);

export function agencyName(c: InspectionContext, o: Office): string {
  return o.settings.agencyName.trim() || c.agency.name;
}

export function agencyAbbr(c: InspectionContext, o: Office): string {
  return o.settings.abbr.trim() || c.agency.shortName;
}

type Member = InspectionContext['team'][number];
const asOfficer = (t: Member) => ({ name: t.name, certificateNo: t.certNo ?? '' });
const officers = (c: InspectionContext) => c.team.filter((t) => !t.auxiliary).map(asOfficer);
const leaderOf = (c: InspectionContext) => c.team.find((t) => t.leader && !t.auxiliary) ?? c.team.find((t) => !t.auxiliary);
const basisOf = (c: InspectionContext) => orUndef(c.row.basis) ?? orUndef(unique(c.items.map((i) => i.basis)).join('；'));
const contentOf = (c: InspectionContext) => orUndef(c.row.content) ?? orUndef(unique(c.items.map((i) => i.content)).join('；'));
const methodOf = (c: InspectionContext) => (c.joint.length ? '联合检查' : c.row.onsite === 1 ? '现场检查' : '非现场检查') as '联合检查' | '现场检查' | '非现场检查';
const assistants = (c: InspectionContext) => c.team.filter((t) => t.auxiliary).length;

/** Values used where the supplement is blank; also shown to the user as hints. */
export function defaultsOf(c: InspectionContext): Record<string, string> {
  const leader = leaderOf(c);
  const out: Record<string, string> = {};
  const put = (k: string, v: string | null | undefined) => {
    if (v) out[k] = v;
  };
  put('contactName', leader?.name);
  put('contactPhone', leader?.phone ?? c.agency.phone);
  put('startTime', stepTime(c, c.row.onsite === 1 ? 'enter' : 'record', c.row.actual_start));
  put('endTime', stepTime(c, 'record', c.row.actual_end ?? c.row.actual_start));
  put('recorder', c.events.get('record')?.who);
  put('conclusion', conclusionOf(c, { ...c.supplement, conclusion: null }));
  return out;
}

function contact(c: InspectionContext) {
  const d = defaultsOf(c);
  return { name: orUndef(c.supplement.contactName) ?? d.contactName, phone: orUndef(c.supplement.contactPhone) ?? d.contactPhone };
}

/** 未发现问题 / 发现问题: the user's, else what the outcome or the problems listed say. */
function conclusionOf(c: InspectionContext, s: Supplement): '未发现问题' | '发现问题' | undefined {
  if (s.conclusion) return s.conclusion;
  if (s.problems.length) return '发现问题';
  if (c.row.outcome === 'no_problem') return '未发现问题';
  if (c.row.outcome) return '发现问题';
  return undefined;
}

/** The rectification deadline: the one recorded at 办结, else the office's default period in working days. */
export function rectifyDeadline(c: InspectionContext, o: Office, issueDate: string): string | undefined {
  if (c.row.rectification_deadline) return c.row.rectification_deadline;
  const n = o.settings.defaultRectifyWorkingDays;
  return n ? addWorkingDays(issueDate, n, o.calendar).date : undefined;
}

/** 任务来源 of the approval form and the ledger, from the inspection's kind and trigger. */
export function taskSourceOf(kind: InspectionContext['row']['kind'], trigger: InspectionContext['row']['trigger_source']): (typeof TASK_SOURCES)[number] {
  switch (kind) {
    case 'planned':
      return '年度计划';
    case 'random':
      return '双随机';
    case 'special':
      return '专项';
    case 'triggered':
      return trigger ? ({ complaint: '投诉举报', referral: '转办交办', monitoring: '数据监测', request: '依企业申请' } as const)[trigger] : '其他';
    default:
      return '其他';
  }
}

/** Routine inspections of the enterprise by the lead agency earlier this year (the cap rule's count). */
function priorRoutine(db: Db, c: InspectionContext, o: Office): number {
  const row = loadRow(db, c.row.id);
  const facts = buildFacts(db, { id: row.id, draft: draftOf(db, row), status: row.status, row, today: o.today });
  return priorCapped(facts, ruleSettingsFor(db, o.today)).prior.length;
}

type Mapper<K extends InspectionDocumentKind> = (db: Db, c: InspectionContext, o: Office, m: MapMeta) => Draft<K>;

const MAPPERS: { [K in InspectionDocumentKind]: Mapper<K> } = {
  filingForm: (_db, c, o) => {
    const leader = leaderOf(c);
    return {
      leadAgency: agencyName(c, o),
      jointAgencies: c.joint,
      inspectionDate: orUndef(c.row.actual_start ?? c.row.planned_date),
      inspectionEndDate: orUndef(c.row.actual_end),
      leader: leader ? { name: leader.name, post: orUndef(leader.post), phone: orUndef(leader.phone), certificateNo: orUndef(leader.certNo) } : undefined,
      others: c.team.filter((t) => !t.auxiliary && t !== leader).map(asOfficer),
      enterprise: { name: c.enterprise.name, creditCode: orUndef(c.enterprise.creditCode) },
      items: nonEmpty(c.items.map((i) => i.name)),
      basis: basisOf(c),
      content: contentOf(c),
      headOpinion: orUndef(c.events.get('approve')?.note),
    };
  },
  approvalForm: (db, c, o, m) => ({
    docNumber: m.docNumber,
    agencyName: agencyName(c, o),
    taskSource: taskSourceOf(c.row.kind, c.row.trigger_source),
    taskSourceNote: orUndef(c.row.trigger_ref ? `线索编号：${c.row.trigger_ref}` : c.row.special_approval_no ? `批准文号：${c.row.special_approval_no}` : null),
    inspectionType: c.row.kind === 'special' ? '专项检查' : c.row.kind === 'triggered' ? '个案检查' : '日常检查',
    enterprise: {
      name: c.enterprise.name,
      creditCode: orUndef(c.enterprise.creditCode),
      address: orUndef(c.enterprise.address),
      legalRepresentative: orUndef(c.enterprise.legalRep),
      phone: orUndef(c.enterprise.phone),
    },
    items: nonEmpty(c.items.map((i) => ({ name: i.name, listNo: i.code }))),
    basis: basisOf(c),
    content: contentOf(c),
    method: methodOf(c),
    leadAgency: c.joint.length ? agencyName(c, o) : undefined,
    cooperatingAgencies: c.joint,
    plannedDate: orUndef(c.row.planned_date),
    team: officers(c),
    assistantCount: assistants(c),
    countThisYear: priorRoutine(db, c, o),
    yearlyCap: o.cap,
    inPlan: c.row.kind === 'planned',
    planNo: orUndef(c.supplement.planNo),
    remark: c.row.emergency === 1 ? `情况紧急，先行检查、事后补办审批：${c.row.emergency_reason ?? ''}` : undefined,
  }),
  inspectionNotice: (db, c, o, m) => ({
    agencyName: agencyName(c, o),
    docNumber: m.docNumber,
    issueDate: m.issueDate,
    inspectionNo: c.row.number,
    enterprise: { name: c.enterprise.name, creditCode: orUndef(c.enterprise.creditCode) },
    basis: basisOf(c),
    inspectionDate: orUndef(c.row.planned_date ?? c.row.actual_start),
    items: nonEmpty(c.items.map((i) => i.name)),
    content: contentOf(c),
    method: methodOf(c),
    team: officers(c),
    assistantCount: assistants(c),
    countThisYear: ordinalThisYear(db, c),
    texts: { rights: o.settings.texts.rights, duties: o.settings.texts.duties, discipline: o.settings.texts.discipline, complaint: o.settings.texts.complaint },
    contact: contact(c),
  }),
  onSiteRecord: (_db, c, o) => {
    const s = c.supplement;
    const d = defaultsOf(c);
    return {
      agencyName: agencyName(c, o),
      inspectionNo: orUndef(c.row.code_registration_no),
      start: dateTime(c.row.actual_start, s.startTime ?? d.startTime),
      end: dateTime(c.row.actual_end ?? c.row.actual_start, s.endTime ?? d.endTime),
      place: orUndef(c.row.record_place) ?? orUndef(c.enterprise.address),
      party: {
        name: c.enterprise.name,
        creditCode: orUndef(c.enterprise.creditCode),
        address: orUndef(c.enterprise.address),
        legalRepresentative: orUndef(c.enterprise.legalRep),
        phone: orUndef(c.enterprise.phone),
      },
      team: officers(c),
      recorder: orUndef(s.recorder) ?? d.recorder,
      itemListNos: c.items.map((i) => i.code),
      certificatesShown: s.certificatesShown ?? undefined,
      rightsExplained: s.rightsExplained ?? undefined,
      recusalRequested: s.recusalRequested ?? undefined,
      findings: orUndef(c.row.findings),
      evidence: c.attachments.map((a) => (a.note ? `${a.name}（${a.note}）` : a.name)),
      conclusion: conclusionOf(c, s),
      resultToldOnSite: s.resultToldOnSite ?? undefined,
      witness: orUndef(s.witness),
    };
  },
  offSiteRecord: (_db, c, o, m) => {
    const s = c.supplement;
    const d = defaultsOf(c);
    const outcome = c.row.outcome;
    return {
      agencyName: agencyName(c, o),
      docNumber: m.docNumber,
      enterprise: { name: c.enterprise.name, creditCode: orUndef(c.enterprise.creditCode) },
      items: nonEmpty(c.items.map((i) => i.name)),
      basis: basisOf(c),
      methods: nonEmpty(s.offsiteMethods),
      sources: orUndef(s.offsiteSources),
      start: dateTime(c.row.actual_start, s.startTime),
      end: dateTime(c.row.actual_end ?? c.row.actual_start, s.endTime ?? d.endTime),
      team: officers(c),
      process: orUndef(s.offsiteProcess) ?? orUndef(c.row.findings),
      findings: orUndef(s.problems.map((p) => p.description).join('\n')),
      conclusion: s.offsiteConclusion ?? (outcome === 'no_problem' ? '未发现问题' : outcome === 'penalty' || outcome === 'transfer' ? '移送立案' : undefined),
      handler: orUndef(c.events.get('record')?.who),
      reviewer: orUndef(s.reviewer),
      recordDate: orUndef(c.row.recorded_at),
      attachments: c.attachments.map((a) => a.name),
    };
  },
  resultNotice: (_db, c, o, m) => {
    const s = c.supplement;
    const conclusion = conclusionOf(c, s);
    const problems = s.problems.map((p) => ({ description: p.description, provision: p.provision }));
    const result = problems.length ? { kind: 'problems', problems } : conclusion === '未发现问题' ? { kind: 'noProblem' } : conclusion === '发现问题' ? { kind: 'problems', problems: [] } : undefined;
    const rectify = problems.length > 0 && (s.rectifyRequirements || c.row.outcome === 'rectification');
    return {
      agencyName: agencyName(c, o),
      docNumber: m.docNumber,
      issueDate: m.issueDate,
      enterprise: { name: c.enterprise.name, creditCode: orUndef(c.enterprise.creditCode) },
      inspectionDate: orUndef(c.row.actual_start ?? c.row.planned_date),
      basis: basisOf(c),
      items: nonEmpty(c.items.map((i) => i.name)),
      mode: c.row.onsite === 1 ? '现场检查' : '非现场检查',
      result,
      rectification: rectify ? { requirements: orUndef(s.rectifyRequirements), deadline: rectifyDeadline(c, o, m.issueDate) } : undefined,
      recheck: orUndef(s.recheck),
      texts: { objection: o.settings.texts.objection },
      contact: contact(c),
    };
  },
  rectificationOrder: (_db, c, o, m) => {
    const s = c.supplement;
    const deadline = rectifyDeadline(c, o, m.issueDate);
    const numbered = (xs: string[]) => (xs.length > 1 ? xs.map((x, i) => `${i + 1}. ${x}`).join('\n') : xs.join(''));
    return {
      agencyName: agencyName(c, o),
      docNumber: m.docNumber,
      issueDate: m.issueDate,
      party: { name: c.enterprise.name, creditCode: orUndef(c.enterprise.creditCode), address: orUndef(c.enterprise.address) },
      facts: orUndef(numbered(s.problems.map((p) => p.description))) ?? orUndef(c.row.outcome_note),
      violated: orUndef(unique(s.problems.map((p) => p.provision)).join('；')),
      basis: orUndef(s.rectifyBasis),
      mode: s.rectifyMode ?? (deadline ? '限期改正' : undefined),
      deadline: s.rectifyMode === '立即改正' ? undefined : deadline,
      requirements: orUndef(s.rectifyRequirements),
      texts: { rectifyConsequence: o.settings.texts.rectifyConsequence, rectifyReport: o.settings.texts.rectifyReport },
      contact: contact(c),
    };
  },
  transferLetter: (_db, c, o, m) => {
    const s = c.supplement;
    return {
      agencyName: agencyName(c, o),
      docNumber: m.docNumber,
      issueDate: m.issueDate,
      receivingAgency: orUndef(c.row.transfer_target),
      facts: orUndef(s.transferFacts) ?? orUndef(c.row.outcome_note),
      reason: orUndef(s.transferReason),
      basis: orUndef(s.transferBasis),
      attachments: s.transferAttachments,
      contact: contact(c),
    };
  },
};

/** The kind's data for one inspection (possibly incomplete: check it with checkData). */
export function mapDocument(db: Db, kind: InspectionDocumentKind, c: InspectionContext, o: Office, m: MapMeta): Record<string, unknown> {
  return (MAPPERS[kind] as Mapper<InspectionDocumentKind>)(db, c, o, m) as Record<string, unknown>;
}
