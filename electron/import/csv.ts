import fs from 'node:fs';
import { AppError } from '../errors';
import type { SourceRow } from './table';

/** What a CSV file was decoded as; shown in the preview so the user can tell a wrong guess. */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const ENCODING_LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（带 BOM）',
  gb18030: 'GBK / GB18030',
  'utf-16le': 'UTF-16（Unicode 文本）',
  'utf-16be': 'UTF-16BE',
};

const CHUNK = 256 * 1024;

function* chunksOf(file: string): Generator<Buffer> {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** True when the whole file decodes under `label` without a single invalid sequence. */
function decodesAs(file: string, label: string): boolean {
  const decoder = new TextDecoder(label, { fatal: true });
  try {
    for (const chunk of chunksOf(file)) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * A BOM decides; otherwise a file that is valid UTF-8 throughout is UTF-8, and one that is not
 * is read as GB18030 (a superset of GBK, which is how Excel and WPS in China save CSV). A file
 * that is neither is refused: guessing would change characters on the way in.
 */
export function detectEncoding(file: string): CsvEncoding {
  const head = chunksOf(file).next().value ?? Buffer.alloc(0);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (decodesAs(file, 'utf-8')) return 'utf-8';
  if (decodesAs(file, 'gb18030')) return 'gb18030';
  throw new AppError('INVALID_INPUT', '无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030）。请在 Excel 或 WPS 中打开后另存为 .xlsx，或另存为“CSV UTF-8”后再导入');
}

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterCr,
}

/**
 * RFC 4180 CSV, fed in decoded chunks: quoted fields may hold delimiters, "" and line breaks;
 * records end at CRLF, LF or CR; a stray character after a closing quote is kept as text
 * (as Excel does) rather than failing the file.
 */
export class CsvParser {
  private state = S.FieldStart;
  private field = '';
  private record: string[] = [];
  private records = 0;
  private quoteStartedAt = 0;
  private delimiter = -1;

  constructor(private readonly emit: (cells: string[], recordNo: number) => void) {}

  /** Comma unless the first line has more tabs or semicolons (Excel's "Unicode 文本" is tab-separated). */
  private pickDelimiter(s: string): number {
    const line = s.slice(0, Math.max(0, s.search(/[\r\n]/u)) || s.length);
    const count = (ch: string) => line.split(ch).length - 1;
    const [comma, tab, semi] = [count(','), count('\t'), count(';')];
    if (tab > comma && tab >= semi) return 9;
    if (semi > comma && semi > tab) return 59;
    return 44;
  }

  feed(s: string): void {
    if (this.delimiter < 0) this.delimiter = this.pickDelimiter(s);
    const D = this.delimiter;
    const n = s.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case S.AfterCr:
          if (s.charCodeAt(i) === 10) i++;
          this.state = S.FieldStart;
          break;
        case S.FieldStart:
          if (s.charCodeAt(i) === 34) {
            this.state = S.Quoted;
            this.quoteStartedAt = this.records + 1;
            i++;
            break;
          }
          this.state = S.Unquoted;
          break;
        case S.Unquoted: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === D || c === 10 || c === 13) break;
            j++;
          }
          this.field += s.slice(i, j);
          if (j === n) return;
          this.endField();
          if (c === D) this.state = S.FieldStart;
          else this.endRecord(c === 13 ? S.AfterCr : S.FieldStart);
          i = j + 1;
          break;
        }
        case S.Quoted: {
          const j = s.indexOf('"', i);
          if (j < 0) {
            this.field += s.slice(i);
            return;
          }
          this.field += s.slice(i, j);
          this.state = S.QuoteInQuoted;
          i = j + 1;
          break;
        }
        case S.QuoteInQuoted: {
          const c = s.charCodeAt(i);
          i++;
          if (c === 34) {
            this.field += '"';
            this.state = S.Quoted;
          } else if (c === D) {
            this.endField();
            this.state = S.FieldStart;
          } else if (c === 10 || c === 13) {
            this.endField();
            this.endRecord(c === 13 ? S.AfterCr : S.FieldStart);
          } else {
            this.field += String.fromCharCode(c);
            this.state = S.Unquoted;
          }
          break;
        }
      }
    }
  }

  end(): void {
    if (this.state === S.Quoted) {
      throw new AppError('INVALID_INPUT', `CSV 格式错误：第 ${this.quoteStartedAt} 行有一个引号（"）直到文件末尾都没有闭合，文件可能被截断`);
    }
    if (this.state === S.Unquoted || this.state === S.QuoteInQuoted || this.record.length > 0) {
      this.endField();
      this.endRecord(S.FieldStart);
    }
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
  }

  private endRecord(next: S): void {
    this.records++;
    const cells = this.record;
    this.record = [];
    this.state = next;
    this.emit(cells, this.records);
  }
}

function decoderLabel(encoding: CsvEncoding): string {
  return encoding === 'utf-8-bom' ? 'utf-8' : encoding;
}

/**
 * Streams the records of a CSV file, one batch per chunk read, numbered as Excel would show them
 * (a quoted line break stays inside its row). Memory stays at one chunk plus its rows.
 */
export async function* readCsv(file: string, encoding: CsvEncoding): AsyncGenerator<SourceRow[]> {
  const decoder = new TextDecoder(decoderLabel(encoding));
  let pending: SourceRow[] = [];
  const parser = new CsvParser((cells, row) => pending.push({ row, cells }));
  for (const chunk of chunksOf(file)) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (pending.length > 0) {
      const out = pending;
      pending = [];
      yield out;
    }
  }
  parser.feed(decoder.decode());
  parser.end();
  if (pending.length > 0) yield pending;
}
