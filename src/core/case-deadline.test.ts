import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './calendar/business-calendar.ts';
import { HOLIDAY_YEARS } from './calendar/holidays.ts';
import { addWorkingDays, caseDueDate, deferredMaterialsDueDate, suspendedWorkingDays, workingDaysBetween } from './case-deadline.ts';

const calendar = new BusinessCalendar(HOLIDAY_YEARS);
const due = (acceptedOn: string, limitDays: number, suspensions: { from: string; to: string | null }[] = [], today?: string) =>
  caseDueDate(calendar, { acceptedOn, limitDays, suspensions, ...(today ? { today } : {}) });

describe('promised limit in working days', () => {
  it('does not count the acceptance day: 1 day accepted on Monday is due on Tuesday', () => {
    expect(due('2026-11-23', 1)).toBe('2026-11-24');
    expect(due('2026-11-23', 5)).toBe('2026-11-30');
  });

  it('skips the weekend: accepted on Friday with 1 day, due on Monday', () => {
    expect(due('2026-11-20', 1)).toBe('2026-11-23');
  });

  it('skips the whole National Day week and counts the 调休 Saturday after it', () => {
    // Wed 30 Sep is the last working day; 1–7 Oct off; Thu 8, Fri 9 and Sat 10 Oct (调休) work.
    expect(due('2026-09-30', 1)).toBe('2026-10-08');
    expect(due('2026-09-30', 2)).toBe('2026-10-09');
    expect(due('2026-09-30', 3)).toBe('2026-10-10');
    expect(due('2026-09-30', 4)).toBe('2026-10-12');
  });

  it('counts from the Friday before the Spring Festival across its 调休 Saturday and nine days off', () => {
    // Fri 13 Feb; Sat 14 Feb is a working day (调休); 15–23 Feb off.
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(due('2026-02-13', 1)).toBe('2026-02-14');
    expect(due('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('counts a 调休 Sunday before the Mid-Autumn holiday', () => {
    expect(due('2026-09-18', 1)).toBe('2026-09-20');
  });

  it('starts at the next working day when accepted on a holiday or weekend (a terminal at night)', () => {
    expect(due('2026-10-03', 1)).toBe('2026-10-08');
    expect(due('2026-11-21', 1)).toBe('2026-11-23');
  });

  it('makes an instant item (limit 0) due on the acceptance day, or the next working day off hours', () => {
    expect(due('2026-11-24', 0)).toBe('2026-11-24');
    expect(due('2026-11-22', 0)).toBe('2026-11-23');
    expect(due('2026-10-01', 0)).toBe('2026-10-08');
    expect(due('2026-10-10', 0)).toBe('2026-10-10');
  });

  it('refuses a negative or fractional limit', () => {
    expect(() => addWorkingDays(calendar, '2026-11-24', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2026-11-24', 1.5)).toThrow(RangeError);
  });
});

describe('supplement pauses', () => {
  it('counts the working days after the request up to and including the day of receipt', () => {
    expect(workingDaysBetween(calendar, '2026-11-24', '2026-11-26')).toBe(2);
    expect(workingDaysBetween(calendar, '2026-11-24', '2026-11-24')).toBe(0);
    expect(workingDaysBetween(calendar, '2026-11-20', '2026-11-23')).toBe(1);
    expect(workingDaysBetween(calendar, '2026-09-30', '2026-10-08')).toBe(1);
  });

  it('shifts the due date by the working days a pause covered', () => {
    // 5 days from Mon 23 Nov: Mon 30 Nov; paused Tue→Thu (2 working days): Wed 2 Dec.
    expect(due('2026-11-23', 5, [{ from: '2026-11-24', to: '2026-11-26' }])).toBe('2026-12-02');
  });

  it('shifts nothing for a supplement brought the same day, and one day for Friday to Monday', () => {
    expect(due('2026-11-23', 5, [{ from: '2026-11-25', to: '2026-11-25' }])).toBe('2026-11-30');
    expect(due('2026-11-19', 5, [{ from: '2026-11-20', to: '2026-11-23' }])).toBe('2026-11-27');
  });

  it('adds several pauses, and skips holidays when shifting', () => {
    // 3 days from Fri 25 Sep (a holiday: counting starts Mon 28): due Wed 30 Sep; two pauses of one day each → Fri 9 Oct.
    expect(due('2026-09-25', 3)).toBe('2026-09-30');
    expect(due('2026-09-25', 3, [{ from: '2026-09-28', to: '2026-09-29' }, { from: '2026-09-29', to: '2026-09-30' }])).toBe('2026-10-09');
  });

  it('counts an open pause up to today, and needs today to do so', () => {
    expect(suspendedWorkingDays(calendar, [{ from: '2026-11-24', to: null }], '2026-11-27')).toBe(3);
    expect(due('2026-11-23', 5, [{ from: '2026-11-24', to: null }], '2026-11-27')).toBe('2026-12-03');
    expect(() => due('2026-11-23', 5, [{ from: '2026-11-24', to: null }])).toThrow();
  });
});

describe('容缺 deadline', () => {
  it('gives missingMaterialDays working days after acceptance', () => {
    expect(deferredMaterialsDueDate(calendar, '2026-11-23', 5)).toBe('2026-11-30');
    expect(deferredMaterialsDueDate(calendar, '2026-09-30', 3)).toBe('2026-10-10');
  });
});
