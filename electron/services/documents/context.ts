import type { Db } from '../../db/database';
import type { CalendarOverride } from '../../../shared/calendar';
import { supplementSchema, type DocumentSettings, type Supplement } from '../../../shared/api/documents';
import { AppError } from '../../errors';
import { calendarOverrides, readRuleSettings } from '../inspections/settings';
import { readDocumentSettings } from './settings';

/**
 * Everything the document mappers read about one inspection, loaded with a handful of indexed
 * queries (prepared once per connection, so a batch of a thousand stays cheap), plus the
 * office-wide values (settings, calendar, cap) loaded once per request or job.
 */

export interface Office {
  settings: DocumentSettings;
  calendar: CalendarOverride[];
  cap: number;
  today: string;
}

export function loadOffice(db: Db, today: string): Office {
  return { settings: readDocumentSettings(db), calendar: calendarOverrides(db), cap: readRuleSettings(db).cap, today };
}

export interface InspectionRecord {
  id: number;
  number: string;
  status: string;
  kind: 'planned' | 'random' | 'triggered' | 'special' | 'offsite';
  trigger_source: 'complaint' | 'referral' | 'monitoring' | 'request' | null;
  trigger_ref: string | null;
  special_approval_no: string | null;
  onsite: number;
  basis: string;
  content: string;
  planned_date: string | null;
  actual_start: string | null;
  actual_end: string | null;
  emergency: number;
  emergency_reason: string | null;
  no_notice_reason: string | null;
  filing_exemption: string | null;
  out_of_jurisdiction: number;
  code_registration_no: string | null;
  code_registered_at: string | null;
  recorded_at: string | null;
  record_place: string | null;
  findings: string | null;
  feedback_at: string | null;
  outcome: 'no_problem' | 'rectification' | 'penalty' | 'transfer' | null;
  outcome_note: string | null;
  rectification_deadline: string | null;
  rectification_verified_at: string | null;
  transfer_target: string | null;
  merged_into: number | null;
  agency_id: number;
  enterprise_id: number;
}

export interface InspectionContext {
  row: InspectionRecord;
  enterprise: { name: string; creditCode: string; address: string; legalRep: string | null; phone: string | null; grade: string | null };
  agency: { name: string; shortName: string; phone: string | null };
  joint: string[];
  items: { code: string; name: string; basis: string; content: string }[];
  /** Leader first, then by id. */
  team: { name: string; certNo: string | null; post: string | null; phone: string | null; leader: boolean; auxiliary: boolean }[];
  attachments: { name: string; note: string | null }[];
  /** The last event of each lifecycle action: its time (UTC ISO), who (display name) and note. */
  events: Map<string, { at: string; who: string | null; note: string | null }>;
  supplement: Supplement;
  supplementVersion: number | null;
}

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    row: db.prepare('SELECT * FROM inspections WHERE id = ?'),
    enterprise: db.prepare('SELECT name, credit_code AS creditCode, address, legal_rep AS legalRep, phone, grade FROM enterprises WHERE id = ?'),
    agency: db.prepare('SELECT name, short_name AS shortName, phone FROM agencies WHERE id = ?'),
    joint: db.prepare('SELECT a.name FROM inspection_agencies j JOIN agencies a ON a.id = j.agency_id WHERE j.inspection_id = ? ORDER BY a.id'),
    items: db.prepare(
      `SELECT i.code, v.name, v.basis, v.content FROM inspection_items ii JOIN items i ON i.id = ii.item_id
       JOIN item_versions v ON v.item_id = ii.item_id AND v.version = ii.item_version WHERE ii.inspection_id = ? ORDER BY i.code, i.id`,
    ),
    team: db.prepare(
      `SELECT o.name, o.cert_no AS certNo, o.post, o.phone, t.role = 'leader' AS leader, o.kind = 'auxiliary' AS auxiliary
       FROM inspection_team t JOIN officers o ON o.id = t.officer_id WHERE t.inspection_id = ? ORDER BY t.role = 'leader' DESC, o.id`,
    ),
    attachments: db.prepare('SELECT name, note FROM attachments WHERE inspection_id = ? ORDER BY id'),
    events: db.prepare(
      `SELECT e.action, e.at, COALESCE(u.display_name, e.username) AS who, e.note FROM inspection_events e LEFT JOIN users u ON u.id = e.user_id
       WHERE e.inspection_id = ? ORDER BY e.id`,
    ),
    supplement: db.prepare('SELECT data, version FROM document_supplements WHERE inspection_id = ?'),
    ordinal: db.prepare(
      `SELECT COUNT(*) AS n FROM inspections WHERE enterprise_id = @enterprise AND agency_id = @agency AND merged_into IS NULL
         AND COALESCE(actual_start, planned_date) BETWEEN @yearStart AND @date
         AND (COALESCE(actual_start, planned_date) < @date OR id <= @id)`,
    ),
  };
}

export function stmts(db: Db): ReturnType<typeof prepare> {
  let s = statements.get(db);
  if (!s) {
    s = prepare(db);
    statements.set(db, s);
  }
  return s;
}

/** The saved supplement of an inspection (all blank when none). */
export function parseSupplement(json: string | undefined): Supplement {
  if (!json) return supplementSchema.parse({});
  try {
    const r = supplementSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : supplementSchema.parse({});
  } catch {
    return supplementSchema.parse({});
  }
}

export function loadInspection(db: Db, id: number): InspectionContext {
  const s = stmts(db);
  const row = s.row.get(id) as InspectionRecord | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到该检查任务');
  const enterprise = s.enterprise.get(row.enterprise_id) as InspectionContext['enterprise'];
  const agency = s.agency.get(row.agency_id) as InspectionContext['agency'];
  const events = new Map<string, { at: string; who: string | null; note: string | null }>();
  for (const e of s.events.all(id) as { action: string; at: string; who: string | null; note: string | null }[]) events.set(e.action, e);
  const sup = s.supplement.get(id) as { data: string; version: number } | undefined;
  return {
    row,
    enterprise,
    agency,
    joint: (s.joint.all(id) as { name: string }[]).map((j) => j.name),
    items: s.items.all(id) as InspectionContext['items'],
    team: (s.team.all(id) as (Omit<InspectionContext['team'][number], 'leader' | 'auxiliary'> & { leader: number; auxiliary: number })[]).map((t) => ({
      ...t,
      leader: t.leader === 1,
      auxiliary: t.auxiliary === 1,
    })),
    attachments: s.attachments.all(id) as InspectionContext['attachments'],
    events,
    supplement: parseSupplement(sup?.data),
    supplementVersion: sup?.version ?? null,
  };
}

/** "本年度第×次": this agency's inspections of the enterprise this year up to this one (by date, then id). */
export function ordinalThisYear(db: Db, c: InspectionContext): number | undefined {
  const date = c.row.actual_start ?? c.row.planned_date;
  if (!date) return undefined;
  const r = stmts(db).ordinal.get({ enterprise: c.row.enterprise_id, agency: c.row.agency_id, yearStart: `${date.slice(0, 4)}-01-01`, date, id: c.row.id }) as { n: number };
  return Math.max(1, r.n);
}
