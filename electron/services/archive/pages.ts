import zlib from 'node:zlib';

/**
 * How many pages a stored file adds to a case file (卷内页数). Exact where the file says so,
 * estimated otherwise; the archivist corrects any entry (pages_source 'manual').
 *
 * - .docx: docProps/app.xml <Pages> when a word processor saved it (Word and WPS write it).
 *   The app's own documents are made by the docx library, which leaves it out, so their pages
 *   are estimated from word/document.xml with the page geometry of GB/T 9704 (styles.ts): the
 *   type area is 225 mm (637.8 pt) high; body text sets 28 characters to a 28.95 pt line; a
 *   table row is as high as its tallest cell (四号/小四 lines of 18 pt, characters of 14 pt over
 *   the cell's width) and at least its declared height; explicit page breaks and section
 *   breaks start a new page. Checked against LibreOffice on the nine document kinds
 *   (tests/integration/archivePages.test.ts).
 * - PDF: the number of /Type /Page objects.
 * - images (photos, scans): one page each (pasted on a 照片粘贴单 or printed).
 * - audio and video: no pages; they are kept beside the volume (备注 says so).
 */

export type PagesSource = 'docprops' | 'estimate' | 'pdf' | 'image' | 'media';
export interface PageCount {
  pages: number;
  source: PagesSource;
}

const TYPE_AREA_PT = 637.8;
const TYPE_AREA_WIDTH_PT = 442.25;
const BODY_LINE_PT = 28.95;
const BODY_CHARS = 28;
const CELL_LINE_PT = 18;
const CELL_CHAR_PT = 14;

export function countPages(bytes: Buffer, mediaType: string, name: string): PageCount {
  const lower = name.toLowerCase();
  if (lower.endsWith('.docx') || mediaType.includes('wordprocessingml')) return docxPages(bytes);
  if (mediaType === 'application/pdf' || lower.endsWith('.pdf')) return { pages: Math.max(1, pdfPages(bytes)), source: 'pdf' };
  if (mediaType.startsWith('audio/') || mediaType.startsWith('video/')) return { pages: 0, source: 'media' };
  return { pages: 1, source: 'image' };
}

export function docxPages(bytes: Buffer): PageCount {
  let entries: Map<string, ZipEntry>;
  try {
    entries = zipEntries(bytes);
  } catch {
    return { pages: 1, source: 'estimate' };
  }
  const app = readEntry(bytes, entries.get('docProps/app.xml'));
  const declared = app ? /<Pages>(\d+)<\/Pages>/u.exec(app)?.[1] : undefined;
  if (declared && Number(declared) > 0) return { pages: Number(declared), source: 'docprops' };
  const doc = readEntry(bytes, entries.get('word/document.xml'));
  return { pages: doc ? estimateDocumentPages(doc) : 1, source: 'estimate' };
}

/** Display width in characters: CJK 1, ASCII ½. */
function width(s: string): number {
  let w = 0;
  for (const c of s) w += c.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return w;
}

const textOf = (xml: string): string => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1] ?? '').join('');

