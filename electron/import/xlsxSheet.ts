import type { CellValue, SourceRow } from './table';
import { XmlScanner } from './xlsxXml';

/**
 * The SpreadsheetML we read from an .xlsx: which sheet is first, the shared strings, and a
 * worksheet's cell values. Styles are not read: a date typed into Excel arrives as its day number
 * and is converted per field by the validator, exactly as the exceljs-based reader gave it.
 */

export interface Relationship {
  type: string;
  target: string;
}

/** The relationships of one part (`_rels/….rels`), by id. */
export class RelsScanner extends XmlScanner {
  protected readonly names = ['Relationship'];
  readonly rels = new Map<string, Relationship>();
  protected open(name: string): void {
    if (name !== 'Relationship') return;
    const id = this.attribute('Id');
    const target = this.attribute('Target');
    if (id !== null && target !== null) this.rels.set(id, { type: this.attribute('Type') ?? '', target });
  }
  protected close(): void {}
}

export interface SheetEntry {
  name: string;
  relId: string;
}

/** The sheets of xl/workbook.xml in workbook (tab) order. */
export class WorkbookScanner extends XmlScanner {
  protected readonly names = ['sheet'];
  readonly sheets: SheetEntry[] = [];
  protected open(name: string): void {
    if (name !== 'sheet') return;
    const relId = this.attribute('id');
    if (relId !== null) this.sheets.push({ name: this.attribute('name') ?? '', relId });
  }
  protected close(): void {}
}

/**
 * xl/sharedStrings.xml: one string per <si>, its rich-text runs joined. Phonetic guides
 * (<rPh>, the furigana/pinyin Excel stores beside East-Asian text) are not part of the value.
 */
export class SharedStringsScanner extends XmlScanner {
  protected readonly names = ['si', 'rPh'];
  /** An empty string is null, as exceljs gave it (the cell then counts as empty). */
  readonly strings: (string | null)[] = [];
  private current = '';
  private phonetic = 0;

  protected open(name: string): void {
    if (name === 't') this.capturing = this.phonetic === 0;
    else if (name === 'si') this.current = '';
    else if (name === 'rPh') this.phonetic++;
  }

  protected close(name: string): void {
    if (name === 't') {
      if (this.capturing) this.current += unescapeExcel(this.takeText());
    } else if (name === 'si') this.strings.push(this.current === '' ? null : this.current);
    else if (name === 'rPh') this.phonetic--;
  }
}

/**
 * Excel writes characters XML cannot carry (CR, control characters) as _xHHHH_, and a literal
 * "_x" that would look like one as _x005F_x…; one left-to-right pass undoes both, as Excel and
 * exceljs's (non-streaming) reader do.
 */
function unescapeExcel(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-F]{4})_/gu, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}


/** A t="d" cell: an ISO 8601 date; without a zone it is a calendar date/time, read as UTC like day numbers. */
function isoDate(text: string): CellValue {
  const s = text.trim();
  const zoned = !s.includes('T') || /(?:Z|[+-]\d\d:?\d\d)$/iu.test(s);
  const d = new Date(zoned ? s : `${s}Z`);
  return Number.isNaN(d.getTime()) ? { error: `无法识别的日期值（${s}）` } : d;
}

function numberOf(text: string): CellValue {
  const n = parseFloat(text);
  if (!Number.isNaN(n)) return n;
  return text.trim() === '' ? null : { error: '无法识别的单元格内容' };
}

/** A cell with a value and no formula, by its type attribute `t`. */
function plainValue(t: string, text: string): CellValue {
  switch (t) {
    case 'str':
    case 'inlineStr':
      return unescapeExcel(text);
    case 'b':
      return parseInt(text, 10) !== 0;
    case 'e':
      return { error: `单元格是错误值 ${text}` };
    case 'd':
      return isoDate(text);
    default:
      return numberOf(text);
  }
}

/** The result Excel saved with a formula, or undefined if there is none. */
function formulaResult(t: string, text: string | null): CellValue | undefined {
  if (text === null) return undefined;
  switch (t) {
    case 'str':
      return unescapeExcel(text);
    case 'b':
      return parseInt(text, 10) !== 0;
    case 'e':
      return { error: `公式的计算结果是错误值 ${text}` };
    case 'd':
      return isoDate(text);
    default: {
      const n = parseFloat(text);
      return Number.isNaN(n) ? undefined : n;
    }
  }
}

/** Column number (A = 1) of letters such as "B" or "xfd". */
function columnOf(letters: string): number {
  let col = 0;
  for (let i = 0; i < letters.length; i++) col = col * 26 + ((letters.charCodeAt(i) | 0x20) - 0x60);
  return col;
}

/** Column number of the cell reference such as "B12" or "$B$12" in bytes[from…]; 0 if it has no letters. */
function columnAt(bytes: Buffer, from: number): number {
  let col = 0;
  for (let i = from; i < bytes.length; i++) {
    const c = (bytes[i] as number) | 0x20; // lower-case
    if (c >= 0x61 && c <= 0x7a) col = col * 26 + (c - 0x60);
    else if (c !== 0x24) break; // '$'
  }
  return col;
}

/** The row number written at bytes[from…] (as parseInt reads it); 0 if there are no digits. */
function numberAt(bytes: Buffer, from: number): number {
  let n = 0;
  for (let i = from; i < bytes.length; i++) {
    const d = (bytes[i] as number) - 0x30;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  return n;
}

function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const REFERENCE = /"(?:[^"]|"")*"|'(?:[^']|'')*'!|(?<![\w.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(])/gu;

