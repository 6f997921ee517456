import { addDays } from '../common/dates.js';

/**
 * The holiday calendar an admin keeps (platform table `holidays`): statutory holidays, and weekend days
 * that are working days by 调休. Deadlines are counted the way the Civil Code counts them (Arts. 201, 203):
 * the start day is not counted, and a last day that falls on a rest day moves to the next working day.
 */
export type HolidayCalendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };

export function calendarFrom(rows: { date: string; kind: 'holiday' | 'workday' }[]): HolidayCalendar {
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.date)),
  };
}

/** 0 = Sunday … 6 = Saturday, for a "YYYY-MM-DD" date. */
export function dayOfWeek(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** A working day: a 调休 working day, or a weekday that is not a statutory holiday. */
export function isWorkingDay(date: string, cal: HolidayCalendar): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

/** The date itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: string, cal: HolidayCalendar): string {
  let d = date;
  // A holiday season is at most a few weeks long; the bound only guards against a calendar with no working day.
  for (let i = 0; i < 366 && !isWorkingDay(d, cal); i++) d = addDays(d, 1);
  return d;
}

/**
 * The last day of a period of `days` days starting on `start` (民法典 201: the start day is not counted;
 * 203: a last day on a statutory rest day moves to the day after the rest ends).
 */
export function civilDeadline(start: string, days: number, cal: HolidayCalendar): string {
  return nextWorkingDay(addDays(start, days), cal);
}

/** The date `n` working days after `start` (the start day not counted), e.g. "5 working days" to object to a transfer. */
export function addWorkingDays(start: string, n: number, cal: HolidayCalendar): string {
  let d = start;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** A deadline is missed when today is after its last day (the last day ends at 24:00). */
export function isPastDeadline(due: string | null | undefined, today: string): boolean {
  return !!due && today > due;
}
