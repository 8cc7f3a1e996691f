import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import type { CellValue, SourceRow } from './table';

/**
 * exceljs's streaming WorkbookReader decodes every inflated Buffer chunk on its own
 * (lib/utils/parse-sax.js → browser-buffer-decode.js), so a 3-byte UTF-8 character split across
 * two chunks comes out as U+FFFD (upstream issues #2063, #2084, #2316; perf-baselines.md §4).
 * parse-sax passes strings through untouched, so we hand it strings we decoded ourselves, with
 * one StringDecoder per XML part, which carries an incomplete character over to the next chunk.
 * exceljs turns a zip entry into sax input in two kinds of places — the entry stream of the
 * small parts (rels, workbook, shared strings, styles) and the chunk iterator of each worksheet
 * (which comes from a temporary file when the sheet precedes the shared strings in the zip, as
 * in files from Excel and from exceljs itself) — and we override exactly those methods in a
 * subclass. Nothing in node_modules changes, and it does not depend on module load order.
 */
interface ZipEntry extends NodeJS.ReadableStream {
  path: string;
}
type Chunks = AsyncIterable<Buffer | string>;

async function* utf8(chunks: Chunks): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** The private methods of exceljs 4.4.0's WorkbookReader we wrap (absent from its typings). */
interface ReaderInternals {
  _parseRels(entry: ZipEntry): Promise<void>;
  _parseWorkbook(entry: ZipEntry): Promise<void>;
  _parseStyles(entry: ZipEntry): Promise<void>;
  _parseSharedStrings(entry: ZipEntry): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Chunks, sheetNo: string): Generator<unknown>;
  _parseHyperlinks(iterator: Chunks, sheetNo: string): Generator<unknown>;
}
type StreamReader = ExcelJS.stream.xlsx.WorkbookReader & ReaderInternals;
type ReaderOptions = Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>;

const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: NodeJS.ReadableStream | string, options: ReaderOptions) => StreamReader;
const base = Base.prototype as unknown as ReaderInternals;
for (const m of ['_parseRels', '_parseWorkbook', '_parseStyles', '_parseSharedStrings', '_parseWorksheet', '_parseHyperlinks'] as const) {
  // A newer exceljs that renamed these would silently bring the bug back: fail loudly instead.
  if (typeof base[m] !== 'function') throw new Error(`exceljs WorkbookReader.${m} is missing: the UTF-8 chunk fix needs updating`);
}

/** The streaming reader with correct UTF-8 decoding at chunk boundaries. */
export class Utf8WorkbookReader extends Base {
  override _parseRels(entry: ZipEntry): Promise<void> {
    entry.setEncoding('utf8');
    return base._parseRels.call(this, entry);
  }
  override _parseWorkbook(entry: ZipEntry): Promise<void> {
    entry.setEncoding('utf8');
    return base._parseWorkbook.call(this, entry);
  }
  override _parseStyles(entry: ZipEntry): Promise<void> {
    entry.setEncoding('utf8');
    return base._parseStyles.call(this, entry);
  }
  override _parseSharedStrings(entry: ZipEntry): AsyncGenerator<unknown> {
    entry.setEncoding('utf8');
    return base._parseSharedStrings.call(this, entry);
  }
  override _parseWorksheet(iterator: Chunks, sheetNo: string): Generator<unknown> {
    return base._parseWorksheet.call(this, utf8(iterator), sheetNo);
  }
  override _parseHyperlinks(iterator: Chunks, sheetNo: string): Generator<unknown> {
    return base._parseHyperlinks.call(this, utf8(iterator), sheetNo);
  }
}

/** Styles are not read (dates arrive as Excel day numbers and are converted per field), nor hyperlinks. */
export const READER_OPTIONS: ReaderOptions = { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' };

interface RichText {
  richText: { text: string }[];
}
interface FormulaValue {
  formula?: string;
  sharedFormula?: string;
  result?: unknown;
}

/** One exceljs cell value as the importer sees it: text, a number, a flag, or why it cannot be used. */
export function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray((v as RichText).richText)) return (v as RichText).richText.map((r) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const fv = v as FormulaValue;
      const result = fv.result;
      if (result === undefined || result === null || (typeof result === 'number' && Number.isNaN(result))) {
        return { error: `公式单元格没有保存计算结果（=${fv.formula ?? fv.sharedFormula ?? ''}），请在 Excel 中打开并保存后再导入，或把公式改为数值` };
      }
      if (typeof result === 'object' && result !== null && 'error' in result) return { error: `公式的计算结果是错误值 ${String((result as { error: unknown }).error)}` };
      return cellValue(result);
    }
    if ('error' in v) return { error: `单元格是错误值 ${String((v as { error: unknown }).error)}` };
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
  }
  return { error: '无法识别的单元格内容' };
}

export interface XlsxSource {
  sheetName: string | null;
  /** Rows in the batches the sax parser produces (one per chunk of XML): per-row async steps cost ~15 µs each at 80,000 rows. */
  batches: AsyncGenerator<SourceRow[]>;
}

interface SheetEvent {
  eventType: string;
  value: { number: number; values: unknown[] };
}

/**
 * Streams the first worksheet's rows (1-based row numbers as Excel shows them). The caller may
 * stop early; the file is closed either way.
 */
export function readXlsx(file: string): XlsxSource {
  const input = fs.createReadStream(file);
  const reader = new Utf8WorkbookReader(input, READER_OPTIONS);
  const source: XlsxSource = { sheetName: null, batches: batchesOf() };
  async function* batchesOf(): AsyncGenerator<SourceRow[]> {
    let sheets = 0;
    try {
      for await (const sheet of reader) {
        sheets++;
        source.sheetName = (sheet as unknown as { name?: string }).name ?? null;
        const events = sheet.parse() as unknown as AsyncIterable<SheetEvent[]>;
        for await (const batch of events) {
          const rows: SourceRow[] = [];
          for (const e of batch) {
            if (e.eventType !== 'row') continue;
            const values = e.value.values;
            const cells: CellValue[] = new Array<CellValue>(Math.max(0, values.length - 1));
            for (let i = 1; i < values.length; i++) cells[i - 1] = cellValue(values[i]);
            rows.push({ row: e.value.number, cells });
          }
          if (rows.length > 0) yield rows;
        }
        break; // Only the first worksheet is a register; further sheets are notes or lookups.
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('INVALID_INPUT', `无法读取该 Excel 文件（文件可能已损坏，或不是有效的 .xlsx 工作簿）。技术信息：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      input.destroy();
    }
    if (sheets === 0) throw new AppError('INVALID_INPUT', '文件中没有工作表：它是压缩包，但不是有效的 Excel 工作簿（.xlsx）');
  }
  return source;
}
