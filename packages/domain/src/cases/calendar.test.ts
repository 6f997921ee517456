import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../common/dates.js';
import { addWorkingDays, calendarFrom, civilDeadline, dayOfWeek, isWorkingDay, nextWorkingDay, type HolidayCalendar } from './calendar.js';

const CAL_2026 = calendarFrom([
  ...['2026-01-01', '2026-01-02', '2026-01-03'].map((date) => ({ date, kind: 'holiday' as const })),
  { date: '2026-01-04', kind: 'workday' as const },
  ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({
    date,
    kind: 'holiday' as const,
  })),
  { date: '2026-10-10', kind: 'workday' as const },
  ...['2025-12-31'].map((date) => ({ date, kind: 'holiday' as const })),
]);

describe('civil deadline day counting (民法典 201, 203)', () => {
  it('does not count the start day: 15 days from 2026-03-02 (Mon) end on 2026-03-17 (Tue)', () => {
    expect(civilDeadline('2026-03-02', 15, CAL_2026)).toBe('2026-03-17');
  });

  it('moves a last day on a weekend to the Monday', () => {
    // 2026-03-06 + 15 = 2026-03-21, a Saturday
    expect(dayOfWeek('2026-03-21')).toBe(6);
    expect(civilDeadline('2026-03-06', 15, CAL_2026)).toBe('2026-03-23');
  });

  it('moves a last day inside the National Day holiday to the first working day after it', () => {
    // 2026-09-16 + 15 = 2026-10-01
    expect(civilDeadline('2026-09-16', 15, CAL_2026)).toBe('2026-10-08');
  });

  it('crosses the year end: 60 days from 2025-11-03 is 2026-01-02, a holiday, then the 调休 Sunday 01-04 is a working day', () => {
    expect(addDays('2025-11-03', 60)).toBe('2026-01-02');
    expect(civilDeadline('2025-11-03', 60, CAL_2026)).toBe('2026-01-04');
  });

  it('keeps a last day that is a 调休 working Saturday', () => {
    // 2026-10-10 is a Saturday worked in lieu
    expect(dayOfWeek('2026-10-10')).toBe(6);
    expect(civilDeadline('2026-09-25', 15, CAL_2026)).toBe('2026-10-10');
  });

  it('counts working days for the 5-working-day objection window across a holiday', () => {
    expect(addWorkingDays('2026-09-29', 5, CAL_2026)).toBe('2026-10-12');
  });
});

const dateArb = fc
  .record({ y: fc.integer({ min: 2024, max: 2028 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 20, max: 31 }) })
  .map(({ y, m, d }) => {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  });
// Random calendars: any set of holidays and 调休 days around month and year ends.
const calArb = fc
  .array(fc.tuple(dateArb, fc.constantFrom('holiday' as const, 'workday' as const)), { maxLength: 40 })
  .map((rows) => calendarFrom(rows.map(([date, kind]) => ({ date, kind }))));

describe('civil deadline properties (dates near month and year ends)', () => {
  it('is never before start + days, always a working day, with only rest days skipped', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 90 }), calArb, (start, days, cal: HolidayCalendar) => {
        const raw = addDays(start, days);
        const due = civilDeadline(start, days, cal);
        expect(due >= raw).toBe(true);
        expect(isWorkingDay(due, cal)).toBe(true);
        for (let d = raw; d < due; d = addDays(d, 1)) expect(isWorkingDay(d, cal)).toBe(false);
        if (isWorkingDay(raw, cal)) expect(due).toBe(raw);
      }),
      { numRuns: 500 },
    );
  });

  it('is monotonic: a longer period never ends earlier', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 30 }), calArb, (start, days, more, cal) => {
        expect(civilDeadline(start, days + more, cal) >= civilDeadline(start, days, cal)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('without holidays, only a Saturday or Sunday moves the deadline, by at most 2 days', () => {
    const empty = calendarFrom([]);
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 400 }), (start, days) => {
        const raw = addDays(start, days);
        const due = civilDeadline(start, days, empty);
        const shift = daysBetween(raw, due);
        expect(shift).toBe(dayOfWeek(raw) === 6 ? 2 : dayOfWeek(raw) === 0 ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });

  it('addWorkingDays lands on a working day with exactly n working days after the start', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 20 }), calArb, (start, n, cal) => {
        const end = addWorkingDays(start, n, cal);
        expect(isWorkingDay(end, cal)).toBe(true);
        let count = 0;
        for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (isWorkingDay(d, cal)) count++;
        expect(count).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('nextWorkingDay is idempotent', () => {
    fc.assert(
      fc.property(dateArb, calArb, (d, cal) => {
        expect(nextWorkingDay(nextWorkingDay(d, cal), cal)).toBe(nextWorkingDay(d, cal));
      }),
    );
  });
});
