import path from 'node:path';
import { pipeline, type Readable, type TransformOptions } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { AppError } from '../errors';
import type { SourceRow } from './table';
import { RelsScanner, SharedStringsScanner, SheetScanner, WorkbookScanner, type Relationship } from './xlsxSheet';
import type { XmlScanner } from './xlsxXml';

/**
 * Reads the cell values of an .xlsx's first worksheet. exceljs's streaming WorkbookReader (used
 * before) builds Row and Cell objects through a general SAX parser — ~2 s of an 80,000-row
 * register's import — and decoded each inflated chunk on its own, turning a character split
 * across two chunks into U+FFFD (upstream issues #2063, #2084, #2316). Here the zip is opened
 * through its central directory (yauzl), so the order of its entries does not matter: the shared
 * strings are read first, then the sheet is inflated chunk by chunk into a scanner of UTF-8 bytes
 * that only knows the elements cells are made of and decodes text once it is whole (xlsxXml.ts).
 * exceljs is still used to write exports and reports.
 */

export interface XlsxSource {
  sheetName: string | null;
  /** Rows in batches, one per inflated chunk of the sheet: per-row async steps cost ~15 µs each at 80,000 rows. */
  batches: AsyncGenerator<SourceRow[]>;
}

/**
 * Inflated bytes per chunk at most, the rows of a chunk being the batch handed on: up to ~350 rows
 * of a typical register (~160 on average, as zlib also hands on what it has at the end of each
 * compressed read). zlib streams are Transforms and take a buffer size too: a few chunks inflate
 * (on libuv's thread pool) while the previous ones are scanned.
 */
const CHUNK = 128 * 1024;
const INFLATE: zlib.ZlibOptions & TransformOptions = { chunkSize: CHUNK, highWaterMark: 4 * CHUNK };

const NOT_A_WORKBOOK = '文件中没有工作表：它是压缩包，但不是有效的 Excel 工作簿（.xlsx）';

function unreadable(detail: string): AppError {
  return new AppError('INVALID_INPUT', `无法读取该 Excel 文件（文件可能已损坏，或不是有效的 .xlsx 工作簿）。技术信息：${detail}`);
}

/** A part's name from a relationship target: relative to the part that refers to it, or absolute ("/xl/…"). */
function resolvePart(from: string, target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(from), target);
}

function relsOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

function firstOfType(rels: Map<string, Relationship>, type: string): Relationship | undefined {
  for (const r of rels.values()) if (r.type.endsWith(`/${type}`)) return r;
  return undefined;
}

/** The zip, its entries by part name (OPC part names are case-insensitive). */
class Package {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  static async open(file: string): Promise<Package> {
    const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
    try {
      const entries = new Map<string, yauzl.Entry>();
      for await (const e of zip.eachEntry()) entries.set(e.fileName.toLowerCase(), e);
      return new Package(zip, entries);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  has(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  /**
   * The inflated bytes of a part. We inflate ourselves rather than let yauzl do it: its 16 KiB
   * chunks cost ~100 ms more on an 80,000-row sheet, and a chunk is a batch of rows for the caller.
   */
  async stream(part: string): Promise<Readable> {
    const entry = this.entries.get(part.toLowerCase());
    if (!entry) throw unreadable(`缺少 ${part}`);
    if (entry.isEncrypted()) throw new Error(`${part} 已加密`);
    if (entry.compressionMethod === 0) return this.zip.openReadStreamPromise(entry);
    if (entry.compressionMethod !== 8) throw new Error(`${part} 使用了不支持的压缩方式（${entry.compressionMethod}）`);
    const raw = await this.zip.openReadStreamPromise(entry, { decodeFileData: false });
    // pipeline passes an error of either stream on to the other; the reader sees it on the inflater.
    return pipeline(raw, zlib.createInflateRaw(INFLATE), () => undefined);
  }

  /** Runs a whole part through a scanner. */
  async scan<S extends XmlScanner>(part: string, scanner: S): Promise<S> {
    try {
      for await (const chunk of await this.stream(part)) scanner.write(chunk as Buffer);
      scanner.end();
    } catch (e) {
      throw e instanceof AppError ? e : new Error(`${part}：${messageOf(e)}`);
    }
    return scanner;
  }

  close(): void {
    this.zip.close();
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface FirstSheet {
  name: string;
  part: string;
  strings: (string | null)[];
}

/** The first worksheet in workbook (tab) order, whatever the order of the zip, and the shared strings. */
async function firstSheet(pkg: Package): Promise<FirstSheet> {
  const root = pkg.has('_rels/.rels') ? (await pkg.scan('_rels/.rels', new RelsScanner())).rels : new Map<string, Relationship>();
  const office = firstOfType(root, 'officeDocument');
  const book = office ? resolvePart('', office.target) : 'xl/workbook.xml';
  if (!pkg.has(book)) throw new AppError('INVALID_INPUT', NOT_A_WORKBOOK);
  const { sheets } = await pkg.scan(book, new WorkbookScanner());
  const rels = pkg.has(relsOf(book)) ? (await pkg.scan(relsOf(book), new RelsScanner())).rels : new Map<string, Relationship>();
  for (const sheet of sheets) {
    const rel = rels.get(sheet.relId);
    // Chart sheets and macro sheets are listed among the sheets too; only a worksheet has cells.
    if (!rel?.type.endsWith('/worksheet')) continue;
    const part = resolvePart(book, rel.target);
    if (!pkg.has(part)) throw unreadable(`缺少工作表 ${part}`);
    return { name: sheet.name, part, strings: await sharedStrings(pkg, book, rels) };
  }
  throw new AppError('INVALID_INPUT', NOT_A_WORKBOOK);
}

async function sharedStrings(pkg: Package, book: string, rels: Map<string, Relationship>): Promise<(string | null)[]> {
  const rel = firstOfType(rels, 'sharedStrings');
  const part = rel ? resolvePart(book, rel.target) : 'xl/sharedStrings.xml';
  if (!pkg.has(part)) return [];
  return (await pkg.scan(part, new SharedStringsScanner())).strings;
}

/**
 * Streams the first worksheet's rows (1-based row numbers as Excel shows them). The caller may
 * stop early; the file is closed either way.
 */
export function readXlsx(file: string): XlsxSource {
  const source: XlsxSource = { sheetName: null, batches: batchesOf() };
  async function* batchesOf(): AsyncGenerator<SourceRow[]> {
    let pkg: Package | null = null;
    let part = '';
    try {
      pkg = await Package.open(file);
      const sheet = await firstSheet(pkg);
      source.sheetName = sheet.name;
      part = sheet.part;
      const scanner = new SheetScanner(sheet.strings);
      for await (const chunk of await pkg.stream(part)) {
        scanner.write(chunk as Buffer);
        const rows = scanner.takeRows();
        if (rows.length > 0) yield rows;
        if (scanner.done) return;
      }
      scanner.end();
    } catch (e) {
      // Until the sheet is streamed, errors already name their part.
      throw e instanceof AppError ? e : unreadable(part === '' ? messageOf(e) : `${part}：${messageOf(e)}`);
    } finally {
      pkg?.close();
    }
  }
  return source;
}
