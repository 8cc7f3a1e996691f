import { z } from 'zod';
import { type IsoDate, isoDateSchema } from './date';

/** A day the user declares a holiday or a working day (stored in calendar_days). */
export const calendarOverrideSchema = z.object({
  date: isoDateSchema,
  kind: z.enum(['holiday', 'workday']).describe('类型'),
  note: z.string().max(100).describe('备注'),
});
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;
export type DayKind = CalendarOverride['kind'];

/** Where a year's working days come from. */
export type CalendarCoverage = 'official' | 'user' | 'provisional';

/**
 * A deadline date. `provisional` is true when some day counted to reach it lies in a year with
 * neither the bundled official arrangement nor a user-imported one: the date then assumes
 * weekends only and may move once the State Council publishes the year's holidays.
 */
export interface DeadlineDate {
  date: IsoDate;
  provisional: boolean;
}

export const DAY_KIND_LABELS: Record<DayKind, string> = { holiday: '休', workday: '班' };

/** Compile-time exhaustiveness check for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
