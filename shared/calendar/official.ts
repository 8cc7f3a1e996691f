/**
 * The State Council's yearly holiday arrangements as bundled by chinese-days (2004–2026 in
 * 1.5.7): statutory holidays (including the weekend days inside a holiday block) and make-up
 * working days (调休上班).
 *
 * We read the package's JSON data file rather than its functions: the functions parse dates
 * with the machine's time zone, while the data are plain 'YYYY-MM-DD' keys. The package has no
 * "exports" map, so the deep import resolves the same way in Node/vitest, the esbuild CJS
 * bundle and the Vite browser bundle (all three inline JSON). Upgrading the package brings in a
 * new year with no code change: the covered years are derived from the data.
 */
import data from 'chinese-days/dist/chinese-days.json';
import { type IsoDate, yearOf } from './date';

interface ChineseDaysData {
  /** date → "English name,中文名,days" */
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const bundled: ChineseDaysData = data;

const HOLIDAYS: ReadonlyMap<IsoDate, string> = new Map(Object.entries(bundled.holidays).map(([d, v]) => [d, nameOf(v)]));
const WORKDAYS: ReadonlyMap<IsoDate, string> = new Map(Object.entries(bundled.workdays).map(([d, v]) => [d, nameOf(v)]));

/** Years with an official arrangement in the bundled data. */
export const OFFICIAL_YEARS: ReadonlySet<number> = new Set([...HOLIDAYS.keys()].map(yearOf));

const sortedYears = [...OFFICIAL_YEARS].sort((a, b) => a - b);
/** First and last bundled year, for "the calendar covers 2004–2026" in the UI. */
export const OFFICIAL_RANGE = { first: sortedYears[0] ?? 0, last: sortedYears[sortedYears.length - 1] ?? 0 } as const;

function nameOf(value: string): string {
  // "National Day,国庆节,3" → 国庆节
  return value.split(',')[1] ?? value;
}

/** 'holiday' / 'workday' where the official arrangement says so; null for an ordinary day. */
export function officialDay(date: IsoDate): { kind: 'holiday' | 'workday'; name: string } | null {
  const h = HOLIDAYS.get(date);
  if (h !== undefined) return { kind: 'holiday', name: h };
  const w = WORKDAYS.get(date);
  if (w !== undefined) return { kind: 'workday', name: w };
  return null;
}
