import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/database';
import { addCalendarDays, yearOf } from '../../shared/calendar';
import type { InspectionKind, InspectionStatus, TriggerSource } from '../../shared/rules';
import { buildFacts, draftOf, loadRow } from '../services/inspections/facts';
import { refreshDeadlines, refreshEnterpriseWarnings } from '../services/inspections/derived';

/**
 * The demo's inspections: one of every lifecycle state, written with plain SQL in the demo
 * transaction (migration 004), dated relative to the day of loading so the 工作台 always has
 * something due, something overdue and each kind of warning:
 *
 * - drafts (two on one enterprise: 综合查一次 advice), a 专项 draft, approved, filed, notified,
 *   on site, recorded (feedback due soon), recorded long ago (feedback overdue), fed back,
 *   closed (one 异地), an off-site check, rectification, a transfer;
 * - an emergency triggered inspection started without prior approval (补办批准 deadline);
 * - a third routine inspection of one enterprise this year (cap warning, 高频 and 重复 warnings);
 * - a third triggered inspection within 30 days (burst warning);
 * - two agencies planning to inspect one enterprise within the window (多头 warning, joint advice).
 *
 * The derived tables (`inspection_deadlines`, `enterprise_warnings`) are filled by the same
 * functions the lifecycle service uses.
 */

type AgencyKey = 'amr' | 'yjj';
type Outcome = 'no_problem' | 'rectification' | 'transfer';

interface Spec {
  /** Index into the demo's enterprises. */
  ent: number;
  agency: AgencyKey;
  kind: InspectionKind;
  status: InspectionStatus;
  planned: string;
  /** Item codes of the lead agency's list. */
  items: string[];
  content: string;
  basis: string;
  trigger?: { source: TriggerSource; ref: string };
  special?: string;
  emergency?: string;
  noNotice?: string;
  remote?: boolean;
  /** Actual start and end (past dates) for inspections that have started. */
  start?: string;
  end?: string;
  outcome?: Outcome;
  rectificationDeadline?: string;
  transferTarget?: string;
}

/** Enterprises (by index) the demo inspections use; the E2E test picks a different one. */
export const DEMO_INSPECTED_ENTERPRISES = [3, 7, 11, 15, 19, 23, 27, 31, 35, 39, 43, 47, 51, 55, 59, 63] as const;
const [E_MERGE, E_SPECIAL, E_APPROVED, E_FILED, E_MULTI, E_ONSITE, E_RECORDED, E_OVERDUE, E_FED, E_CLOSED, E_OFFSITE, E_RECT, E_TRANSFER, E_EMERGENCY, E_CAP, E_BURST] =
  DEMO_INSPECTED_ENTERPRISES;

const FOOD = '《中华人民共和国食品安全法》第八十七条、第一百一十条';
const SPECIAL_EQ = '《中华人民共和国特种设备安全法》第五十七条、第六十一条';
const QUALITY = '《中华人民共和国产品质量法》第十五条';
const PRICE = '《中华人民共和国价格法》第三十四条';
const SAFETY = '《中华人民共和国安全生产法》第六十五条';

