import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { enterpriseExportInput } from '../../shared/api/exchange';
import { ENTERPRISE_FIELDS } from '../../shared/schemas/importFields';
import type { Db } from '../db/database';
import type { TaskIO } from '../jobs/protocol';
import type { EnterpriseRow } from '../services/enterprises';
import { DEFAULT_TUNING, searchEnterprises } from '../services/enterpriseSearch';

export type ExportFilters = z.output<typeof enterpriseExportInput>;


/** Column → cell, keyed like ENTERPRISE_FIELDS so the export's headers are the importer's own (a round trip maps itself). */
const CELLS: Record<string, (r: EnterpriseRow) => string | null> = {
  creditCode: (r) => r.credit_code,
  name: (r) => r.name,
  kind: (r) => r.kind,
  address: (r) => r.address,
  legalRep: (r) => r.legal_rep,
  phone: (r) => r.phone,
  industry: (r) => r.industry,
  park: (r) => r.park,
  grade: (r) => r.grade,
  whitelist: (r) => (r.whitelist ? '是' : '否'),
  whitelistDate: (r) => r.whitelist_date,
  whitelistReason: (r) => r.whitelist_reason,
  keySupervision: (r) => (r.key_supervision ? '是' : '否'),
  keySupervisionDate: (r) => r.key_supervision_date,
  keySupervisionReason: (r) => r.key_supervision_reason,
};
const WIDTHS: Record<string, number> = { creditCode: 22, name: 36, address: 44, whitelistReason: 30, keySupervisionReason: 30 };

/** Rows fetched per search page; the search's own paging keeps the list's order and filters. */
const PAGE = 1000;

/**
 * Writes the enterprises the list shows under `filters` — found by the list's own search, page
 * after page in its order — to an .xlsx with exceljs's streaming writer (flat memory at any size;
 * every cell is text, so codes, phone numbers and dates come back exactly as stored).
 */
export async function exportEnterprises(db: Db, filters: ExportFilters, file: string, io: TaskIO): Promise<number> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet('经营主体', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ENTERPRISE_FIELDS.map((f) => ({ header: f.label, key: f.key, width: WIDTHS[f.key] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const full = db.prepare('SELECT * FROM enterprises WHERE id IN (SELECT value FROM json_each(?))');
  // Counting exactly (a higher cap than the list's) gives the progress bar its end.
  const tuning = { ...DEFAULT_TUNING, countCap: 5_000_000, budget: 100_000 };
  let after: string | undefined;
  let total = 0;
  let rows = 0;
  for (;;) {
    const page = searchEnterprises(db, { ...filters, limit: PAGE, ...(after ? { after } : {}) }, tuning);
    if (page.total !== null) total = page.total;
    const byId = new Map((full.all(JSON.stringify(page.rows.map((r) => r.id))) as EnterpriseRow[]).map((r) => [r.id, r]));
    for (const r of page.rows) {
      const s = byId.get(r.id);
      if (!s) continue;
      sheet.addRow(ENTERPRISE_FIELDS.map((f) => CELLS[f.key]?.(s) ?? null)).commit();
      rows++;
    }
    io.checkCancelled();
    io.progress('导出', rows, Math.max(total, rows));
    if (!page.nextCursor || page.nextCursor === after) break;
    after = page.nextCursor;
  }
  sheet.commit();
  await book.commit();
  return rows;
}
