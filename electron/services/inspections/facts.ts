import type { Db } from '../../db/database';
import type { InspectionDraft } from '../../../shared/api/inspections';
import { addCalendarDays, shanghaiDate } from '../../../shared/calendar';
import { inspectionFactsSchema, statusRank, type InspectionFacts, type InspectionStatus, type OtherInspection } from '../../../shared/rules';
import { AppError } from '../../errors';

/**
 * Builds the facts the rules read, from the database: the inspection (saved, or a draft being
 * filled in), its enterprise, items at the version used, team, history and overrides. Every
 * history query is an indexed lookup on (enterprise_id, agency_id, planned_date).
 */

/** Stands in for the id of an inspection not saved yet. */
export const UNSAVED_ID = 2 ** 31 - 1;

export interface InspectionRow {
  id: number;
  version: number;
  number: string;
  agency_id: number;
  enterprise_id: number;
  kind: InspectionDraft['kind'];
  trigger_source: InspectionDraft['triggerSource'];
  trigger_ref: string | null;
  special_approval_no: string | null;
  onsite: number;
  basis: string;
  content: string;
  planned_date: string | null;
  actual_start: string | null;
  actual_end: string | null;
  status: InspectionStatus;
  emergency: number;
  emergency_reason: string | null;
  no_notice_reason: string | null;
  filing_exemption: InspectionDraft['filingExemption'];
  out_of_jurisdiction: number;
  remote_reported_at: string | null;
  approved_at: string | null;
  filed_at: string | null;
  notified_at: string | null;
  code_registration_no: string | null;
  code_registered_at: string | null;
  av_record_ref: string | null;
  record_kind: 'onsite' | 'offsite' | null;
  recorded_at: string | null;
  record_place: string | null;
  findings: string | null;
  persons_present: string | null;
  feedback_at: string | null;
  outcome: 'no_problem' | 'rectification' | 'penalty' | 'transfer' | null;
  outcome_note: string | null;
  rectification_deadline: string | null;
  rectification_verified_at: string | null;
  transfer_required: number;
  transfer_found_at: string | null;
  transfer_target: string | null;
  transferred_at: string | null;
  closed_at: string | null;
  merged_into: number | null;
}

export function loadRow(db: Db, id: number): InspectionRow {
  const row = db.prepare('SELECT * FROM inspections WHERE id = ?').get(id) as InspectionRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到该检查任务');
  return row;
}

/** The draft fields of a saved inspection, as the form edits them. */
export function draftOf(db: Db, row: InspectionRow): InspectionDraft {
  const joint = db.prepare('SELECT agency_id AS id FROM inspection_agencies WHERE inspection_id = ? ORDER BY agency_id').all(row.id) as { id: number }[];
  const items = db.prepare('SELECT item_id AS id FROM inspection_items WHERE inspection_id = ? ORDER BY item_id').all(row.id) as { id: number }[];
  const team = db.prepare('SELECT officer_id AS id, role FROM inspection_team WHERE inspection_id = ? ORDER BY role, officer_id').all(row.id) as { id: number; role: string }[];
  return {
    enterpriseId: row.enterprise_id,
    agencyId: row.agency_id,
    jointAgencyIds: joint.map((j) => j.id),
    kind: row.kind,
    triggerSource: row.trigger_source,
    triggerRef: row.trigger_ref,
    specialApprovalNo: row.special_approval_no,
    onsite: row.onsite === 1,
    itemIds: items.map((i) => i.id),
    teamOfficerIds: team.map((t) => t.id),
    leaderOfficerId: team.find((t) => t.role === 'leader')?.id ?? null,
    plannedDate: row.planned_date,
    basis: row.basis,
    content: row.content,
    emergency: row.emergency === 1,
    emergencyReason: row.emergency_reason,
    noNoticeReason: row.no_notice_reason,
    filingExemption: row.filing_exemption,
    outOfJurisdiction: row.out_of_jurisdiction === 1,
  };
}

interface ItemVersionRow {
  item_id: number;
  version: number;
  name: string;
  agency_id: number;
  status: 'draft' | 'published' | 'retired';
  current_version: number;
  retired_at: string | null;
}

