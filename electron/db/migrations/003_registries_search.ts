/**
 * Registries, second cut: auxiliary staff categories, enterprise search (pinyin order,
 * initials, two full-text indexes) and the versioned inspection item list.
 *
 * Enterprise search (design and measurements: electron/services/enterpriseSearch.ts,
 * tests/bench/search.bench.ts):
 * - `name_pinyin` (toneless syllables per character, space-separated, so the order compares
 *   character by character as Excel's pinyin sort does), `name_initials`, and `name_rank`: an
 *   integer that follows (name_pinyin, id) order with gaps, so a new name slots in between.
 * - Both full-text tables use `name_rank` as their rowid. FTS5 returns matches in rowid order
 *   and seeks `rowid > ?` directly, so a text search in pinyin order is read straight off the
 *   index, page after page, however many rows match.
 * - `enterprises_trgm`: trigram over name, address, initials and credit code (3+ characters).
 * - `enterprises_grams`: unicode61, detail=none; its one column holds every character and every
 *   neighbouring pair of name and address, so a 1- or 2-character query is a single token
 *   lookup (a prefix query over bigrams merged thousands of terms: p95 ~100 ms at 1M rows).
 * - Both are contentless, written by the enterprise service in the same transaction as the
 *   row (pinyin needs JS). The triggers below only *invalidate*: a change of name, address or
 *   code by any other writer drops the row's index entries and clears its keys, and
 *   `reindexMissing` (run at start-up, and by bulk writers) rebuilds what is missing.
 */
export const sql = /* sql */ `
ALTER TABLE officers ADD COLUMN auxiliary_type TEXT
  CHECK (auxiliary_type IS NULL OR auxiliary_type IN ('辅助人员','网格员','临时工'));
UPDATE officers SET auxiliary_type = '辅助人员' WHERE kind = 'auxiliary';

ALTER TABLE enterprises ADD COLUMN name_pinyin TEXT;
ALTER TABLE enterprises ADD COLUMN name_initials TEXT;
ALTER TABLE enterprises ADD COLUMN name_rank INTEGER;
CREATE INDEX enterprises_pinyin ON enterprises(name_pinyin, id);
CREATE UNIQUE INDEX enterprises_rank ON enterprises(name_rank);
-- Initials of one or two letters are a prefix search, read in pinyin order off these.
CREATE INDEX enterprises_initial1 ON enterprises(substr(name_initials, 1, 1), name_rank);
CREATE INDEX enterprises_initial2 ON enterprises(substr(name_initials, 1, 2), name_rank);
-- Filters of the enterprise list, each ordered by pinyin rank for its own pages and counts.
CREATE INDEX enterprises_grade ON enterprises(grade, name_rank);
CREATE INDEX enterprises_kind ON enterprises(kind, name_rank);
CREATE INDEX enterprises_park ON enterprises(park, name_rank) WHERE park IS NOT NULL;
CREATE INDEX enterprises_whitelist ON enterprises(name_rank) WHERE whitelist = 1;
CREATE INDEX enterprises_key_supervision ON enterprises(name_rank) WHERE key_supervision = 1;

CREATE VIRTUAL TABLE enterprises_trgm USING fts5(
  name, address, name_initials, credit_code,
  content='', contentless_delete=1, tokenize='trigram'
);
CREATE VIRTUAL TABLE enterprises_grams USING fts5(
  grams, content='', contentless_delete=1, detail=none, tokenize='unicode61'
);
CREATE TRIGGER enterprises_search_stale AFTER UPDATE OF name, address, credit_code ON enterprises
WHEN old.name_rank IS NOT NULL
  AND (old.name IS NOT new.name OR old.address IS NOT new.address OR old.credit_code IS NOT new.credit_code)
BEGIN
  DELETE FROM enterprises_trgm WHERE rowid = old.name_rank;
  DELETE FROM enterprises_grams WHERE rowid = old.name_rank;
  UPDATE enterprises SET name_pinyin = NULL, name_initials = NULL, name_rank = NULL WHERE id = new.id;
END;
CREATE TRIGGER enterprises_search_gone AFTER DELETE ON enterprises WHEN old.name_rank IS NOT NULL
BEGIN
  DELETE FROM enterprises_trgm WHERE rowid = old.name_rank;
  DELETE FROM enterprises_grams WHERE rowid = old.name_rank;
END;

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  code TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','retired')),
  current_version INTEGER NOT NULL DEFAULT 1 CHECK (current_version >= 1),
  retired_at TEXT,
  retired_by INTEGER REFERENCES users(id),
  retire_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (agency_id, code),
  CHECK ((status = 'retired') = (retired_at IS NOT NULL))
) STRICT;
CREATE INDEX items_agency ON items(agency_id, status);

CREATE TABLE item_versions (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  item_id INTEGER NOT NULL REFERENCES items(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  basis TEXT NOT NULL,
  subject TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('省','市','县','乡镇')),
  undertaking_unit TEXT NOT NULL,
  target TEXT NOT NULL,
  content TEXT NOT NULL,
  method TEXT NOT NULL,
  frequency TEXT NOT NULL,
  remark TEXT,
  published_at TEXT,
  published_by INTEGER REFERENCES users(id),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (item_id, version)
) STRICT;

-- Inspections cite (item_id, version): once published, a version is never changed or removed.
CREATE TRIGGER item_versions_frozen BEFORE UPDATE ON item_versions WHEN old.published_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a published item version is read-only'); END;
CREATE TRIGGER item_versions_kept BEFORE DELETE ON item_versions WHEN old.published_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a published item version cannot be deleted'); END;
`;