/** The demo's inspections for a load on `today` ('YYYY-MM-DD', Asia/Shanghai), oldest plan first. */
export function demoInspectionSpecs(today: string): Spec[] {
  const d = (n: number) => addCalendarDays(today, n);
  const year = yearOf(today);
  // The cap scenario must stay inside this calendar year whatever the day of loading.
  const inYearPast = (n: number) => (d(-n) < `${year}-01-01` ? `${year}-01-01` : d(-n));
  const inYearFuture = (n: number) => (d(n) > `${year}-12-31` ? `${year}-12-31` : d(n));
  const specs: Spec[] = [
    { ent: E_MERGE, agency: 'amr', kind: 'planned', status: 'draft', planned: d(12), items: ['001'], content: '食品生产经营条件、进货查验记录', basis: FOOD },
    { ent: E_MERGE, agency: 'amr', kind: 'random', status: 'draft', planned: d(16), items: ['004'], content: '在用计量器具检定情况', basis: '《中华人民共和国计量法》第九条' },
    { ent: E_SPECIAL, agency: 'amr', kind: 'special', status: 'draft', planned: d(20), items: ['002'], content: '电梯、锅炉等特种设备专项检查', basis: SPECIAL_EQ, special: `湘县政函〔${year}〕8号` },
    { ent: E_APPROVED, agency: 'amr', kind: 'random', status: 'approved', planned: d(6), items: ['003'], content: '产品质量双随机抽查', basis: QUALITY },
    { ent: E_FILED, agency: 'amr', kind: 'planned', status: 'filed', planned: d(4), items: ['001', '005'], content: '食品经营与明码标价', basis: `${FOOD}；${PRICE}` },
    { ent: E_MULTI, agency: 'amr', kind: 'planned', status: 'notified', planned: d(2), items: ['001'], content: '食品生产经营条件', basis: FOOD },
    { ent: E_MULTI, agency: 'yjj', kind: 'planned', status: 'draft', planned: d(8), items: [], content: '安全生产条件、应急预案及演练', basis: SAFETY },
    { ent: E_ONSITE, agency: 'amr', kind: 'planned', status: 'onsite', planned: d(-1), start: d(-1), items: ['002'], content: '特种设备使用登记与定期检验', basis: SPECIAL_EQ },
    { ent: E_RECORDED, agency: 'amr', kind: 'random', status: 'recorded', planned: d(-3), start: d(-3), end: d(-3), items: ['003'], content: '产品质量双随机抽查', basis: QUALITY },
    { ent: E_OVERDUE, agency: 'amr', kind: 'planned', status: 'recorded', planned: d(-22), start: d(-22), end: d(-21), items: ['001'], content: '食品贮存与标签标识', basis: FOOD },
    { ent: E_FED, agency: 'amr', kind: 'planned', status: 'fed_back', planned: d(-9), start: d(-9), end: d(-9), items: ['005'], content: '明码标价执行情况', basis: PRICE },
    { ent: E_CLOSED, agency: 'amr', kind: 'planned', status: 'closed', planned: d(-60), start: d(-60), end: d(-60), items: ['007'], content: '登记事项与实际经营情况核查（异地经营场所）', basis: '《中华人民共和国市场主体登记管理条例》第三十五条', remote: true, outcome: 'no_problem' },
    { ent: E_OFFSITE, agency: 'amr', kind: 'offsite', status: 'closed', planned: d(-35), start: d(-35), end: d(-35), items: ['005'], content: '网络交易价格公示书面核查', basis: PRICE, outcome: 'no_problem' },
    { ent: E_RECT, agency: 'amr', kind: 'planned', status: 'rectification', planned: d(-10), start: d(-10), end: d(-10), items: ['001'], content: '食品生产过程控制', basis: FOOD, outcome: 'rectification', rectificationDeadline: d(4) },
    { ent: E_TRANSFER, agency: 'amr', kind: 'planned', status: 'transferred', planned: d(-15), start: d(-15), end: d(-15), items: ['003'], content: '产品质量监督检查', basis: QUALITY, outcome: 'transfer', transferTarget: '湘潭县卫生健康局' },
    {
      ent: E_EMERGENCY, agency: 'amr', kind: 'triggered', status: 'onsite', planned: d(-10), start: d(-10), items: ['001'], content: '群众举报销售过期食品的核查', basis: FOOD,
      trigger: { source: 'complaint', ref: `12345-${year}-04182` },
      emergency: '群众举报销售过期变质食品，可能危害公众健康，须立即核查', noNotice: '情况紧急，依据《中华人民共和国食品安全法》第一百一十条不事先通知',
    },
    { ent: E_CAP, agency: 'amr', kind: 'planned', status: 'closed', planned: inYearPast(150), start: inYearPast(150), end: inYearPast(150), items: ['001'], content: '食品生产经营日常检查', basis: FOOD, outcome: 'no_problem' },
    { ent: E_CAP, agency: 'amr', kind: 'random', status: 'closed', planned: inYearPast(50), start: inYearPast(50), end: inYearPast(50), items: ['001'], content: '食品生产经营双随机抽查', basis: FOOD, outcome: 'no_problem' },
    { ent: E_CAP, agency: 'amr', kind: 'planned', status: 'draft', planned: inYearFuture(15), items: ['001'], content: '食品生产经营日常检查（年度第三次）', basis: FOOD },
    { ent: E_BURST, agency: 'amr', kind: 'triggered', status: 'closed', planned: d(-25), start: d(-25), end: d(-25), items: ['005'], content: '投诉价格欺诈的核查', basis: PRICE, trigger: { source: 'complaint', ref: `12315-${year}-0311` }, outcome: 'no_problem' },
    { ent: E_BURST, agency: 'amr', kind: 'triggered', status: 'closed', planned: d(-14), start: d(-14), end: d(-14), items: ['005'], content: '转办价格投诉的核查', basis: PRICE, trigger: { source: 'referral', ref: `湘县市监转〔${year}〕27号` }, outcome: 'no_problem' },
    { ent: E_BURST, agency: 'amr', kind: 'triggered', status: 'draft', planned: d(2), items: ['005'], content: '再次投诉价格欺诈的核查', basis: PRICE, trigger: { source: 'complaint', ref: `12315-${year}-0466` } },
  ];
  return specs.sort((a, b) => (a.planned < b.planned ? -1 : a.planned > b.planned ? 1 : 0));
}

