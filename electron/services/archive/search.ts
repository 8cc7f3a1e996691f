import type { Db } from '../../db/database';
import type { Output, ParsedInput } from '../../../shared/api';
import type { Retention, SearchHit } from '../../../shared/api/archive';
import { searchEnterprises } from '../enterpriseSearch';

/**
 * Archive-wide search (issue 6.3). Case files, inspections and documents each have one row in
 * `archive_search_docs` (titles, numbers, enterprise names and codes, agency, items): the
 * triggers of migration 006 keep inspections and documents, this module keeps case files.
 * A term of three or more characters is a trigram full-text match (FTS5 `trigram`, a phrase,
 * so "湘莲食品" matches inside "湘潭湘莲食品有限公司"); a term of one or two characters cannot
 * make a trigram and is a LIKE over the same rows — the archive holds thousands of rows, not
 * the enterprise register's millions, so a scan of them is a few milliseconds (measured in
 * tests/integration/archiveSearch.test.ts). Enterprises go through the enterprise register's
 * own search (pinyin, initials, 1–2 character grams).
 */

const CASE_FILE_SQL = `
SELECT 'case_file' AS kind, c.id AS ref_id,
  COALESCE(c.archive_no, '') || ' ' || c.title AS title,
  COALESCE(c.filing_no, '') || ' ' || a.name || ' ' ||
    COALESCE((SELECT group_concat(i.number || ' ' || e.name || ' ' || e.credit_code, ' ') FROM case_file_inspections ci
      JOIN inspections i ON i.id = ci.inspection_id JOIN enterprises e ON e.id = i.enterprise_id WHERE ci.case_file_id = c.id), '') AS body,
  c.year AS year, c.agency_id AS agency_id, c.retention AS retention, c.date_to AS date
FROM case_files c JOIN agencies a ON a.id = c.agency_id WHERE c.id = ?`;

/** Rewrites one case file's search row (after any change to it or its inspections). */
export function refreshCaseFileSearch(db: Db, id: number): void {
  const row = db.prepare(CASE_FILE_SQL).get(id) as Record<string, unknown> | undefined;
  if (!row) {
    db.prepare("DELETE FROM archive_search_docs WHERE kind = 'case_file' AND ref_id = ?").run(id);
    return;
  }
  db.prepare(
    `INSERT INTO archive_search_docs (kind, ref_id, title, body, year, agency_id, retention, date)
     VALUES (@kind, @ref_id, @title, @body, @year, @agency_id, @retention, @date)
     ON CONFLICT (kind, ref_id) DO UPDATE SET title = excluded.title, body = excluded.body, year = excluded.year,
       agency_id = excluded.agency_id, retention = excluded.retention, date = excluded.date`,
  ).run(row);
}

/** Search terms: whitespace-separated, each a phrase (quotes inside are doubled for FTS5). */
function terms(q: string): string[] {
  return q
    .split(/\s+/u)
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, 8);
}

const likeEscape = (s: string) => s.replace(/[\\%_]/gu, (c) => `\\${c}`);

interface DocRow {
  kind: 'case_file' | 'inspection' | 'document';
  ref_id: number;
  title: string;
  body: string;
  year: number | null;
  date: string | null;
  retention: Retention | null;
}

/** Rows of the archive's own index matching every term, newest first. */
export function searchDocs(db: Db, input: { q: string; kind?: string; year?: number; agencyId?: number; retention?: Retention; limit: number }): { rows: DocRow[]; more: boolean } {
  const all = terms(input.q);
  const long = all.filter((t) => [...t].length >= 3);
  const short = all.filter((t) => [...t].length < 3);
  const where: string[] = [];
  const params: unknown[] = [];
  if (long.length) {
    where.push('d.id IN (SELECT rowid FROM archive_fts WHERE archive_fts MATCH ?)');
    params.push(long.map((t) => `"${t.replace(/"/gu, '""')}"`).join(' AND '));
  }
  for (const t of short) {
    where.push("(d.title LIKE ? ESCAPE '\\' OR d.body LIKE ? ESCAPE '\\')");
    params.push(`%${likeEscape(t)}%`, `%${likeEscape(t)}%`);
  }
  if (input.kind) {
    where.push('d.kind = ?');
    params.push(input.kind);
  }
  if (input.year) {
    where.push('d.year = ?');
    params.push(input.year);
  }
  if (input.agencyId) {
    where.push('d.agency_id = ?');
    params.push(input.agencyId);
  }
  if (input.retention) {
    where.push('d.retention = ?');
    params.push(input.retention);
  }
  if (!where.length) return { rows: [], more: false };
  const rows = db
    .prepare(`SELECT d.kind, d.ref_id, d.title, d.body, d.year, d.date, d.retention FROM archive_search_docs d WHERE ${where.join(' AND ')} ORDER BY d.date DESC, d.id DESC LIMIT ?`)
    .all(...params, input.limit + 1) as DocRow[];
  const more = rows.length > input.limit;
  return { rows: rows.slice(0, input.limit), more };
}

/** The 档案检索 route: the archive index, plus enterprises when no archive-only filter is set. */
export function search(db: Db, input: ParsedInput<'archive.search'>): Output<'archive.search'> {
  const hits: SearchHit[] = [];
  let more = false;
  if (input.kind !== 'enterprise') {
    const r = searchDocs(db, { ...input, kind: input.kind });
    more = r.more;
    for (const d of r.rows) hits.push({ kind: d.kind, id: d.ref_id, title: d.title.trim(), detail: d.body.trim().slice(0, 160), year: d.year, date: d.date, retention: d.retention });
  }
  const enterpriseAllowed = !input.year && !input.retention && !input.agencyId && (!input.kind || input.kind === 'enterprise');
  if (enterpriseAllowed) {
    const e = searchEnterprises(db, { q: input.q, sort: 'pinyin', limit: input.kind ? input.limit : Math.min(20, input.limit) });
    for (const row of e.rows) hits.push({ kind: 'enterprise', id: row.id, title: row.name, detail: `${row.creditCode} ${row.address}`, year: null, date: null, retention: null });
    more = more || e.nextCursor !== null;
  }
  return { hits, more };
}
