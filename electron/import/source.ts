import type { ImportKind } from '../../shared/schemas/importFields';
import { AppError } from '../errors';
import { HEADER_SEARCH_ROWS, checkMapping, findHeaderRow, headerText, suggestMapping, type Mapping } from './mapping';
import type { SheetFormat } from './sniff';
import { openTable, type SourceRow } from './table';

/** An uploaded file opened for import: its header found, its columns mapped, its data rows to stream. */
export interface ImportSource {
  format: SheetFormat;
  encoding: string | null;
  sheetName: string | null;
  /** Row number (as Excel shows it) of the header. */
  headerRow: number;
  headers: string[];
  suggested: Mapping;
  /** The mapping in force: the user's, else the suggestion. */
  mapping: Mapping;
  /** Labels of required fields the mapping leaves out. */
  missingRequired: string[];
  /** The data rows after the header, streamed in batches. */
  batches: AsyncGenerator<SourceRow[]>;
  /** Stops reading and closes the file (safe to call twice). */
  close(): Promise<void>;
}

/**
 * Opens the file, reads up to the header (a title line or two above it are allowed), suggests
 * a mapping and checks the one given. Unreadable files, empty files and files with no header
 * throw one AppError with a sentence for the user.
 */
export async function openImport(file: string, kind: ImportKind, mapping?: Mapping): Promise<ImportSource> {
  const table = openTable(file);
  // Whole batches are read until the first rows are in; rows after the header are handed on.
  const head: SourceRow[] = [];
  try {
    while (head.length < HEADER_SEARCH_ROWS) {
      const next = await table.batches.next();
      if (next.done) break;
      for (const r of next.value) head.push(r);
    }
  } catch (e) {
    await table.batches.return(undefined);
    throw e;
  }
  if (head.length === 0) {
    await table.batches.return(undefined);
    throw new AppError('INVALID_INPUT', table.format === 'csv' ? 'CSV 文件中没有任何内容' : '工作表是空的，没有任何内容');
  }
  let at: number;
  try {
    at = findHeaderRow(kind, head);
  } catch (e) {
    await table.batches.return(undefined);
    throw e;
  }
  const headerRow = head[at] as SourceRow;
  const headers = headerRow.cells.map(headerText);
  const suggested = suggestMapping(kind, headers);
  const used = mapping ?? suggested;
  let missingRequired: string[];
  try {
    missingRequired = checkMapping(kind, used, headers.length);
  } catch (e) {
    await table.batches.return(undefined);
    throw e;
  }
  const buffered = head.slice(at + 1);
  async function* batches(): AsyncGenerator<SourceRow[]> {
    if (buffered.length > 0) yield buffered;
    yield* table.batches;
  }
  const gen = batches();
  return {
    format: table.format,
    encoding: table.encoding,
    sheetName: table.sheetName(),
    headerRow: headerRow.row,
    headers,
    suggested,
    mapping: used,
    missingRequired,
    batches: gen,
    async close() {
      await gen.return(undefined);
      await table.batches.return(undefined);
    },
  };
}
