/**
 * Official documents (issue 5): every generated .docx/.xlsx is registered here with its number
 * (文号) and the SHA-256 of its bytes in the content-addressed file store. A document is never
 * edited or deleted: generating a kind again records a new document and marks the old one
 * superseded (作废), so both stay in the archive.
 *
 * - Numbers come from `counters` (scope `doc:<kind>`, per year), consumed in the transaction
 *   that registers the document: a rolled-back generation leaves no gap, and a number is never
 *   reused. `number` is unique; kinds without a number (笔录) leave it NULL.
 * - At most one current document per inspection and kind, and per ledger period and format.
 * - `document_supplements`: facts some documents need that the lifecycle does not record
 *   (problems with the provisions violated, what was shown on site, transfer facts…), as JSON
 *   validated by shared/api/documents.ts.
 * - The office's QR key (HMAC secret of the 通知书's QR code) is made once, here, from SQLite's
 *   CSPRNG; the document settings themselves live in `settings` under 'documents'.
 */
export const sql = /* sql */ `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  inspection_id INTEGER REFERENCES inspections(id),
  kind TEXT NOT NULL CHECK (kind IN ('filingForm','approvalForm','inspectionNotice','onSiteRecord','offSiteRecord',
    'resultNotice','rectificationOrder','transferLetter','inspectionRegister')),
  format TEXT NOT NULL DEFAULT 'docx' CHECK (format IN ('docx','xlsx')),
  number TEXT UNIQUE,
  year INTEGER,
  serial INTEGER,
  period_from TEXT,
  period_to TEXT,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  bytes INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  superseded_by INTEGER REFERENCES documents(id),
  status TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current','superseded')),
  CHECK ((inspection_id IS NULL) = (kind = 'inspectionRegister')),
  CHECK (kind <> 'inspectionRegister' OR (period_from IS NOT NULL AND period_to IS NOT NULL)),
  CHECK ((number IS NULL) = (serial IS NULL))
) STRICT;
CREATE UNIQUE INDEX documents_current ON documents(inspection_id, kind) WHERE status = 'current' AND inspection_id IS NOT NULL;
CREATE UNIQUE INDEX documents_current_ledger ON documents(kind, format, period_from, period_to) WHERE status = 'current' AND inspection_id IS NULL;
CREATE INDEX documents_inspection ON documents(inspection_id, id);
CREATE INDEX documents_kind ON documents(kind, id);
CREATE INDEX documents_sha ON documents(sha256);

-- Registered documents are read-only: only current → superseded, then its successor once, may change.
CREATE TRIGGER documents_frozen BEFORE UPDATE ON documents
WHEN new.uuid IS NOT old.uuid OR new.inspection_id IS NOT old.inspection_id OR new.kind IS NOT old.kind
  OR new.format IS NOT old.format OR new.number IS NOT old.number OR new.serial IS NOT old.serial
  OR new.sha256 IS NOT old.sha256 OR new.bytes IS NOT old.bytes OR new.file_name IS NOT old.file_name
  OR new.created_by IS NOT old.created_by OR new.created_at IS NOT old.created_at
  OR (old.status = 'superseded' AND new.status <> 'superseded')
  OR (old.superseded_by IS NOT NULL AND new.superseded_by IS NOT old.superseded_by)
  OR (new.superseded_by IS NOT NULL AND new.status <> 'superseded')
BEGIN SELECT RAISE(ABORT, 'a registered document is read-only'); END;
CREATE TRIGGER documents_kept BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'a registered document cannot be deleted'); END;

CREATE TABLE document_supplements (
  inspection_id INTEGER PRIMARY KEY REFERENCES inspections(id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL
) STRICT;

INSERT INTO settings (key, value) VALUES ('documents.qrSecret', lower(hex(randomblob(32))))
  ON CONFLICT(key) DO NOTHING;
`;
