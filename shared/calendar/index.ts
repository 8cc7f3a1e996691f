/** Working-day calendar: pure date arithmetic, the bundled official arrangement, user overrides. */
export * from './date';
export * from './types';
export { OFFICIAL_RANGE, OFFICIAL_YEARS, officialDay } from './official';
export { addWorkingDays, calendarCoverage, calendarDeadline, isWorkingDay, workingDaysBetween } from './workingDays';
export { formatArrangement, parseArrangement, type ArrangementError, type ArrangementParseResult } from './arrangement';
