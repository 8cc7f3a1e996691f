import { describe, expect, it } from 'vitest';
import {
  type CalendarOverride,
  OFFICIAL_RANGE,
  addCalendarDays,
  addWorkingDays,
  calendarCoverage,
  calendarDeadline,
  dayOfWeek,
  isIsoDate,
  isWorkingDay,
  officialDay,
  shanghaiDate,
  workingDaysBetween,
  formatCnDate,
} from '../../../shared/calendar';

describe('ISO date arithmetic', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
  });

  it('adds calendar days across months, years and leap days', () => {
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addCalendarDays('2025-09-25', 15)).toBe('2025-10-10');
  });

  it('knows the weekday without the machine time zone', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2025-09-28')).toBe(0);
    expect(dayOfWeek('2025-10-11')).toBe(6);
  });

  it('converts instants to the Shanghai date (UTC+8) and refuses zoneless times', () => {
    expect(shanghaiDate('2025-09-30T16:00:00Z')).toBe('2025-10-01');
    expect(shanghaiDate('2025-09-30T15:59:59Z')).toBe('2025-09-30');
    expect(shanghaiDate('2025-10-01T07:00:00+08:00')).toBe('2025-10-01');
    expect(() => shanghaiDate('2025-10-01T07:00:00')).toThrow(RangeError);
  });

  it('formats dates the way official documents write them', () => {
    expect(formatCnDate('2025-02-18')).toBe('2025年2月18日');
  });

  it('rejects malformed input loudly', () => {
    expect(() => addCalendarDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-09-30', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-09-30', 1.5)).toThrow(RangeError);
  });
});

describe('bundled official calendar (chinese-days)', () => {
  it('covers 2004–2026', () => {
    expect(OFFICIAL_RANGE).toEqual({ first: 2004, last: 2026 });
    expect(calendarCoverage(2004)).toBe('official');
    expect(calendarCoverage(2026)).toBe('official');
    expect(calendarCoverage(2003)).toBe('provisional');
    expect(calendarCoverage(2027)).toBe('provisional');
  });

  it('has the 2025 National Day + Mid-Autumn arrangement: 10-1…10-8 off, 9-28 and 10-11 worked', () => {
    for (let d = 1; d <= 8; d++) expect(isWorkingDay(`2025-10-0${d}`), `2025-10-0${d}`).toBe(false);
    expect(officialDay('2025-10-06')).toEqual({ kind: 'holiday', name: '中秋' });
    expect(isWorkingDay('2025-09-28')).toBe(true); // a Sunday
    expect(isWorkingDay('2025-10-11')).toBe(true); // a Saturday
    expect(isWorkingDay('2025-10-12')).toBe(false); // an ordinary Sunday
    expect(isWorkingDay('2025-10-09')).toBe(true);
  });

  it('has the 2026 Spring Festival: 2-15…2-23 off (nine days), Saturdays 2-14 and 2-28 worked', () => {
    const off = ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'];
    for (const d of off) expect(officialDay(d), d).toEqual({ kind: 'holiday', name: '春节' });
    expect(officialDay('2026-02-14')).toEqual({ kind: 'workday', name: '春节' });
    expect(officialDay('2026-02-28')).toEqual({ kind: 'workday', name: '春节' });
    expect(isWorkingDay('2026-02-13')).toBe(true);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(dayOfWeek('2026-02-14')).toBe(6);
    expect(dayOfWeek('2026-02-28')).toBe(6);
  });

  it('has the 2026 National Day: 10-1…10-7 off, Sunday 9-20 and Saturday 10-10 worked', () => {
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(isWorkingDay('2026-09-20')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true);
  });
});

describe('addWorkingDays: the nth working day after the start', () => {
  it('5 working days after 2025-09-30 is 2025-10-14 (holiday skipped, Saturday 10-11 counted)', () => {
    expect(addWorkingDays('2025-09-30', 5)).toEqual({ date: '2025-10-14', provisional: false });
  });

  it('counts the Sunday make-up day 9-28 before the holiday', () => {
    expect(addWorkingDays('2025-09-26', 5)).toEqual({ date: '2025-10-10', provisional: false });
  });

  it('4 vs 5 working days straddling the holiday', () => {
    expect(addWorkingDays('2025-09-30', 4).date).toBe('2025-10-13');
    expect(workingDaysBetween('2025-09-30', '2025-10-13').days).toBe(4);
    expect(workingDaysBetween('2025-09-30', '2025-10-14').days).toBe(5);
  });

  it('across the 2026 Spring Festival: the Saturday 2-14 counts, the nine days off do not', () => {
    expect(addWorkingDays('2026-02-12', 5)).toEqual({ date: '2026-02-26', provisional: false });
    expect(addWorkingDays('2026-02-13', 1).date).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1).date).toBe('2026-02-24');
  });

  it('20 working days across National Day 2025 (transfer period)', () => {
    expect(addWorkingDays('2025-09-15', 20)).toEqual({ date: '2025-10-17', provisional: false });
  });

  it('0 working days is the start itself', () => {
    expect(addWorkingDays('2025-10-01', 0)).toEqual({ date: '2025-10-01', provisional: false });
  });

  it('is the inverse of workingDaysBetween, and the count runs backwards too', () => {
    for (const n of [1, 5, 20, 60]) {
      const due = addWorkingDays('2025-09-20', n).date;
      expect(workingDaysBetween('2025-09-20', due).days).toBe(n);
    }
    expect(workingDaysBetween('2025-10-14', '2025-09-30').days).toBe(-5);
    expect(workingDaysBetween('2025-10-01', '2025-10-01').days).toBe(0);
  });
});

describe('years without an official arrangement', () => {
  const arrangement2027: CalendarOverride[] = [
    { date: '2027-01-01', kind: 'holiday', note: '元旦' },
    { date: '2027-02-06', kind: 'holiday', note: '春节' },
  ];

  it('2027 without overrides: weekends only, flagged provisional', () => {
    expect(addWorkingDays('2026-12-28', 5)).toEqual({ date: '2027-01-04', provisional: true });
    expect(workingDaysBetween('2026-12-28', '2027-01-04')).toEqual({ days: 5, provisional: true });
  });

  it('a deadline staying inside 2026 is not provisional even near the year end', () => {
    expect(addWorkingDays('2026-12-21', 5)).toEqual({ date: '2026-12-28', provisional: false });
  });

  it('2027 with a user arrangement: counted like an official year', () => {
    expect(calendarCoverage(2027, arrangement2027)).toBe('user');
    expect(isWorkingDay('2027-01-01', arrangement2027)).toBe(false);
    expect(addWorkingDays('2026-12-28', 5, arrangement2027)).toEqual({ date: '2027-01-05', provisional: false });
  });

  it('a user correction of a bundled day wins but keeps the year official', () => {
    const fix: CalendarOverride[] = [{ date: '2025-10-08', kind: 'workday', note: '本单位值班' }];
    expect(isWorkingDay('2025-10-08', fix)).toBe(true);
    expect(calendarCoverage(2025, fix)).toBe('official');
    expect(addWorkingDays('2025-09-30', 5, fix).date).toBe('2025-10-13');
  });

  it('calendar-day deadlines do not depend on holidays, so they are never provisional', () => {
    expect(calendarDeadline('2026-12-20', 15)).toEqual({ date: '2027-01-04', provisional: false });
  });
});
