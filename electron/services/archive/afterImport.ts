import type { BundleEntityType } from '../../../shared/schemas/bundle';
import type { Db } from '../../db/database';
import { syncSearch } from '../enterpriseIndex';
import { refreshDeadlines, refreshEnterpriseWarnings } from '../inspections/derived';
import { buildFacts, draftOf, loadRow } from '../inspections/facts';
import { refreshCaseFileSearch } from './search';

/**
 * What the rest of the app derives from imported rows, rebuilt in the import's transaction:
 * the enterprise search keys (pinyin needs JS), each inspection's open deadlines and its
 * enterprise's warnings, the case file search rows, and the per-year counters — an imported
 * 湘县市监检〔2025〕7号 moves this office's counter past 7, so the next local number never
 * collides with it.
 */
export function afterImport(db: Db, touched: Map<BundleEntityType, number[]>, today: string): string[] {
  const notes: string[] = [];
  for (const id of touched.get('enterprises') ?? []) syncSearch(db, id);
  const bump = db.prepare('INSERT INTO counters (scope, year, value) VALUES (?, ?, ?) ON CONFLICT(scope, year) DO UPDATE SET value = max(value, excluded.value)');
  const enterprises = new Set<number>();
  for (const id of touched.get('inspections') ?? []) {
    const row = loadRow(db, id);
    const m = /〔(\d{4})〕(\d+)号$/u.exec(row.number);
    if (m) bump.run(`inspection:${row.agency_id}`, Number(m[1]), Number(m[2]));
    try {
      const facts = buildFacts(db, { id, draft: draftOf(db, row), status: row.status, row, today });
      refreshDeadlines(db, facts, row.merged_into !== null || row.status === 'archived' || row.status === 'closed');
    } catch (e) {
      notes.push(`检查 ${row.number} 的办理期限未能重新计算：${e instanceof Error ? e.message : String(e)}`);
    }
    enterprises.add(row.enterprise_id);
  }
  for (const e of enterprises) refreshEnterpriseWarnings(db, e, today);
  const docs = touched.get('documents') ?? [];
  const doc = db.prepare('SELECT kind, year, serial FROM documents WHERE id = ?');
  for (const id of docs) {
    const d = doc.get(id) as { kind: string; year: number | null; serial: number | null };
    if (d.year !== null && d.serial !== null) bump.run(`doc:${d.kind}`, d.year, d.serial);
  }
  const cf = db.prepare('SELECT year, fonds_no, catalog_no, volume_no, filing_no FROM case_files WHERE id = ?');
  for (const id of touched.get('case_files') ?? []) {
    const c = cf.get(id) as { year: number; fonds_no: string | null; catalog_no: string | null; volume_no: number | null; filing_no: string | null };
    if (c.volume_no !== null && c.fonds_no && c.catalog_no) bump.run(`archive:volume:${c.fonds_no}:${c.catalog_no}`, 0, c.volume_no);
    const serial = c.filing_no ? /-(\d+)$/u.exec(c.filing_no)?.[1] : undefined;
    if (serial) bump.run('archive:filing', c.year, Number(serial));
    refreshCaseFileSearch(db, id);
  }
  return notes;
}