/** Heights in points of the paragraphs and table rows of word/document.xml, with page breaks. */
export function estimateDocumentPages(xml: string): number {
  const body = xml.slice(xml.indexOf('<w:body>'), xml.lastIndexOf('</w:body>'));
  // A landscape section (the ledger) turns the type area with the sheet.
  const landscape = /<w:pgSz[^>]*w:orient="landscape"/u.test(body);
  const areaHeight = landscape ? TYPE_AREA_WIDTH_PT : TYPE_AREA_PT;
  const areaWidth = landscape ? TYPE_AREA_PT : TYPE_AREA_WIDTH_PT;
  let pages = 1;
  let used = 0;
  const add = (h: number) => {
    if (used + h > areaHeight && used > 0) {
      pages += 1;
      used = 0;
    }
    used += Math.min(h, areaHeight);
  };
  const breakPage = () => {
    pages += 1;
    used = 0;
  };
  // Top-level blocks: tables and paragraphs, in order.
  const blocks = /<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/gu;
  for (const m of body.matchAll(blocks)) {
    const block = m[0];
    if (block.startsWith('<w:tbl>')) {
      const widths = [...block.matchAll(/<w:gridCol w:w="(\d+)"/gu)].map((g) => Number(g[1]));
      for (const row of block.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/gu)) add(rowHeight(row[0], widths));
      continue;
    }
    if (/<w:pageBreakBefore\/>|<w:pageBreakBefore w:val="(?:true|1)"\/>/u.test(block) && used > 0) breakPage();
    const text = textOf(block);
    const breaks = (block.match(/<w:br w:type="page"\/>/gu) ?? []).length;
    const [line, char] = paraMetrics(block);
    const perLine = areaWidth / char;
    add(line * Math.max(1, text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(width(l) / perLine - 0.01)), 0)));
    for (let i = 0; i < breaks; i++) breakPage();
    if (/<w:sectPr[ >]/u.test(block)) breakPage();
  }
  return pages;
}

/** Line height and character width (pt) of a paragraph outside tables, by its style (styles.ts). */
function paraMetrics(p: string): [number, number] {
  const style = /w:pStyle w:val="([^"]+)"/u.exec(p)?.[1] ?? 'Normal';
  if (style === 'Title') return [BODY_LINE_PT, 22];
  if (style === 'SignatureLine') return [16.5, 10.5];
  if (style.startsWith('Ledger')) return [13, 9];
  if (style === 'SmallText' || style.endsWith('Small')) return [style === 'SmallText' ? 18 : 16, 12];
  if (style.startsWith('Table') || style === 'RecordText') return [CELL_LINE_PT, CELL_CHAR_PT];
  return [BODY_LINE_PT, TYPE_AREA_WIDTH_PT / BODY_CHARS];
}

/** Line height and character width (pt) of a table paragraph by its style: 四号 forms, 小四 dense forms, 小五 ledgers. */
function cellMetrics(p: string): [number, number] {
  const style = /w:pStyle w:val="([^"]+)"/u.exec(p)?.[1] ?? '';
  if (style.startsWith('Ledger')) return [13, 9];
  if (style.endsWith('Small')) return [16, 12];
  return [CELL_LINE_PT, CELL_CHAR_PT];
}

function rowHeight(row: string, gridWidths: number[]): number {
  const declared = Number(/<w:trHeight[^>]*w:val="(\d+)"/u.exec(row)?.[1] ?? 0) / 20;
  let tallest = 0;
  let col = 0;
  for (const cell of row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/gu)) {
    const span = Number(/<w:gridSpan w:val="(\d+)"/u.exec(cell[0])?.[1] ?? 1);
    const twips = Number(/<w:tcW[^>]*\sw:w="(\d+)"/u.exec(cell[0])?.[1] ?? 0) || gridWidths.slice(col, col + span).reduce((a, b) => a + b, 0) || 2000;
    col += span;
    // Usable width: the cell less its left and right margins (85 twips each).
    const usable = Math.max(20, (twips - 170) / 20);
    let height = 3;
    for (const p of cell[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/gu)) {
      const [line, char] = cellMetrics(p[0]);
      const perLine = usable / char;
      height += line * textOf(p[0]).split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(width(l) / perLine - 0.01)), 0);
    }
    tallest = Math.max(tallest, height);
  }
  return Math.max(declared, tallest);
}

function pdfPages(bytes: Buffer): number {
  return (bytes.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/gu) ?? []).length;
}

// ── A small synchronous zip reader for .docx (stored or deflated entries, no ZIP64) ─────────

interface ZipEntry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    out.set(buf.toString('utf8', p + 46, p + 46 + nameLen), { method, compressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function readEntry(buf: Buffer, e: ZipEntry | undefined): string | null {
  if (!e) return null;
  const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  try {
    return (e.method === 8 ? zlib.inflateRawSync(data, { maxOutputLength: 64 * 1024 * 1024 }) : data).toString('utf8');
  } catch {
    return null;
  }
}