const RANK: Record<InspectionStatus, number> = {
  draft: 0, approved: 1, filed: 2, notified: 3, onsite: 4, recorded: 5, fed_back: 6, rectification: 7, transferred: 7, closed: 8, archived: 9,
};

interface Steps {
  approved: string | null;
  filed: string | null;
  notified: string | null;
  entered: string | null;
  recorded: string | null;
  feedback: string | null;
  decided: string | null;
}

/** The dates each done step carries: before a start for the preparation, after the end for the results. */
function stepDates(s: Spec, today: string): Steps {
  const r = RANK[s.status];
  const offsite = s.kind === 'offsite';
  const base = s.start ?? today;
  const before = (n: number) => (s.start ? addCalendarDays(s.start, -n) : addCalendarDays(today, -n));
  const end = s.end ?? base;
  // The emergency check started before its approval and filing (湘（十一）, 潭优发 三（一）1).
  const prep = !s.emergency;
  return {
    approved: r >= 1 && prep ? before(s.start ? 6 : 2) : null,
    filed: r >= 2 && prep && !offsite ? before(s.start ? 4 : 1) : null,
    notified: r >= 3 && prep && !offsite ? before(s.start ? 2 : 0) : null,
    entered: r >= 4 && !offsite ? base : null,
    recorded: r >= 5 ? end : null,
    feedback: r >= 6 ? notAfter(addCalendarDays(end, 2), today) : null,
    decided: r >= 7 ? notAfter(addCalendarDays(end, 3), today) : null,
  };
}

/** Nothing is recorded in the future. */
function notAfter(date: string, today: string): string {
  return date > today ? today : date;
}

interface Refs {
  agencies: Map<AgencyKey, { id: number; shortName: string; head: string }>;
  officers: Map<AgencyKey, { id: number; name: string }[]>;
  items: Map<string, number>;
  enterprises: number[];
}

function refs(db: Db, enterpriseCodes: readonly string[], today: string): Refs {
  const agencies = new Map<AgencyKey, { id: number; shortName: string; head: string }>();
  const officers = new Map<AgencyKey, { id: number; name: string }[]>();
  const rows = db.prepare('SELECT id, name, short_name AS shortName, head FROM agencies ORDER BY id').all() as { id: number; name: string; shortName: string; head: string }[];
  const keys: Record<string, AgencyKey> = { 湘潭县市场监督管理局: 'amr', 湘潭县应急管理局: 'yjj' };
  // Officers whose certificate covers the whole demo (a year back, two months ahead).
  const fit = db.prepare(
    `SELECT id, name FROM officers WHERE agency_id = ? AND kind = 'officer' AND status = 'active' AND cert_valid_from <= ? AND cert_valid_to >= ? ORDER BY id`,
  );
  for (const a of rows) {
    const key = keys[a.name];
    if (!key) continue;
    agencies.set(key, a);
    officers.set(key, fit.all(a.id, addCalendarDays(today, -400), addCalendarDays(today, 60)) as { id: number; name: string }[]);
  }
  const items = new Map(
    (db.prepare("SELECT id, code FROM items WHERE agency_id = ? AND status = 'published'").all(agencies.get('amr')?.id ?? 0) as { id: number; code: string }[]).map((i) => [i.code, i.id]),
  );
  const byCode = db.prepare('SELECT id FROM enterprises WHERE credit_code = ?');
  const enterprises = enterpriseCodes.map((c) => (byCode.get(c) as { id: number } | undefined)?.id ?? 0);
  return { agencies, officers, items, enterprises };
}

const at = (date: string, minutes: number) => `${date}T${String(1 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`;

/**
 * Writes the demo inspections into the open transaction and fills the derived tables.
 * `enterpriseCodes` are the credit codes of the demo's enterprises in order. Returns how many.
 */