/** The version an inspection uses of each item: saved ones keep theirs, new ones take the current. */
export function itemVersions(db: Db, itemIds: readonly number[], saved: ReadonlyMap<number, number>): ItemVersionRow[] {
  const q = db.prepare(
    `SELECT i.id AS item_id, v.version, v.name, i.agency_id, i.status, i.current_version, i.retired_at
     FROM items i JOIN item_versions v ON v.item_id = i.id AND v.version = ?
     WHERE i.id = ?`,
  );
  const cur = db.prepare('SELECT current_version FROM items WHERE id = ?');
  return itemIds.map((id) => {
    const version = saved.get(id) ?? (cur.get(id) as { current_version: number } | undefined)?.current_version;
    const row = version === undefined ? undefined : (q.get(version, id) as ItemVersionRow | undefined);
    if (!row) throw new AppError('NOT_FOUND', `检查事项（编号 ${id}）不存在`, 'itemIds');
    return row;
  });
}

function itemStatus(r: ItemVersionRow): 'published' | 'superseded' | 'retired' | 'draft' {
  if (r.status === 'retired') return 'retired';
  if (r.status === 'draft') return 'draft';
  return r.version < r.current_version ? 'superseded' : 'published';
}

interface HistoryRow {
  id: number;
  agency_id: number;
  agency_name: string;
  kind: InspectionDraft['kind'];
  onsite: number;
  date: string | null;
  status: InspectionStatus;
}

function toOther(r: HistoryRow): OtherInspection {
  return {
    inspectionId: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    kind: r.kind,
    onsite: r.onsite === 1,
    date: r.date,
    open: statusRank(r.status) < statusRank('onsite'),
  };
}

export interface FactsInput {
  id: number;
  draft: InspectionDraft;
  status: InspectionStatus;
  row: InspectionRow | null;
  /** Step dates as they will be after the action being checked. */
  patch?: Partial<InspectionRow>;
  today: string;
}