/**
 * A shared formula as it reads in another cell of its range: relative references move by the
 * offset, absolute ($) ones stay, and text in quotes is left alone. Only used to show the user
 * which formula lacks a result.
 */
export function slideFormula(formula: string, rowOffset: number, colOffset: number): string {
  return formula.replace(REFERENCE, (m: string, colAbs?: string, letters?: string, rowAbs?: string, digits?: string) => {
    if (letters === undefined || digits === undefined) return m;
    const col = columnOf(letters);
    if (col > 16384) return m; // beyond XFD: a name, not a reference
    const c = colAbs ? col : col + colOffset;
    const r = rowAbs ? Number(digits) : Number(digits) + rowOffset;
    if (c < 1 || r < 1) return m;
    return `${colAbs ?? ''}${columnName(c)}${rowAbs ?? ''}${r}`;
  });
}

interface SharedFormula {
  formula: string;
  row: number;
  col: number;
}

/**
 * A worksheet's <sheetData>, row by row. Cells and rows without an `r` follow the previous one;
 * `cells[0]` is column A and a row's cells end at its last non-empty one, as exceljs's rows did.
 */
export class SheetScanner extends XmlScanner {
  protected readonly names = ['row', 'is', 'rPh', 'sheetData', 'str', 'inlineStr', 'shared'];
  /** Rows completed since the last takeRows(). */
  private rows: SourceRow[] = [];
  private inSheetData = false;
  private cells: CellValue[] | null = null;
  private rowNumber = 0;
  private col = 0;
  private inCell = false;
  private type = '';
  private value: string | null = null;
  /** The shared-string index of a t="s" cell (NaN without one). */
  private index = NaN;
  private formula: string | null = null;
  private formulaType: string | null = null;
  private formulaId: string | null = null;
  private inline: string | null = null;
  private phonetic = 0;
  private readonly sharedFormulas = new Map<string, SharedFormula>();

  constructor(private readonly strings: readonly (string | null)[]) {
    super();
  }

  /** True once </sheetData> has been read: what follows (merges, hyperlinks, print setup) is not needed. */
  get done(): boolean {
    return this.stopped;
  }

  takeRows(): SourceRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  protected open(name: string): void {
    switch (name) {
      case 'c':
        if (this.cells) this.openCell();
        break;
      case 'v':
        this.capturing = this.inCell;
        break;
      case 'f':
        if (this.inCell) this.openFormula();
        break;
      case 'is':
        if (this.inCell) this.inline = '';
        break;
      case 't':
        this.capturing = this.inline !== null && this.phonetic === 0;
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 'row':
        if (this.inSheetData) this.openRow();
        break;
      case 'sheetData':
        this.inSheetData = true;
        break;
      default:
    }
  }

  protected close(name: string): void {
    switch (name) {
      case 'c':
        if (this.inCell) this.closeCell();
        break;
      case 'v':
        if (!this.capturing) break;
        if (this.type === 's' && this.formula === null) this.index = this.takeInteger();
        else this.value = this.takeText();
        break;
      case 'f':
        if (this.capturing) this.closeFormula(this.takeText());
        break;
      case 't':
        if (this.capturing) this.inline = (this.inline ?? '') + unescapeExcel(this.takeText());
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'row':
        if (this.cells) this.rows.push({ row: this.rowNumber, cells: this.cells });
        this.cells = null;
        break;
      case 'sheetData':
        this.stopped = true;
        break;
      default:
    }
  }

  private openRow(): void {
    const r = this.attributeStart('r');
    const n = r < 0 ? 0 : numberAt(this.attributeBytes(), r);
    this.rowNumber = n > 0 ? n : this.rowNumber + 1;
    this.cells = [];
    this.col = 0;
  }

  private openCell(): void {
    const ref = this.attributeStart('r');
    const col = ref < 0 ? 0 : columnAt(this.attributeBytes(), ref);
    this.col = col > 0 ? col : this.col + 1;
    this.type = this.token('t') ?? '';
    this.inCell = true;
    this.value = null;
    this.index = NaN;
    this.formula = null;
    this.inline = null;
  }

  private openFormula(): void {
    this.formula = '';
    this.formulaType = this.token('t');
    this.formulaId = this.attribute('si');
    this.capturing = true;
  }

  /** A shared formula's text is written once, in the first cell of its range; the others refer to it by `si`. */
  private closeFormula(text: string): void {
    this.formula = text;
    if (text !== '' && this.formulaType === 'shared' && this.formulaId !== null) {
      this.sharedFormulas.set(this.formulaId, { formula: text, row: this.rowNumber, col: this.col });
    }
  }

  private closeCell(): void {
    this.inCell = false;
    const v = this.cellValue();
    this.inline = null;
    if (v === null) return;
    const cells = this.cells as CellValue[];
    while (cells.length < this.col - 1) cells.push(null);
    cells[this.col - 1] = v;
  }

  private cellValue(): CellValue {
    if (this.formula !== null) {
      return formulaResult(this.type, this.value) ?? {
        error: `公式单元格没有保存计算结果（=${this.formulaText(this.formula)}），请在 Excel 中打开并保存后再导入，或把公式改为数值`,
      };
    }
    if (this.inline !== null) return this.inline;
    // An index out of range (or none) is an empty cell, as exceljs had it.
    if (this.type === 's') return this.strings[this.index] ?? null;
    if (this.value === null) return null;
    return plainValue(this.type, this.value);
  }

  private formulaText(text: string): string {
    const shared = text === '' && this.formulaType === 'shared' && this.formulaId !== null ? this.sharedFormulas.get(this.formulaId) : undefined;
    return shared ? slideFormula(shared.formula, this.rowNumber - shared.row, this.col - shared.col) : text;
  }
}
