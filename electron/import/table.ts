import { ENCODING_LABELS, detectEncoding, readCsv } from './csv';
import { sniffFormat, type SheetFormat } from './sniff';
import { readXlsx } from './xlsx';

/** A cell as read: text, a number or flag or date from Excel, nothing, or why it cannot be used. */
export type CellValue = string | number | boolean | Date | null | { error: string };

/** One row of the source, numbered as Excel shows it (1-based). */
export interface SourceRow {
  row: number;
  cells: CellValue[];
}

export interface SourceTable {
  format: SheetFormat;
  /** Chinese label of the detected text encoding (CSV only). */
  encoding: string | null;
  /** Name of the worksheet read (xlsx only; known once the first row has been read). */
  sheetName(): string | null;
  /** Rows in batches (a chunk's worth at a time). */
  batches: AsyncGenerator<SourceRow[]>;
}

/** Opens an uploaded file as a table of rows, whatever it is; unreadable files throw one clear AppError. */
export function openTable(file: string): SourceTable {
  const format = sniffFormat(file);
  if (format === 'xlsx') {
    const x = readXlsx(file);
    return { format, encoding: null, sheetName: () => x.sheetName, batches: x.batches };
  }
  const encoding = detectEncoding(file);
  return { format, encoding: ENCODING_LABELS[encoding], sheetName: () => null, batches: readCsv(file, encoding) };
}
