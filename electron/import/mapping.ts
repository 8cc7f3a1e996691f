import { IMPORT_FIELDS, normalizeHeader, type ImportField, type ImportKind } from '../../shared/schemas/importFields';
import { AppError } from '../errors';
import type { CellValue, SourceRow } from './table';

/** Field key → 0-based source column, or null when the field is not imported. */
export type Mapping = Record<string, number | null>;

/** How many leading rows may precede the header (a title such as "湘潭县经营主体名录", a date line). */
export const HEADER_SEARCH_ROWS = 10;

/** A header cell as text (numbers and dates as written; errors as nothing). */
export function headerText(v: CellValue | undefined): string {
  if (v === null || v === undefined || typeof v === 'object') return v instanceof Date ? v.toISOString().slice(0, 10) : '';
  return String(v).trim();
}

function isEmptyRow(r: SourceRow): boolean {
  return r.cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

function matchExact(fields: readonly ImportField[], norm: string): ImportField | undefined {
  return fields.find((f) => normalizeHeader(f.label) === norm || f.aliases.some((a) => normalizeHeader(a) === norm));
}

/** The field a header most likely means: an exact name, else the longest known name it contains. */
function matchLoose(fields: readonly ImportField[], norm: string): ImportField | undefined {
  let best: { f: ImportField; len: number } | undefined;
  for (const f of fields) {
    for (const name of [f.label, ...f.aliases]) {
      const n = normalizeHeader(name);
      if (n.length >= 2 && norm.includes(n) && (!best || n.length > best.len)) best = { f, len: n.length };
    }
  }
  return best?.f;
}

/** Counts headers that name a known field (to tell the header row from a title line). */
function knownHeaders(kind: ImportKind, cells: CellValue[]): number {
  const fields = IMPORT_FIELDS[kind];
  return cells.filter((c) => {
    const n = normalizeHeader(headerText(c));
    return n !== '' && matchExact(fields, n) !== undefined;
  }).length;
}

/**
 * Picks the header row among the first rows: the first that names at least two known fields,
 * else the first non-empty row. Returns its index in `rows`.
 */
export function findHeaderRow(kind: ImportKind, rows: readonly SourceRow[]): number {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS);
  const named = candidates.findIndex((r) => knownHeaders(kind, r.cells) >= 2);
  if (named >= 0) return named;
  const first = candidates.findIndex((r) => !isEmptyRow(r));
  if (first < 0) throw new AppError('INVALID_INPUT', '文件中没有内容（前几行都是空的），找不到表头');
  return first;
}

/** Suggests which column holds each field: exact header names first, then headers containing a known name. */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): Mapping {
  const fields = IMPORT_FIELDS[kind];
  const mapping: Mapping = Object.fromEntries(fields.map((f) => [f.key, null]));
  const norms = headers.map((h) => normalizeHeader(h));
  const taken = new Set<number>();
  for (const pass of [matchExact, matchLoose]) {
    norms.forEach((n, col) => {
      if (!n || taken.has(col)) return;
      const f = pass(fields, n);
      if (f && mapping[f.key] === null) {
        mapping[f.key] = col;
        taken.add(col);
      }
    });
  }
  return mapping;
}

/**
 * Checks a mapping the user sent: only known fields, columns that exist, no column used twice.
 * Returns the labels of required fields left unmapped (the caller decides how to report them).
 */
export function checkMapping(kind: ImportKind, mapping: Mapping, columnCount: number | null): string[] {
  const fields = IMPORT_FIELDS[kind];
  const used = new Map<number, string>();
  for (const [key, col] of Object.entries(mapping)) {
    const f = fields.find((x) => x.key === key);
    if (!f) throw new AppError('INVALID_INPUT', `列对应中有不认识的字段：${key}`);
    if (col === null) continue;
    if (columnCount !== null && col >= columnCount) throw new AppError('INVALID_INPUT', `「${f.label}」对应的第 ${col + 1} 列在文件中不存在`);
    const other = used.get(col);
    if (other) throw new AppError('INVALID_INPUT', `第 ${col + 1} 列同时对应了「${other}」和「${f.label}」，一列只能对应一个字段`);
    used.set(col, f.label);
  }
  return fields.filter((f) => f.required && (mapping[f.key] === null || mapping[f.key] === undefined)).map((f) => f.label);
}

/** Excel column letters for a 0-based index (0 → A, 26 → AA), used in the error report. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
