import { IMPORT_FIELDS, type ImportField, type ImportKind } from '../../shared/schemas/importFields';
import { IMPORT_ROW_SCHEMAS, type EnterpriseImportRow, type ItemImportRow, type OfficerImportRow } from '../../shared/schemas/importRows';
import { columnLetter, type Mapping } from './mapping';
import type { CellValue, SourceRow } from './table';

/** One line of the error report. */
export interface RowError {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface ImportRows {
  enterprises: EnterpriseImportRow;
  officers: OfficerImportRow;
  items: ItemImportRow;
}

export type Checked<K extends ImportKind> = { ok: true; row: number; data: ImportRows[K] } | { ok: false; row: number; errors: RowError[] };

/** Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for (serials from 61 on). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD from the ways dates are written in Chinese registers; anything else is left for the schema to refuse. */
export function normalizeDateText(s: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/u.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/u.exec(s);
  if (!m) return s;
  return `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`;
}

/** Why a cell cannot be read as its field (a class, so the common case — a plain string — allocates nothing). */
class CellProblem {
  constructor(readonly error: string) {}
}


/** A cell as the text a field expects, or why it cannot be one. */
function fieldText(field: ImportField, v: CellValue | undefined): string | CellProblem {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') {
    const t = v.trim();
    return field.type === 'date' ? normalizeDateText(t) : t;
  }
  if (typeof v === 'number') {
    if (field.type === 'date') {
      if (v >= 61 && v < 2958466) return isoDay(new Date(EXCEL_EPOCH_MS + Math.floor(v) * DAY_MS));
      return new CellProblem(`数字 ${v} 不是有效的日期`);
    }
    if (field.key === 'creditCode' || field.key === 'certNo') {
      // An 18-digit code typed into a number cell has already lost its last digits in Excel.
      return new CellProblem(`${field.label}在 Excel 中被存成了数字（${v}），可能已丢失位数；请把该列设为“文本”格式后重新填写`);
    }
    return Number.isInteger(v) ? v.toFixed(0) : String(v);
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return field.type === 'date' ? isoDay(v) : v.toISOString();
  return new CellProblem(v.error);
}

/** The raw cell as shown in the report (very long cells shortened; the reason gives the length). */
export function displayValue(v: CellValue | undefined): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'object' && !(v instanceof Date)) s = '';
  else s = v instanceof Date ? isoDay(v) : String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** zod's own (English) messages only appear for shapes our schemas do not expect; say it plainly. */
function chinese(issue: { code: string; message: string }): string {
  if (/[\u4e00-\u9fff]/u.test(issue.message)) return issue.message;
  return issue.code === 'invalid_type' ? '必填' : '格式不正确';
}

/** The key that must be unique within one file, or null when the row has none to compare. */
function rowKey(kind: ImportKind, data: ImportRows[ImportKind]): { key: string; field: string; what: string } | null {
  switch (kind) {
    case 'enterprises':
      return { key: (data as EnterpriseImportRow).creditCode, field: 'creditCode', what: '统一社会信用代码相同' };
    case 'officers': {
      const o = data as OfficerImportRow;
      return o.certNo ? { key: `c:${o.certNo}`, field: 'certNo', what: '执法证号相同' } : { key: `n:${o.agency}\u0000${o.name}`, field: 'name', what: '同一单位、同名的辅助人员' };
    }
    case 'items': {
      const i = data as ItemImportRow;
      return i.code
        ? { key: `c:${i.subject}\u0000${i.code}`, field: 'code', what: '检查主体和事项编号都相同' }
        : { key: `n:${i.subject}\u0000${i.name}`, field: 'name', what: '检查主体和事项名称都相同' };
    }
  }
}

/**
 * Checks rows one by one against the mapping and the kind's schema, and remembers the keys
 * seen so a second row with the same credit code (or certificate, or item) is refused with the
 * row number of the first. Cheap per row: the mapping is resolved once.
 */
export class RowValidator<K extends ImportKind> {
  private readonly columns: { field: ImportField; col: number; header: string }[];
  private readonly labelOf = new Map<string, string>();
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly kind: K,
    mapping: Mapping,
    headers: readonly string[],
  ) {
    this.columns = [];
    for (const field of IMPORT_FIELDS[kind]) {
      const col = mapping[field.key];
      const label = col === null || col === undefined ? field.label : `${headers[col] || field.label}（${columnLetter(col)} 列）`;
      this.labelOf.set(field.key, label);
      if (col !== null && col !== undefined) this.columns.push({ field, col, header: label });
    }
  }

  /** The report's column label of a field: its header and column letter when mapped. */
  label(key: string): string {
    return this.labelOf.get(key) ?? key;
  }

  /** Null for a row with nothing in any mapped column (blank lines are skipped, not errors). */
  check(src: SourceRow): Checked<K> | null {
    const input: Record<string, string> = {};
    // Allocated only for a row with a problem: most rows have none.
    const bad: { errors: RowError[] | null; keys: Set<string> | null } = { errors: null, keys: null };
    const fail = (key: string, e: RowError) => {
      (bad.errors ??= []).push(e);
      (bad.keys ??= new Set()).add(key);
      input[key] = '';
    };
    let empty = true;
    for (const { field, col, header } of this.columns) {
      const cell = src.cells[col];
      const t = fieldText(field, cell);
      if (t instanceof CellProblem) {
        fail(field.key, { row: src.row, column: header, value: displayValue(cell), reason: t.error });
        empty = false;
        continue;
      }
      if (t !== '') empty = false;
      if (t.length > field.maxLength) {
        fail(field.key, { row: src.row, column: header, value: displayValue(cell), reason: `内容过长（${t.length} 字，上限 ${field.maxLength} 字）` });
        continue;
      }
      input[field.key] = t;
    }
    if (empty) return null;
    const parsed = IMPORT_ROW_SCHEMAS[this.kind].safeParse(input);
    if (!parsed.success) {
      bad.errors ??= [];
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        if (bad.keys?.has(key)) continue;
        const col = this.columns.find((c) => c.field.key === key);
        bad.errors.push({ row: src.row, column: this.labelOf.get(key) ?? key, value: col ? displayValue(src.cells[col.col]) : '', reason: chinese(issue) });
      }
    }
    if (bad.errors !== null && bad.errors.length > 0) return { ok: false, row: src.row, errors: bad.errors };
    const data = parsed.data as ImportRows[K];
    const k = rowKey(this.kind, data);
    if (k) {
      const first = this.seen.get(k.key);
      if (first !== undefined) {
        const col = this.columns.find((c) => c.field.key === k.field);
        return {
          ok: false,
          row: src.row,
          errors: [{ row: src.row, column: this.labelOf.get(k.field) ?? k.field, value: col ? displayValue(src.cells[col.col]) : '', reason: `与第 ${first} 行重复（${k.what}），同一文件中只能出现一次` }],
        };
      }
      this.seen.set(k.key, src.row);
    }
    return { ok: true, row: src.row, data };
  }
}
