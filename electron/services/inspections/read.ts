import type { HandlerCtx } from '../../api/context';
import type { Output } from '../../../shared/api';
import { deadlines, deadlineState, type InspectionStatus } from '../../../shared/rules';
import { buildFacts, draftOf, loadRow } from './facts';
import { calendarOverrides, readRuleSettings } from './settings';
import { availableActions } from './steps';
import { evaluate, today } from './store';

/** The inspection as the detail page shows it: plan, steps, timeline, evidence, findings, deadlines. */
export function get(ctx: HandlerCtx, id: number): Output<'inspections.get'> {
  const db = ctx.db;
  const r = loadRow(db, id);
  const draft = draftOf(db, r);
  const t = today(ctx);
  const ent = db.prepare('SELECT id, name, credit_code AS creditCode, address, grade FROM enterprises WHERE id = ?').get(r.enterprise_id) as Output<'inspections.get'>['enterprise'];
  const agency = db.prepare('SELECT name FROM agencies WHERE id = ?').get(r.agency_id) as { name: string };
  const facts = buildFacts(db, { id, draft, status: r.status, row: r, today: t });
  const settings = readRuleSettings(db);
  return {
    id: r.id,
    version: r.version,
    number: r.number,
    status: r.status,
    draft,
    enterprise: ent,
    agencyName: agency.name,
    jointAgencies: db.prepare('SELECT a.id, a.name FROM inspection_agencies j JOIN agencies a ON a.id = j.agency_id WHERE j.inspection_id = ? ORDER BY a.id').all(id) as { id: number; name: string }[],
    items: db
      .prepare(
        `SELECT ii.item_id AS itemId, ii.item_version AS version, i.code, v.name, i.status
         FROM inspection_items ii JOIN items i ON i.id = ii.item_id JOIN item_versions v ON v.item_id = ii.item_id AND v.version = ii.item_version
         WHERE ii.inspection_id = ? ORDER BY i.code`,
      )
      .all(id) as Output<'inspections.get'>['items'],
    team: (
      db
        .prepare(
          `SELECT o.id AS officerId, o.name, o.cert_no AS certNo, o.cert_valid_to AS validTo, t.role, o.kind, o.status
           FROM inspection_team t JOIN officers o ON o.id = t.officer_id WHERE t.inspection_id = ? ORDER BY t.role, o.id`,
        )
        .all(id) as { officerId: number; name: string; certNo: string | null; validTo: string | null; role: string; kind: string; status: string }[]
    ).map(({ role, ...m }) => ({ ...m, leader: role === 'leader' })),
    steps: {
      approvedAt: r.approved_at,
      filedAt: r.filed_at,
      notifiedAt: r.notified_at,
      actualStart: r.actual_start,
      codeRegisteredAt: r.code_registered_at,
      recordedAt: r.recorded_at,
      actualEnd: r.actual_end,
      feedbackAt: r.feedback_at,
      rectificationVerifiedAt: r.rectification_verified_at,
      transferredAt: r.transferred_at,
      remoteReportedAt: r.remote_reported_at,
      closedAt: r.closed_at,
    },
    record: {
      kind: r.record_kind,
      findings: r.findings,
      personsPresent: r.persons_present,
      place: r.record_place,
      codeRegistrationNo: r.code_registration_no,
      avRecordRef: r.av_record_ref,
      outcome: r.outcome,
      outcomeNote: r.outcome_note,
      rectificationDeadline: r.rectification_deadline,
      transferTarget: r.transfer_target,
    },
    events: db.prepare('SELECT e.id, e.action, e.at, COALESCE(u.display_name, e.username) AS username, e.note FROM inspection_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.inspection_id = ? ORDER BY e.id').all(id) as Output<'inspections.get'>['events'],
    overrides: db
      .prepare('SELECT o.rule_id AS ruleId, o.reason, o.approval_no AS approvalNo, u.username, o.at FROM rule_overrides o JOIN users u ON u.id = o.user_id WHERE o.inspection_id = ? ORDER BY o.id')
      .all(id) as Output<'inspections.get'>['overrides'],
    attachments: (
      db
        .prepare('SELECT id, name, kind, bytes, sha256, taken_at, gps_lat, gps_lon, outside_window, note FROM attachments WHERE inspection_id = ? ORDER BY id')
        .all(id) as { id: number; name: string; kind: string; bytes: number; sha256: string; taken_at: string | null; gps_lat: number | null; gps_lon: number | null; outside_window: number; note: string | null }[]
    ).map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      bytes: a.bytes,
      sha256: a.sha256,
      takenAt: a.taken_at,
      gps: a.gps_lat !== null && a.gps_lon !== null ? { lat: a.gps_lat, lon: a.gps_lon } : null,
      outsideWindow: a.outside_window === 1,
      note: a.note,
    })),
    findings: r.merged_into === null ? evaluate(ctx, id, draft, r.status, r) : [],
    deadlines: deadlines(facts, calendarOverrides(db), { followsXiangtanFiling: settings.followsXiangtanFiling }).map((d) => ({
      kind: d.kind,
      label: d.label,
      due: d.due.date,
      provisional: d.due.provisional,
      basis: d.basis,
      done: d.done,
      doneOn: d.doneOn,
      state: deadlineState(d, t),
    })),
    actions: availableActions(ctx, r),
    mergedInto: r.merged_into,
  };
}

/** Newest first, by id (keyset). */
export function list(ctx: HandlerCtx, input: { status?: InspectionStatus; enterpriseId?: number; beforeId?: number; limit: number }): Output<'inspections.list'> {
  const where = ['i.id < @before', 'i.merged_into IS NULL'];
  if (input.status) where.push('i.status = @status');
  if (input.enterpriseId) where.push('i.enterprise_id = @enterpriseId');
  const rows = ctx.db
    .prepare(
      `SELECT i.id, i.number, e.name AS enterpriseName, e.credit_code AS creditCode, a.name AS agencyName, i.kind, i.onsite, i.status,
              i.planned_date AS plannedDate, (SELECT MIN(due) FROM inspection_deadlines d WHERE d.inspection_id = i.id) AS nextDue
       FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id JOIN agencies a ON a.id = i.agency_id
       WHERE ${where.join(' AND ')} ORDER BY i.id DESC LIMIT @limit`,
    )
    .all({ before: input.beforeId ?? Number.MAX_SAFE_INTEGER, status: input.status, enterpriseId: input.enterpriseId, limit: input.limit + 1 }) as (Omit<
    Output<'inspections.list'>['rows'][number],
    'onsite'
  > & { onsite: number })[];
  const more = rows.length > input.limit;
  if (more) rows.pop();
  return { rows: rows.map((r) => ({ ...r, onsite: r.onsite === 1 })), nextBeforeId: more ? (rows[rows.length - 1]?.id ?? null) : null };
}
