/**
 * Working days under the State Council's holiday arrangement (DOMAIN.md §8): statutory holidays
 * are off, make-up days (调休) are worked, other days follow Monday–Friday.
 *
 * Precedence for a date: the user's override → the bundled official arrangement → weekday.
 * A year with neither an official nor a user arrangement is counted on weekends only and every
 * result touching it is flagged provisional.
 */
import { type IsoDate, addCalendarDays, fromDayNumber, isWeekend, toDayNumber, yearOf } from './date';
import { OFFICIAL_YEARS, officialDay } from './official';
import { type CalendarCoverage, type CalendarOverride, type DeadlineDate, type DayKind } from './types';

interface CompiledOverrides {
  byDate: ReadonlyMap<IsoDate, DayKind>;
  years: ReadonlySet<number>;
}

// Rules call these functions many times with the same list: compile it once per array.
const compiled = new WeakMap<readonly CalendarOverride[], CompiledOverrides>();

function compile(overrides: readonly CalendarOverride[]): CompiledOverrides {
  let c = compiled.get(overrides);
  if (!c) {
    const byDate = new Map<IsoDate, DayKind>();
    const years = new Set<number>();
    // A later entry for the same date wins, as a later import would.
    for (const o of overrides) {
      byDate.set(o.date, o.kind);
      years.add(yearOf(o.date));
    }
    c = { byDate, years };
    compiled.set(overrides, c);
  }
  return c;
}

/**
 * Where a year's arrangement comes from: 'official' (bundled), 'user' (the user imported at
 * least one day for a year the package lacks) or 'provisional' (weekends only).
 * A user's correction inside an official year keeps it 'official'.
 */
export function calendarCoverage(year: number, overrides: readonly CalendarOverride[] = []): CalendarCoverage {
  if (OFFICIAL_YEARS.has(year)) return 'official';
  if (compile(overrides).years.has(year)) return 'user';
  return 'provisional';
}

/** Whether the date is a working day. */
export function isWorkingDay(date: IsoDate, overrides: readonly CalendarOverride[] = []): boolean {
  const own = compile(overrides).byDate.get(date);
  if (own !== undefined) return own === 'workday';
  const official = officialDay(date);
  if (official) return official.kind === 'workday';
  return !isWeekend(date);
}

/**
 * The nth working day after `start` (start itself not counted): the due date of "within n
 * working days after start". 5 working days after 2025-09-30 is 2025-10-14.
 */
export function addWorkingDays(start: IsoDate, n: number, overrides: readonly CalendarOverride[] = []): DeadlineDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  const years = new Set<number>();
  let day = toDayNumber(start);
  let counted = 0;
  while (counted < n) {
    day += 1;
    const date = fromDayNumber(day);
    years.add(yearOf(date));
    if (isWorkingDay(date, overrides)) counted += 1;
  }
  return { date: fromDayNumber(day), provisional: anyProvisional(years, overrides) };
}

/**
 * "Within n calendar days": start + n. Holidays do not move it, so it is never provisional.
 * (No roll-forward when the last day is a holiday: the earlier date is the safe one to show.)
 */
export function calendarDeadline(start: IsoDate, n: number): DeadlineDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`days must be a whole number ≥ 0: ${n}`);
  return { date: addCalendarDays(start, n), provisional: false };
}

/**
 * Working days in (from, to]: the inverse of addWorkingDays, so
 * workingDaysBetween(s, addWorkingDays(s, n).date).days === n. Negative when `to` is earlier.
 */
export function workingDaysBetween(
  from: IsoDate,
  to: IsoDate,
  overrides: readonly CalendarOverride[] = [],
): { days: number; provisional: boolean } {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  const years = new Set<number>();
  let days = 0;
  for (let d = lo + 1; d <= hi; d++) {
    const date = fromDayNumber(d);
    years.add(yearOf(date));
    if (isWorkingDay(date, overrides)) days += 1;
  }
  // `|| 0` turns the -0 of an empty backward range into 0.
  return { days: sign * days || 0, provisional: anyProvisional(years, overrides) };
}

function anyProvisional(years: ReadonlySet<number>, overrides: readonly CalendarOverride[]): boolean {
  for (const y of years) if (calendarCoverage(y, overrides) === 'provisional') return true;
  return false;
}
