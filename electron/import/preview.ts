import type { ImportPreview } from '../../shared/api/exchange';
import { IMPORT_FIELDS, type ImportKind } from '../../shared/schemas/importFields';
import type { Db } from '../db/database';
import type { TaskIO } from '../jobs/protocol';
import type { Mapping } from './mapping';
import { ErrorReport } from './report';
import { rejectionError } from './run';
import { openImport } from './source';
import type { SourceRow } from './table';
import { RowValidator, displayValue, type RowError } from './validate';
import { createWriter } from './writers';

/** Rows shown in the preview table, and errors listed on screen (all of them go to the report). */
export const SAMPLE_ROWS = 20;
export const LISTED_ERRORS = 100;

export interface PreviewOptions {
  file: string;
  fileName: string;
  kind: ImportKind;
  mapping?: Mapping;
  /** 'head' reads the first rows only: enough to suggest the mapping right after choosing a file. */
  scan: 'head' | 'full';
  /** A read-only connection: the preview says what would be new or changed, and writes nothing. */
  db: Db;
  reportPath: string;
  io: TaskIO;
}

function shown(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

/**
 * Reads the file as the import would, without writing: the detected format and encoding, the
 * header and mapping, the first rows as they would be stored, counts of valid and invalid rows
 * and of what would be new, changed or unchanged, and the full error report as .xlsx.
 */
export async function previewImport(o: PreviewOptions): Promise<{ preview: Omit<ImportPreview, 'reportDownloadId'>; report: boolean }> {
  const { io, kind } = o;
  io.progress('读取', 0, 0);
  const src = await openImport(o.file, kind, o.mapping);
  const fields = IMPORT_FIELDS[kind];
  const validator = new RowValidator(kind, src.mapping, src.headers);
  const mapped = new Set(Object.entries(src.mapping).filter(([, c]) => c !== null).map(([k]) => k));
  const writer = createWriter(kind, { db: o.db, at: new Date().toISOString(), userId: null, mapped });
  // Without the required columns every row would fail the same way: show the rows, not that.
  const validate = src.missingRequired.length === 0;
  const head = o.scan === 'head' || !validate;
  const report = new ErrorReport(o.reportPath);
  const sample: ImportPreview['sample'] = [];
  const errors: RowError[] = [];
  const c = { total: 0, valid: 0, invalid: 0, willCreate: 0, willUpdate: 0, willKeep: 0 };
  let kept = false;
  /** Takes one row into the counts, sample and report; true when the preview has seen enough. */
  const take = (row: SourceRow): boolean => {
    const raw = (): Record<string, string | null> =>
      Object.fromEntries(fields.filter((f) => mapped.has(f.key)).map((f) => [f.key, displayValue(row.cells[src.mapping[f.key] as number]) || null]));
    if (!validate) {
      if (row.cells.some((x) => x !== null && x !== '')) sample.push({ row: row.row, values: raw(), errors: [] });
      return sample.length >= SAMPLE_ROWS;
    }
    const checked = validator.check(row);
    if (checked === null) return false;
    c.total++;
    let rowErrors: RowError[] = [];
    if (checked.ok) {
      const outcome = writer.write(checked.data, true);
      if (typeof outcome === 'object') {
        const col = src.mapping[outcome.field];
        rowErrors = [rejectionError(row.row, outcome, (f) => validator.label(f), col === null || col === undefined ? '' : displayValue(row.cells[col]))];
      } else if (outcome === 'new') c.willCreate++;
      else if (outcome === 'updated') c.willUpdate++;
      else c.willKeep++;
    } else {
      rowErrors = checked.errors;
    }
    if (rowErrors.length > 0) {
      c.invalid++;
      for (const e of rowErrors) {
        report.add(e);
        if (errors.length < LISTED_ERRORS) errors.push(e);
      }
    } else {
      c.valid++;
    }
    if (sample.length < SAMPLE_ROWS) {
      const values = checked.ok
        ? Object.fromEntries(fields.filter((f) => mapped.has(f.key)).map((f) => [f.key, shown((checked.data as Record<string, unknown>)[f.key])]))
        : raw();
      sample.push({ row: row.row, values, errors: rowErrors.map((e) => `${e.column}：${e.reason}`) });
    }
    return head && sample.length >= SAMPLE_ROWS;
  };
  let reported = 0;
  try {
    scan: for await (const batch of src.batches) {
      for (const row of batch) if (take(row)) break scan;
      io.checkCancelled();
      // The total is unknown while streaming (the worker then forwards every report): a few per second suffice.
      if (c.total - reported >= 2000) {
        reported = c.total;
        io.progress('校验', c.total, 0);
      }
    }
    kept = await report.finish();
  } catch (e) {
    await report.discard();
    throw e;
  } finally {
    await src.close();
  }
  return {
    preview: {
      kind,
      fileName: o.fileName,
      format: src.format,
      encoding: src.encoding,
      sheetName: src.sheetName,
      headerRow: src.headerRow,
      headers: src.headers,
      suggested: src.suggested,
      mapping: src.mapping,
      missingRequired: src.missingRequired,
      complete: !head,
      ...c,
      sample,
      errors,
      errorCount: report.errors,
    },
    report: kept,
  };
}