/** Assembles and validates InspectionFacts for one inspection at one (possibly future) state. */
export function buildFacts(db: Db, input: FactsInput): InspectionFacts {
  const { draft } = input;
  const r = { ...(input.row ?? {}), ...(input.patch ?? {}) } as Partial<InspectionRow>;
  const agency = db.prepare('SELECT id, name FROM agencies WHERE id = ?').get(draft.agencyId) as { id: number; name: string } | undefined;
  if (!agency) throw new AppError('NOT_FOUND', '检查主体不存在', 'agencyId');
  const joint = draft.jointAgencyIds.map((id) => {
    const a = db.prepare('SELECT id, name FROM agencies WHERE id = ?').get(id) as { id: number; name: string } | undefined;
    if (!a) throw new AppError('NOT_FOUND', `联合单位（编号 ${id}）不存在`, 'jointAgencyIds');
    return { ...a, hasEnforcementPower: true };
  });
  const ent = db
    .prepare('SELECT id, name, grade, whitelist, key_supervision, park FROM enterprises WHERE id = ?')
    .get(draft.enterpriseId) as { id: number; name: string; grade: string | null; whitelist: number; key_supervision: number; park: string | null } | undefined;
  if (!ent) throw new AppError('NOT_FOUND', '检查对象（经营主体）不存在', 'enterpriseId');

  const saved = new Map<number, number>();
  if (input.row) {
    for (const s of db.prepare('SELECT item_id, item_version FROM inspection_items WHERE inspection_id = ?').all(input.row.id) as { item_id: number; item_version: number }[]) {
      saved.set(s.item_id, s.item_version);
    }
  }
  const items = itemVersions(db, draft.itemIds, saved).map((v) => ({
    itemId: v.item_id,
    name: v.name,
    version: v.version,
    status: itemStatus(v),
    retiredOn: v.retired_at ? shanghaiDate(v.retired_at) : null,
    agencyId: v.agency_id,
    noDisturb: false,
  }));

  const officer = db.prepare('SELECT id, name, kind, cert_no, cert_valid_from, cert_valid_to, status FROM officers WHERE id = ?');
  const team = draft.teamOfficerIds.map((id) => {
    const o = officer.get(id) as
      | { id: number; name: string; kind: 'officer' | 'auxiliary'; cert_no: string | null; cert_valid_from: string | null; cert_valid_to: string | null; status: 'active' | 'disabled' }
      | undefined;
    if (!o) return { officerId: id, name: `（已删除的人员 ${id}）`, kind: 'officer' as const, certNo: null, validFrom: null, validTo: null, status: 'disabled' as const, deleted: true };
    return { officerId: o.id, name: o.name, kind: o.kind, certNo: o.cert_no, validFrom: o.cert_valid_from, validTo: o.cert_valid_to, status: o.status, deleted: false };
  });

  const anchor = r.actual_start ?? draft.plannedDate ?? input.today;
  const from = `${Number(anchor.slice(0, 4)) - 1}-01-01`;
  const history = db
    .prepare(
      `SELECT i.id, i.agency_id, a.name AS agency_name, i.kind, i.onsite, COALESCE(i.actual_start, i.planned_date) AS date, i.status
       FROM inspections i JOIN agencies a ON a.id = i.agency_id
       WHERE i.enterprise_id = ? AND i.id <> ? AND i.merged_into IS NULL
         AND (i.planned_date IS NULL OR i.planned_date >= ? OR i.status IN ('draft','approved','filed','notified'))
       ORDER BY date`,
    )
    .all(draft.enterpriseId, input.id, from) as HistoryRow[];
  const windowStart = addCalendarDays(anchor, -366);
  const overrides = db.prepare('SELECT rule_id AS ruleId, approval_no AS approvalNo, reason FROM rule_overrides WHERE inspection_id = ? ORDER BY id').all(input.id) as {
    ruleId: string;
    approvalNo: string | null;
    reason: string;
  }[];

  const grade = ent.grade === null ? null : ({ 绿: 'green', 蓝: 'blue', 黄: 'yellow', 橙: 'orange', 红: 'red' } as const)[ent.grade as '绿'] ?? null;
  return inspectionFactsSchema.parse({
    inspection: {
      id: input.id,
      kind: draft.kind,
      triggerSource: draft.triggerSource,
      triggerRef: draft.triggerRef,
      specialApprovalNo: draft.specialApprovalNo,
      onsite: draft.onsite,
      leadAgency: { ...agency, hasEnforcementPower: true },
      jointAgencies: joint,
      plannedDate: draft.plannedDate,
      actualStart: r.actual_start ?? null,
      actualEnd: r.actual_end ?? null,
      status: input.status,
      steps: {
        approvedAt: r.approved_at ?? null,
        approverLevel: r.approved_at ? 'head' : null,
        filedAt: r.filed_at ?? null,
        notifiedAt: r.notified_at ?? null,
        codeRegisteredAt: r.code_registered_at ?? null,
        onsiteRecordedAt: r.record_kind === 'onsite' ? (r.recorded_at ?? null) : null,
        offsiteRecordedAt: r.record_kind === 'offsite' ? (r.recorded_at ?? null) : null,
        feedbackAt: r.feedback_at ?? null,
      },
      emergency: draft.emergency,
      emergencyReason: draft.emergencyReason,
      noNoticeReason: r.no_notice_reason ?? draft.noNoticeReason,
      filingRequired: true,
      filingExemption: draft.filingExemption,
      remote: { outOfJurisdiction: draft.outOfJurisdiction, reportedAt: r.remote_reported_at ?? null },
      transfer: { required: (r.transfer_required ?? 0) === 1, foundAt: r.transfer_found_at ?? null, transferredAt: r.transferred_at ?? null },
      rectification: { deadline: r.rectification_deadline ?? null, verifiedAt: r.rectification_verified_at ?? null },
    },
    enterprise: { id: ent.id, name: ent.name, grade, whitelist: ent.whitelist === 1, keySupervision: ent.key_supervision === 1, park: ent.park },
    items,
    team,
    history: {
      sameAgency: history.filter((h) => h.agency_id === draft.agencyId).map(toOther),
      related: history.filter((h) => h.date === null || h.date >= windowStart || statusRank(h.status) < statusRank('onsite')).map(toOther),
    },
    overrides,
  });
}