export function writeDemoInspections(db: Db, enterpriseCodes: readonly string[], today: string, onEach: () => void = () => undefined): number {
  const ref = refs(db, enterpriseCodes, today);
  const specs = demoInspectionSpecs(today);
  const serials = new Map<string, number>();
  const ins = db.prepare(
    `INSERT INTO inspections (uuid, version, number, agency_id, enterprise_id, kind, trigger_source, trigger_ref, special_approval_no, onsite, basis, content,
       planned_date, actual_start, actual_end, status, emergency, emergency_reason, no_notice_reason, out_of_jurisdiction, remote_reported_at,
       approved_at, approval_note, filed_at, filing_no, notified_at, code_registration_no, code_registered_at, av_record_ref,
       record_kind, recorded_at, record_place, findings, persons_present, offsite_method, feedback_at, feedback_method,
       outcome, outcome_note, rectification_deadline, transfer_required, transfer_found_at, transfer_target, transferred_at, closed_at, created_at, updated_at)
     VALUES (@uuid, @version, @number, @agencyId, @enterpriseId, @kind, @triggerSource, @triggerRef, @special, @onsite, @basis, @content,
       @planned, @start, @end, @status, @emergency, @emergencyReason, @noNotice, @remote, @remoteReported,
       @approved, @approvalNote, @filed, @filingNo, @notified, @codeNo, @codeAt, @avRef,
       @recordKind, @recorded, @place, @findings, @persons, @offsiteMethod, @feedback, @feedbackMethod,
       @outcome, @outcomeNote, @rectDeadline, @transferRequired, @transferFound, @transferTarget, @transferred, @closed, @createdAt, @updatedAt)`,
  );
  const event = db.prepare('INSERT INTO inspection_events (inspection_id, action, at, user_id, username, note) VALUES (?, ?, ?, NULL, ?, ?)');
  const item = db.prepare('INSERT INTO inspection_items (inspection_id, item_id, item_version) SELECT ?, id, current_version FROM items WHERE id = ?');
  const member = db.prepare('INSERT INTO inspection_team (inspection_id, officer_id, role) VALUES (?, ?, ?)');
  const ids: number[] = [];

  specs.forEach((s, n) => {
    const agency = ref.agencies.get(s.agency);
    const team = ref.officers.get(s.agency) ?? [];
    const enterpriseId = ref.enterprises[DEMO_INSPECTED_ENTERPRISES.indexOf(s.ent as never)] ?? 0;
    if (!agency || team.length === 0 || enterpriseId === 0) return;
    const members = team.length === 1 ? [team[0]!] : [team[n % team.length]!, team[(n + 1) % team.length]!];
    const leader = members[0]!;
    const offsite = s.kind === 'offsite';
    const st = stepDates(s, today);
    const year = yearOf(s.planned);
    const scope = `inspection:${agency.id}`;
    const serial = (serials.get(`${scope}|${year}`) ?? 0) + 1;
    serials.set(`${scope}|${year}`, serial);
    const created = notAfter(addCalendarDays(st.approved ?? s.start ?? today, -2), today);
    const last = [st.decided, st.feedback, st.recorded, st.entered, st.notified, st.filed, st.approved].find((x) => x !== null) ?? created;
    const events: [string, string, string, string | null][] = [['create', created, leader.name, null]];
    if (st.approved) events.push(['approve', st.approved, agency.head, '同意按方案实施检查']);
    if (st.filed) events.push(['file', st.filed, leader.name, `备案编号 潭优备〔${year}〕${100 + n}号`]);
    if (st.notified) events.push(['notify', st.notified, leader.name, null]);
    if (s.noNotice && RANK[s.status] >= 3) events.push(['notify', s.start ?? today, leader.name, `不事先通知：${s.noNotice}`]);
    if (st.entered) events.push(['enter', st.entered, leader.name, `扫码入企登记号 HN-${year}-${String(3000 + n).padStart(6, '0')}`]);
    if (st.recorded) events.push(['record', st.recorded, leader.name, null]);
    if (st.feedback) events.push(['feedback', st.feedback, leader.name, '送达检查结果告知书']);
    const closedNote = { no_problem: '未发现问题，办结', rectification: `责令整改，期限 ${s.rectificationDeadline ?? ''}`, transfer: `移送主管机关：${s.transferTarget ?? ''}` };
    if (st.decided && s.outcome) events.push(['close', st.decided, leader.name, closedNote[s.outcome]]);
    // 已移送: the rules read this status as done, so the transfer date is recorded with it.
    const transferredAt = st.decided && s.outcome === 'transfer' ? notAfter(addCalendarDays(st.decided, 4), today) : null;
    if (transferredAt) events.push(['transfer', transferredAt, leader.name, `已移送 ${s.transferTarget ?? ''}`]);

    const info = ins.run({
      uuid: uuidv7(),
      version: events.length,
      number: `${agency.shortName}检〔${year}〕${serial}号`,
      agencyId: agency.id,
      enterpriseId,
      kind: s.kind,
      triggerSource: s.trigger?.source ?? null,
      triggerRef: s.trigger?.ref ?? null,
      special: s.special ?? null,
      onsite: offsite ? 0 : 1,
      basis: s.basis,
      content: s.content,
      planned: s.planned,
      start: RANK[s.status] >= 4 || (offsite && st.recorded) ? (s.start ?? null) : null,
      end: st.recorded ? (s.end ?? s.start ?? null) : null,
      status: s.status,
      emergency: s.emergency ? 1 : 0,
      emergencyReason: s.emergency ?? null,
      noNotice: s.noNotice ?? null,
      remote: s.remote ? 1 : 0,
      remoteReported: s.remote && st.recorded ? notAfter(addCalendarDays(st.recorded, 5), today) : null,
      approved: st.approved,
      approvalNote: st.approved ? '同意' : null,
      filed: st.filed,
      filingNo: st.filed ? `潭优备〔${year}〕${100 + n}号` : null,
      notified: st.notified,
      codeNo: st.entered ? `HN-${year}-${String(3000 + n).padStart(6, '0')}` : null,
      codeAt: st.entered,
      avRef: st.entered ? `AV-${year}-${String(n + 1).padStart(3, '0')}` : null,
      recordKind: st.recorded ? (offsite ? 'offsite' : 'onsite') : null,
      recorded: st.recorded,
      place: st.recorded && !offsite ? '企业生产经营场所' : null,
      findings: st.recorded ? (s.outcome === 'rectification' ? '原料库部分原料未按规定标注进货日期，进货查验记录不完整。' : s.outcome === 'transfer' ? '发现涉嫌无证行医线索，不属本机关管辖。' : '现场检查未发现违法违规问题。') : null,
      persons: st.recorded && !offsite ? '企业负责人' : null,
      offsiteMethod: st.recorded && offsite ? '书面核查、网络巡查' : null,
      feedback: st.feedback,
      feedbackMethod: st.feedback ? '送达检查结果告知书' : null,
      outcome: st.decided ? (s.outcome ?? null) : null,
      outcomeNote: null,
      rectDeadline: st.decided && s.outcome === 'rectification' ? (s.rectificationDeadline ?? null) : null,
      transferRequired: st.decided && s.outcome === 'transfer' ? 1 : 0,
      transferFound: st.decided && s.outcome === 'transfer' ? st.decided : null,
      transferTarget: st.decided && s.outcome === 'transfer' ? (s.transferTarget ?? null) : null,
      transferred: transferredAt,
      closed: s.status === 'closed' ? st.decided : null,
      createdAt: at(created, 0),
      updatedAt: at(last, 30),
    });
    const id = Number(info.lastInsertRowid);
    ids.push(id);
    for (const code of s.items) {
      const itemId = ref.items.get(code);
      if (itemId !== undefined) item.run(id, itemId);
    }
    members.forEach((m, i) => member.run(id, m.id, i === 0 ? 'leader' : 'member'));
    events.forEach(([action, day, who, note], i) => event.run(id, action, at(day, 10 * i), who, note));
    onEach();
  });

  const counter = db.prepare('INSERT INTO counters (scope, year, value) VALUES (?, ?, ?) ON CONFLICT(scope, year) DO UPDATE SET value = MAX(value, excluded.value)');
  for (const [key, value] of serials) {
    const [scope, year] = key.split('|');
    counter.run(scope, Number(year), value);
  }
  // What the 工作台 reads, by the lifecycle service's own functions.
  for (const id of ids) {
    const row = loadRow(db, id);
    const facts = buildFacts(db, { id, draft: draftOf(db, row), status: row.status, row, today });
    refreshDeadlines(db, facts, row.merged_into !== null || row.status === 'archived');
  }
  const enterprises = db.prepare(`SELECT DISTINCT enterprise_id AS id FROM inspections WHERE id IN (${ids.map(() => '?').join(',') || 'NULL'})`).all(...ids) as { id: number }[];
  for (const e of enterprises) refreshEnterpriseWarnings(db, e.id, today);
  return ids.length;
}
