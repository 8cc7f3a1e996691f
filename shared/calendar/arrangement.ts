/**
 * Parses a year's holiday arrangement as a user pastes it, for years the bundled calendar lacks
 * (the State Council usually publishes next year's arrangement in November).
 *
 * Accepted, one day or range per line:
 *   2027-01-01 休 元旦              date, kind, optional note, separated by spaces
 *   2027-02-07 班 春节调休
 *   2027-10-01至2027-10-07 休 国庆   a range (至 / ~ / 到), at most 31 days
 *   2027-01-01,holiday,元旦          CSV (comma or tab: pasted from Excel); a header row is skipped
 * Dates may be written 2027-1-1, 2027/1/1, 2027.1.1 or 2027年1月1日; full-width characters are
 * normalised. Blank lines and lines starting with # are ignored. Every bad line is reported with
 * its number, in Chinese, so the user can fix the paste and try again.
 */
import { type IsoDate, addCalendarDays, daysBetween, isIsoDate, yearOf } from './date';
import { type CalendarOverride, DAY_KIND_LABELS, type DayKind, assertNever } from './types';

export interface ArrangementError {
  /** 1-based line number; 0 when the whole text is at fault. */
  line: number;
  message: string;
}

export interface ArrangementParseResult {
  ok: boolean;
  /** Sorted by date, one entry per date. Empty when there are errors: nothing half-imported. */
  overrides: CalendarOverride[];
  errors: ArrangementError[];
  /** Years the arrangement touches (a January holiday may need a make-up day in December). */
  years: number[];
}

const MAX_RANGE_DAYS = 31;

// A Map, not an object literal: a pasted word like "constructor" must not hit Object.prototype.
const KIND_WORDS: ReadonlyMap<string, DayKind> = new Map(
  Object.entries({
  休: 'holiday',
  假: 'holiday',
  休息: 'holiday',
  放假: 'holiday',
  假日: 'holiday',
  节假日: 'holiday',
  holiday: 'holiday',
  off: 'holiday',
  班: 'workday',
  上班: 'workday',
  补班: 'workday',
  调休上班: 'workday',
  工作日: 'workday',
  workday: 'workday',
  work: 'workday',
  } satisfies Record<string, DayKind>),
);

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u;
const HEADER_WORDS = new Set(['date', '日期']);

/** Full-width ASCII to half-width, ideographic space to space, BOM removed. */
function normalize(line: string): string {
  return line
    .replace(/^\uFEFF/u, '')
    .replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/gu, ' ')
    .trim();
}

type DateParse = { ok: true; date: IsoDate } | { ok: false; message: string };

function parseDate(raw: string): DateParse {
  const m = DATE.exec(raw.trim());
  if (!m) return { ok: false, message: `无法识别日期“${raw.trim()}”，请写成 2027-01-01 这样的格式` };
  const date = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  if (!isIsoDate(date)) return { ok: false, message: `日期“${raw.trim()}”不存在` };
  return { ok: true, date };
}

/** Splits a line into [dates, kind, note]: CSV when it has a comma or tab, otherwise spaces. */
function fields(line: string): [string, string, string] {
  if (/[,\t]/u.test(line)) {
    const [d = '', k = '', ...rest] = line.split(/[,\t]/u);
    return [d.trim(), k.trim(), rest.join(',').trim()];
  }
  // Let "2027-10-01 至 2027-10-07" travel as one token.
  const joined = line.replace(/(\d日?)\s*(?:至|~|到)\s*(\d)/u, '$1~$2');
  const [d = '', k = '', ...rest] = joined.split(/\s+/u);
  return [d, k, rest.join(' ')];
}

/** Parses the pasted text; see the module comment for the accepted forms. */
export function parseArrangement(text: string): ArrangementParseResult {
  const errors: ArrangementError[] = [];
  const seen = new Map<IsoDate, { kind: DayKind; line: number; note: string }>();
  const lines = text.split(/\r\n|\r|\n/u);
  let sawData = false;

  lines.forEach((rawLine, index) => {
    const no = index + 1;
    const line = normalize(rawLine);
    if (line === '' || line.startsWith('#')) return;
    if (!sawData && HEADER_WORDS.has((line.split(/[\s,\t]/u)[0] ?? '').toLowerCase())) return;
    sawData = true;
    const fail = (message: string): void => {
      errors.push({ line: no, message: `第 ${no} 行：${message}` });
    };

    const [datePart, kindPart, note] = fields(line);
    const range = datePart.split(/~|至|到/u);
    const first = parseDate(range[0] ?? '');
    if (!first.ok) return fail(first.message);
    let last: IsoDate = first.date;
    if (range.length > 2) return fail(`日期范围“${datePart}”只能有一个起点和一个终点`);
    if (range.length === 2) {
      const end = parseDate(range[1] ?? '');
      if (!end.ok) return fail(end.message);
      if (end.date < first.date) return fail(`起止日期颠倒（${first.date} 至 ${end.date}）`);
      if (daysBetween(first.date, end.date) + 1 > MAX_RANGE_DAYS) {
        return fail(`日期范围 ${first.date} 至 ${end.date} 超过 ${MAX_RANGE_DAYS} 天，请检查是否写错`);
      }
      last = end.date;
    }

    if (kindPart === '') return fail(`缺少类型，请在日期后写“休”（放假）或“班”（上班）`);
    const kind = KIND_WORDS.get(kindPart.toLowerCase());
    if (kind === undefined) return fail(`无法识别类型“${kindPart}”，应为“休”（放假）或“班”（上班）`);

    for (let d = first.date; d <= last; d = addCalendarDays(d, 1)) {
      const before = seen.get(d);
      if (before && before.kind !== kind) {
        return fail(
          `${d} 与第 ${before.line} 行矛盾（第 ${before.line} 行为“${DAY_KIND_LABELS[before.kind]}”，本行为“${DAY_KIND_LABELS[kind]}”）`,
        );
      }
      // The same day twice with the same kind (overlapping ranges) is harmless: keep the first.
      if (!before) seen.set(d, { kind, line: no, note: note.slice(0, 100) });
    }
  });

  if (errors.length === 0 && seen.size === 0) {
    errors.push({ line: 0, message: '没有找到可导入的日期：每行写一个日期和“休”或“班”，如“2027-01-01 休”' });
  }
  if (errors.length > 0) return { ok: false, overrides: [], errors, years: [] };

  const overrides = [...seen.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, v]) => ({ date, kind: v.kind, note: v.note }));
  const years = [...new Set(overrides.map((o) => yearOf(o.date)))].sort((a, b) => a - b);
  return { ok: true, overrides, errors: [], years };
}

/** Writes overrides back in the paste format ("2027-01-01 休 元旦"), e.g. for export. */
export function formatArrangement(overrides: readonly CalendarOverride[]): string {
  return overrides
    .map((o) => {
      switch (o.kind) {
        case 'holiday':
        case 'workday':
          return [o.date, DAY_KIND_LABELS[o.kind], o.note].filter((s) => s !== '').join(' ');
        default:
          return assertNever(o.kind);
      }
    })
    .join('\n');
}
