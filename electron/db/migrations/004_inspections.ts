/**
 * Inspections and their life: the task, its joint agencies, items (at the version used), team,
 * timeline events, recorded overrides, evidence attachments (by hash), the deadlines the
 * warning center reads, and the user's calendar overrides.
 *
 * Step dates are Asia/Shanghai calendar dates ('YYYY-MM-DD'); event times are UTC ISO stamps.
 * `inspection_deadlines` is maintained by the lifecycle service on every change of one
 * inspection, so the 工作台 reads a small indexed table instead of evaluating rules over the
 * whole archive.
 */
export const sql = /* sql */ `
CREATE TABLE inspections (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  number TEXT NOT NULL UNIQUE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  kind TEXT NOT NULL CHECK (kind IN ('planned','random','triggered','special','offsite')),
  trigger_source TEXT CHECK (trigger_source IS NULL OR trigger_source IN ('complaint','referral','monitoring','request')),
  trigger_ref TEXT,
  special_approval_no TEXT,
  onsite INTEGER NOT NULL DEFAULT 1 CHECK (onsite IN (0,1)),
  basis TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  planned_date TEXT,
  actual_start TEXT,
  actual_end TEXT,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','approved','filed','notified','onsite','recorded','fed_back','rectification','transferred','closed','archived')),
  emergency INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0,1)),
  emergency_reason TEXT,
  no_notice_reason TEXT,
  filing_exemption TEXT CHECK (filing_exemption IS NULL OR filing_exemption IN ('state_secret','safety_production')),
  out_of_jurisdiction INTEGER NOT NULL DEFAULT 0 CHECK (out_of_jurisdiction IN (0,1)),
  remote_reported_at TEXT,
  approved_at TEXT,
  approved_by INTEGER REFERENCES users(id),
  approval_note TEXT,
  filed_at TEXT,
  filing_no TEXT,
  filing_late_reason TEXT,
  notified_at TEXT,
  code_registration_no TEXT,
  code_registered_at TEXT,
  av_record_ref TEXT,
  record_kind TEXT CHECK (record_kind IS NULL OR record_kind IN ('onsite','offsite')),
  recorded_at TEXT,
  record_place TEXT,
  findings TEXT,
  persons_present TEXT,
  offsite_method TEXT,
  feedback_at TEXT,
  feedback_method TEXT,
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('no_problem','rectification','penalty','transfer')),
  outcome_note TEXT,
  rectification_deadline TEXT,
  rectification_verified_at TEXT,
  rectification_result TEXT,
  transfer_required INTEGER NOT NULL DEFAULT 0 CHECK (transfer_required IN (0,1)),
  transfer_found_at TEXT,
  transfer_target TEXT,
  transferred_at TEXT,
  closed_at TEXT,
  merged_into INTEGER REFERENCES inspections(id),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start)
) STRICT;
-- History queries of the rules: same enterprise, same agency, by date.
CREATE INDEX inspections_enterprise_agency ON inspections(enterprise_id, agency_id, planned_date);
CREATE INDEX inspections_enterprise_date ON inspections(enterprise_id, planned_date);
CREATE INDEX inspections_status ON inspections(status, id);
CREATE INDEX inspections_agency_date ON inspections(agency_id, planned_date, id);

CREATE TABLE inspection_agencies (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (inspection_id, agency_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE inspection_items (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES items(id),
  item_version INTEGER NOT NULL,
  PRIMARY KEY (inspection_id, item_id),
  FOREIGN KEY (item_id, item_version) REFERENCES item_versions(item_id, version)
) STRICT, WITHOUT ROWID;
CREATE INDEX inspection_items_item ON inspection_items(item_id, inspection_id);

CREATE TABLE inspection_team (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  officer_id INTEGER NOT NULL REFERENCES officers(id),
  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('leader','member')),
  PRIMARY KEY (inspection_id, officer_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE inspection_events (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  action TEXT NOT NULL,
  at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  username TEXT,
  note TEXT
) STRICT;
CREATE INDEX inspection_events_inspection ON inspection_events(inspection_id, id);

CREATE TABLE rule_overrides (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  rule_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  approval_no TEXT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
) STRICT;
CREATE INDEX rule_overrides_inspection ON rule_overrides(inspection_id);

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  bytes INTEGER NOT NULL,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('photo','audio','video','scan','other')),
  taken_at TEXT,
  gps_lat REAL,
  gps_lon REAL,
  outside_window INTEGER NOT NULL DEFAULT 0 CHECK (outside_window IN (0,1)),
  note TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_inspection ON attachments(inspection_id);
CREATE INDEX attachments_sha ON attachments(sha256);

-- Open deadlines per inspection, rewritten by the lifecycle service on each change.
CREATE TABLE inspection_deadlines (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('feedback','approval','filing','rectification','transfer','remote')),
  due TEXT NOT NULL,
  provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0,1)),
  basis TEXT NOT NULL,
  PRIMARY KEY (inspection_id, kind)
) STRICT, WITHOUT ROWID;
CREATE INDEX inspection_deadlines_due ON inspection_deadlines(due);

-- Archive-wide warnings (多头/重复/高频) per enterprise, refreshed for one enterprise at a time.
CREATE TABLE enterprise_warnings (
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  kind TEXT NOT NULL CHECK (kind IN ('multi_agency','repeat_item','high_frequency')),
  message TEXT NOT NULL,
  since TEXT NOT NULL,
  PRIMARY KEY (enterprise_id, kind)
) STRICT, WITHOUT ROWID;

CREATE INDEX enterprise_warnings_since ON enterprise_warnings(since);

-- Inspections per status for the 工作台, kept by triggers so it never counts a million rows.
CREATE TABLE inspection_status_counts (
  status TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TRIGGER inspection_counts_ai AFTER INSERT ON inspections BEGIN
  INSERT INTO inspection_status_counts (status, n) VALUES (new.status, 1) ON CONFLICT(status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER inspection_counts_au AFTER UPDATE OF status ON inspections WHEN old.status <> new.status BEGIN
  UPDATE inspection_status_counts SET n = n - 1 WHERE status = old.status;
  INSERT INTO inspection_status_counts (status, n) VALUES (new.status, 1) ON CONFLICT(status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER inspection_counts_ad AFTER DELETE ON inspections BEGIN
  UPDATE inspection_status_counts SET n = n - 1 WHERE status = old.status;
END;

CREATE TABLE calendar_days (
  date TEXT PRIMARY KEY CHECK (length(date) = 10),
  kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
  note TEXT,
  imported_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE counters (
  scope TEXT NOT NULL,
  year INTEGER NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (scope, year)
) STRICT, WITHOUT ROWID;
`;
