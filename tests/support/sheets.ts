import ExcelJS from 'exceljs';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { App } from '../../electron/app';
import type { JobEvent } from '../../shared/api';
import type { ImportPreview } from '../../shared/api/exchange';
import { creditCodeCheckChar } from '../../shared/validation/creditCode';
import { ok } from './app';

/** A valid credit code, different for every `i` (prefix 91 企业, 92 个体工商户, 93 合作社). */
export function validCode(i: number, prefix: '91' | '92' | '93' = '91'): string {
  const body = `${prefix}430321${String(i).padStart(9, '0')}`;
  return body + creditCodeCheckChar(body);
}

export type Cell = string | number | boolean | null | { formula: string; result?: string | number };

/** An .xlsx written by exceljs's in-memory writer (shared strings, as Excel writes them). */
export async function writeXlsx(file: string, rows: Cell[][], sheetName = 'Sheet1'): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  for (const r of rows) sheet.addRow(r as ExcelJS.CellValue[]);
  await book.xlsx.writeFile(file);
}

/** An .xlsx written by exceljs's streaming writer (for big files). */
export async function writeXlsxStream(file: string, rows: Iterable<Cell[]>, useSharedStrings = true): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings, useStyles: false });
  const sheet = book.addWorksheet('Sheet1');
  for (const r of rows) sheet.addRow(r as ExcelJS.CellValue[]).commit();
  sheet.commit();
  await book.commit();
}

/** CSV text per RFC 4180 (quotes where needed, CRLF like Excel). */
export function csvText(rows: (string | null)[][]): string {
  const cell = (v: string | null) => (v === null ? '' : /[",\r\n]/u.test(v) ? `"${v.replace(/"/gu, '""')}"` : v);
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Every cell of the first sheet, read with exceljs's (correct, non-streaming) reader. */
export async function readSheet(file: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  const out: string[][] = [];
  sheet?.eachRow((row) => {
    const values = row.values as unknown[];
    out.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

/**
 * A zip with stored (uncompressed) entries in the order given. Real xlsx files put the shared
 * strings and relationships before or after the sheets depending on the program; this lets a
 * test choose, and stored entries reach the reader in the file stream's own 64 KiB chunks.
 */
export function storedZip(file: string, entries: { name: string; data: string }[]): void {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = Buffer.from(e.data, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(dir, name);
    offset += local.length + name.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...parts, dirBytes, end]));
}

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** A minimal xlsx whose parts come in the order that makes exceljs parse the sheet straight from the zip stream. */
export function directPathXlsx(file: string, rows: string[][]): void {
  const strings: string[] = [];
  const sheetRows = rows
    .map((r, i) => `<row r="${i + 1}">${r.map((v, j) => `<c r="${String.fromCharCode(65 + j)}${i + 1}" t="s"><v>${strings.push(v) - 1}</v></c>`).join('')}</row>`)
    .join('');
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  storedZip(file, [
    { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="名录" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
    { name: 'xl/sharedStrings.xml', data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>` },
    { name: 'xl/worksheets/sheet1.xml', data: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}"><sheetData>${sheetRows}</sheetData></worksheet>` },
  ]);
}

/** Uploads a file into the app as the UI would. */
export function upload(app: App, file: string, name = file.split('/').pop() ?? 'file'): string {
  return app.transfers.saveUploadBytes(name, fs.readFileSync(file)).uploadId;
}

/** Runs a preview job to its end and returns what it found (or the failed job). */
export async function preview(app: App, input: { uploadId: string; kind: 'enterprises' | 'officers' | 'items'; mapping?: Record<string, number | null>; scan?: 'head' | 'full' }): Promise<{ job: JobEvent; preview: ImportPreview | null }> {
  const { jobId } = await ok(app, 'imports.preview', input);
  const job = await app.waitForJob(jobId);
  if (job.status !== 'done') return { job, preview: null };
  const previewId = String(job.result?.previewId);
  return { job, preview: await ok(app, 'imports.previewResult', { previewId }) };
}

/** Where a download id's file is, to read a report or an export in a test. */
export function downloadPath(app: App, id: string): string {
  return app.transfers.download(id).path;
}
