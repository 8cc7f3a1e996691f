/**
 * Calendar dates as 'YYYY-MM-DD' strings, in Asia/Shanghai local terms.
 *
 * Deadlines in the rules are counted in whole days, so dates never carry a time or a zone:
 * arithmetic is done on a day number (days since 1970-01-01 in the proleptic Gregorian
 * calendar) computed with Date.UTC, which is pure arithmetic and does not depend on the
 * machine's time zone. Only `shanghaiDate` turns an instant into a date, and China has kept
 * UTC+8 without daylight saving since 1991.
 */
import { z } from 'zod';

/** A calendar date 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2025-02-29, 2025-13-01). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** zod schema for a date field; the message is shown to the user as is. */
export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: '日期应为有效的“年-月-日”，如 2025-10-14' })
  .describe('日期');

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01; throws on a malformed date (a programming error: inputs are validated first). */
export function toDayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

export function fromDayNumber(day: number): IsoDate {
  if (!Number.isInteger(day)) throw new RangeError(`not a day number: ${day}`);
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date n calendar days after (n < 0: before) the given date. */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** ISO dates compare correctly as strings; these keep call sites readable. */
export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return a < b;
}
export function isAfter(a: IsoDate, b: IsoDate): boolean {
  return a > b;
}
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/**
 * The Asia/Shanghai calendar date of an instant (for services converting stored timestamps).
 * A timestamp string must name its zone ('Z' or '+08:00'): a bare local time would be read in
 * the machine's zone, which is exactly the ambiguity this module avoids.
 */
export function shanghaiDate(instant: string | Date): IsoDate {
  if (typeof instant === 'string' && instant.includes('T') && !/(?:Z|[+-]\d{2}:?\d{2})$/u.test(instant)) {
    throw new RangeError(`timestamp without a zone: ${instant}`);
  }
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(t)) throw new RangeError(`not a timestamp: ${String(instant)}`);
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** '2025年10月14日' — the style of official documents (Arabic numerals, no zero padding). */
export function formatCnDate(date: IsoDate): string {
  const m = ISO_DATE.exec(date);
  if (!m) return date;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}
