/**
 * The archive (issue 6): case files (案卷) with their entries and locked revisions, legal holds
 * and two-step disposal, the fixity log (DA/T 70), bundle imports with their conflicts and the
 * foreign audit chains they brought, and the archive-wide search index. Design: docs/archive.md.
 *
 * - `case_files`: 档号 (archive_no = 全宗号-目录号-案卷号) and 归档号 are given when the case file is
 *   archived, never reused; a draft has neither. `case_file_inspections` makes an inspection part
 *   of at most one case file. Once archived, a change needs a reason and keeps the old state in
 *   `case_file_revisions` (append-only), with the products (cover, index, 备考表) of that version.
 * - Bundle import bookkeeping: `sync_state` (the last version of each record known to be shared
 *   with another office: what decides "edited here since"), `uuid_aliases` (another office's
 *   record matched to ours by its natural key), `foreign_refs` (who did what on the other side,
 *   by name: users never travel), `sync_conflicts`, `bundle_imports`, `imported_audit`
 *   (other offices' audit rows, kept apart from the local chain, each re-checkable by its hash).
 * - Search: `archive_search_docs` (one row per case file, inspection and document, kept by the
 *   triggers below and the archive service) and its external-content trigram index.
 */
export const sql = /* sql */ `
CREATE TABLE case_files (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','archived','disposed')),
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  fonds_no TEXT,
  fonds_name TEXT NOT NULL,
  catalog_no TEXT,
  category TEXT NOT NULL,
  volume_no INTEGER,
  archive_no TEXT UNIQUE,
  filing_no TEXT UNIQUE,
  date_from TEXT,
  date_to TEXT,
  retention TEXT NOT NULL CHECK (retention IN ('permanent','30y','10y')),
  retention_until TEXT,
  items_count INTEGER NOT NULL DEFAULT 0,
  pages INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  missing_explanation TEXT,
  compiled_by_name TEXT,
  checked_by_name TEXT,
  archived_at TEXT,
  archived_by INTEGER REFERENCES users(id),
  cover_sha256 TEXT,
  index_sha256 TEXT,
  notes_sha256 TEXT,
  legal_hold INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0,1)),
  legal_hold_reason TEXT,
  legal_hold_at TEXT,
  disposed_at TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'draft') = (archive_no IS NULL)),
  CHECK (legal_hold = 0 OR legal_hold_reason IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX case_files_volume ON case_files(fonds_no, catalog_no, volume_no) WHERE volume_no IS NOT NULL;
CREATE INDEX case_files_status ON case_files(status, retention_until);
CREATE INDEX case_files_year ON case_files(year, agency_id);

CREATE TABLE case_file_inspections (
  case_file_id INTEGER NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
  inspection_id INTEGER NOT NULL UNIQUE REFERENCES inspections(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (case_file_id, inspection_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE case_file_entries (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  case_file_id INTEGER NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  document_id INTEGER REFERENCES documents(id),
  attachment_id INTEGER REFERENCES attachments(id),
  slot TEXT NOT NULL,
  doc_no TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL,
  title TEXT NOT NULL,
  date TEXT,
  pages INTEGER NOT NULL CHECK (pages >= 0),
  pages_source TEXT NOT NULL CHECK (pages_source IN ('docprops','estimate','pdf','image','media','manual')),
  page_from INTEGER,
  page_to INTEGER,
  remark TEXT NOT NULL DEFAULT '',
  UNIQUE (case_file_id, seq),
  CHECK ((document_id IS NULL) <> (attachment_id IS NULL))
) STRICT;
CREATE INDEX case_file_entries_document ON case_file_entries(document_id) WHERE document_id IS NOT NULL;
CREATE INDEX case_file_entries_attachment ON case_file_entries(attachment_id) WHERE attachment_id IS NOT NULL;

CREATE TABLE case_file_revisions (
  id INTEGER PRIMARY KEY,
  case_file_id INTEGER NOT NULL REFERENCES case_files(id),
  version INTEGER NOT NULL,
  reason TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  cover_sha256 TEXT,
  index_sha256 TEXT,
  notes_sha256 TEXT,
  changed_by_name TEXT,
  changed_at TEXT NOT NULL,
  UNIQUE (case_file_id, version)
) STRICT;
CREATE TRIGGER case_file_revisions_frozen BEFORE UPDATE ON case_file_revisions
BEGIN SELECT RAISE(ABORT, 'a case file revision is read-only'); END;
CREATE TRIGGER case_file_revisions_kept BEFORE DELETE ON case_file_revisions
BEGIN SELECT RAISE(ABORT, 'a case file revision cannot be deleted'); END;

CREATE TABLE case_file_events (
  id INTEGER PRIMARY KEY,
  case_file_id INTEGER NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
  action TEXT NOT NULL,
  at TEXT NOT NULL,
  username TEXT,
  note TEXT
) STRICT;
CREATE INDEX case_file_events_case ON case_file_events(case_file_id, id);

CREATE TABLE disposals (
  id INTEGER PRIMARY KEY,
  case_file_id INTEGER NOT NULL REFERENCES case_files(id),
  status TEXT NOT NULL CHECK (status IN ('proposed','approved','rejected')),
  reason TEXT NOT NULL,
  decision_no TEXT NOT NULL,
  proposed_by INTEGER NOT NULL REFERENCES users(id),
  proposed_by_name TEXT NOT NULL,
  proposed_at TEXT NOT NULL,
  decided_by INTEGER REFERENCES users(id),
  decided_by_name TEXT,
  decided_at TEXT,
  decision_note TEXT,
  CHECK ((status = 'proposed') = (decided_at IS NULL))
) STRICT;
CREATE UNIQUE INDEX disposals_open ON disposals(case_file_id) WHERE status = 'proposed';
CREATE TRIGGER disposals_no_delete BEFORE DELETE ON disposals
BEGIN SELECT RAISE(ABORT, 'a disposal record cannot be deleted'); END;

CREATE TABLE fixity_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok','problems','cancelled')),
  files INTEGER NOT NULL,
  checked INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  missing INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  report TEXT NOT NULL,
  started_by TEXT
) STRICT;
CREATE TRIGGER fixity_runs_frozen BEFORE UPDATE ON fixity_runs
BEGIN SELECT RAISE(ABORT, 'the fixity log is append-only'); END;
CREATE TRIGGER fixity_runs_kept BEFORE DELETE ON fixity_runs
BEGIN SELECT RAISE(ABORT, 'the fixity log is append-only'); END;

CREATE TABLE bundle_imports (
  id INTEGER PRIMARY KEY,
  bundle_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  office_name TEXT NOT NULL,
  office_uuid TEXT NOT NULL,
  exported_at TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by_name TEXT,
  added INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  conflicts INTEGER NOT NULL,
  files_added INTEGER NOT NULL,
  audit_added INTEGER NOT NULL,
  report TEXT NOT NULL
) STRICT;

CREATE TABLE imported_audit (
  id INTEGER PRIMARY KEY,
  bundle_id TEXT NOT NULL,
  office_uuid TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  user_id INTEGER,
  username TEXT,
  route TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  summary TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  record_entity TEXT NOT NULL,
  record_uuid TEXT NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;
CREATE INDEX imported_audit_record ON imported_audit(record_entity, record_uuid);
CREATE TRIGGER imported_audit_no_update BEFORE UPDATE ON imported_audit
BEGIN SELECT RAISE(ABORT, 'imported_audit is append-only'); END;
CREATE TRIGGER imported_audit_no_delete BEFORE DELETE ON imported_audit
BEGIN SELECT RAISE(ABORT, 'imported_audit is append-only'); END;

CREATE TABLE sync_state (
  entity TEXT NOT NULL,
  uuid TEXT NOT NULL,
  version INTEGER NOT NULL,
  content_sha256 TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (entity, uuid)
) STRICT, WITHOUT ROWID;

CREATE TABLE uuid_aliases (
  entity TEXT NOT NULL,
  foreign_uuid TEXT NOT NULL,
  local_uuid TEXT NOT NULL,
  PRIMARY KEY (entity, foreign_uuid)
) STRICT, WITHOUT ROWID;

CREATE TABLE foreign_refs (
  entity TEXT NOT NULL,
  uuid TEXT NOT NULL,
  field TEXT NOT NULL,
  username TEXT,
  display_name TEXT,
  PRIMARY KEY (entity, uuid, field)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_conflicts (
  id INTEGER PRIMARY KEY,
  bundle_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  uuid TEXT NOT NULL,
  reason TEXT NOT NULL,
  local_version INTEGER NOT NULL,
  local_record TEXT NOT NULL,
  incoming_version INTEGER NOT NULL,
  incoming_record TEXT NOT NULL,
  incoming_sha256 TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','kept_local','took_incoming')),
  decided_by_name TEXT,
  decided_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (entity, uuid, incoming_sha256)
) STRICT;
CREATE INDEX sync_conflicts_status ON sync_conflicts(status, id);

-- Search: one row per case file, inspection and document.
CREATE TABLE archive_search_docs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('case_file','inspection','document')),
  ref_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  year INTEGER,
  agency_id INTEGER,
  retention TEXT,
  date TEXT,
  UNIQUE (kind, ref_id)
) STRICT;
CREATE INDEX archive_search_filters ON archive_search_docs(kind, year, agency_id);
CREATE VIRTUAL TABLE archive_fts USING fts5(title, body, content='archive_search_docs', content_rowid='id', tokenize='trigram');
CREATE TRIGGER archive_search_ai AFTER INSERT ON archive_search_docs BEGIN
  INSERT INTO archive_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER archive_search_ad AFTER DELETE ON archive_search_docs BEGIN
  INSERT INTO archive_fts (archive_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER archive_search_au AFTER UPDATE ON archive_search_docs BEGIN
  INSERT INTO archive_fts (archive_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO archive_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE VIEW archive_search_inspection AS
SELECT 'inspection' AS kind, i.id AS ref_id,
  i.number || ' ' || e.name AS title,
  e.name || ' ' || e.credit_code || ' ' || a.name || ' ' || i.content || ' ' ||
    COALESCE((SELECT group_concat(v.name, ' ') FROM inspection_items ii
      JOIN item_versions v ON v.item_id = ii.item_id AND v.version = ii.item_version WHERE ii.inspection_id = i.id), '') AS body,
  CAST(substr(COALESCE(i.actual_start, i.planned_date, i.created_at), 1, 4) AS INTEGER) AS year,
  i.agency_id AS agency_id, NULL AS retention,
  COALESCE(i.actual_start, i.planned_date, substr(i.created_at, 1, 10)) AS date
FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id JOIN agencies a ON a.id = i.agency_id;

CREATE VIEW archive_search_document AS
SELECT 'document' AS kind, d.id AS ref_id,
  COALESCE(d.number, '') || ' ' || d.file_name AS title,
  COALESCE(e.name, '') || ' ' || COALESCE(e.credit_code, '') || ' ' || COALESCE(i.number, '') AS body,
  COALESCE(d.year, CAST(substr(d.created_at, 1, 4) AS INTEGER)) AS year,
  i.agency_id AS agency_id, NULL AS retention, substr(d.created_at, 1, 10) AS date
FROM documents d LEFT JOIN inspections i ON i.id = d.inspection_id LEFT JOIN enterprises e ON e.id = i.enterprise_id;

CREATE TRIGGER archive_search_inspection_ai AFTER INSERT ON inspections BEGIN
  INSERT INTO archive_search_docs (kind, ref_id, title, body, year, agency_id, retention, date)
  SELECT kind, ref_id, title, body, year, agency_id, retention, date FROM archive_search_inspection WHERE ref_id = new.id
  ON CONFLICT (kind, ref_id) DO UPDATE SET title = excluded.title, body = excluded.body, year = excluded.year, agency_id = excluded.agency_id, date = excluded.date;
END;
CREATE TRIGGER archive_search_inspection_au AFTER UPDATE OF number, enterprise_id, agency_id, content, planned_date, actual_start ON inspections BEGIN
  INSERT INTO archive_search_docs (kind, ref_id, title, body, year, agency_id, retention, date)
  SELECT kind, ref_id, title, body, year, agency_id, retention, date FROM archive_search_inspection WHERE ref_id = new.id
  ON CONFLICT (kind, ref_id) DO UPDATE SET title = excluded.title, body = excluded.body, year = excluded.year, agency_id = excluded.agency_id, date = excluded.date;
END;
CREATE TRIGGER archive_search_inspection_ad AFTER DELETE ON inspections BEGIN
  DELETE FROM archive_search_docs WHERE kind = 'inspection' AND ref_id = old.id;
END;
CREATE TRIGGER archive_search_items_ai AFTER INSERT ON inspection_items BEGIN
  INSERT INTO archive_search_docs (kind, ref_id, title, body, year, agency_id, retention, date)
  SELECT kind, ref_id, title, body, year, agency_id, retention, date FROM archive_search_inspection WHERE ref_id = new.inspection_id
  ON CONFLICT (kind, ref_id) DO UPDATE SET body = excluded.body;
END;
CREATE TRIGGER archive_search_document_ai AFTER INSERT ON documents BEGIN
  INSERT INTO archive_search_docs (kind, ref_id, title, body, year, agency_id, retention, date)
  SELECT kind, ref_id, title, body, year, agency_id, retention, date FROM archive_search_document WHERE ref_id = new.id
  ON CONFLICT (kind, ref_id) DO UPDATE SET title = excluded.title, body = excluded.body, year = excluded.year, agency_id = excluded.agency_id, date = excluded.date;
END;
CREATE TRIGGER archive_search_enterprise_au AFTER UPDATE OF name, credit_code ON enterprises
WHEN old.name IS NOT new.name OR old.credit_code IS NOT new.credit_code BEGIN
  INSERT INTO archive_search_docs (kind, ref_id, title, body, year, agency_id, retention, date)
  SELECT kind, ref_id, title, body, year, agency_id, retention, date FROM archive_search_inspection
  WHERE ref_id IN (SELECT id FROM inspections WHERE enterprise_id = new.id)
  ON CONFLICT (kind, ref_id) DO UPDATE SET title = excluded.title, body = excluded.body;
  INSERT INTO archive_search_docs (kind, ref_id, title, body, year, agency_id, retention, date)
  SELECT kind, ref_id, title, body, year, agency_id, retention, date FROM archive_search_document
  WHERE ref_id IN (SELECT d.id FROM documents d JOIN inspections i ON i.id = d.inspection_id WHERE i.enterprise_id = new.id)
  ON CONFLICT (kind, ref_id) DO UPDATE SET title = excluded.title, body = excluded.body;
END;

INSERT INTO archive_search_docs (kind, ref_id, title, body, year, agency_id, retention, date)
  SELECT kind, ref_id, title, body, year, agency_id, retention, date FROM archive_search_inspection WHERE true;
INSERT INTO archive_search_docs (kind, ref_id, title, body, year, agency_id, retention, date)
  SELECT kind, ref_id, title, body, year, agency_id, retention, date FROM archive_search_document WHERE true;
`;
