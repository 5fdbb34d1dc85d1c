import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './business-calendar.ts';
import { HOLIDAY_YEARS } from './holidays.ts';
import { currentOrNextSession, isOpenAt, sessionsOn, type CategoryHours } from './hours.ts';
import { addDays, datesBetween, instantOf, isLocalDate, weekdayOf } from './local-date.ts';

const calendar = new BusinessCalendar(HOLIDAY_YEARS);

const standard: CategoryHours = {
  workday: [
    { id: 'morning', start: '09:00', end: '12:00' },
    { id: 'afternoon', start: '13:30', end: '17:30' },
  ],
};
const continuousWithSaturday: CategoryHours = {
  workday: [
    { id: 'morning', start: '09:00', end: '12:00' },
    { id: 'noon', start: '12:00', end: '13:30' },
    { id: 'afternoon', start: '13:30', end: '17:30' },
    { id: 'evening', start: '17:30', end: '20:00' },
  ],
  saturday: [{ id: 'saturday', start: '09:00', end: '12:00' }],
};

const at = (date: string, time: string) => instantOf(date, time);
const next = (hours: CategoryHours, date: string, time: string) => {
  const session = currentOrNextSession(hours, calendar, at(date, time));
  return session && `${session.date} ${session.window.id}`;
};

describe('business calendar', () => {
  it('knows the 2026 holidays and adjusted working days', () => {
    expect(calendar.dayKind('2026-10-01')).toBe('holiday');
    expect(calendar.dayKind('2026-10-07')).toBe('holiday');
    expect(calendar.dayKind('2026-10-08')).toBe('workday');
    expect(calendar.dayKind('2026-10-10')).toBe('adjusted-workday');
    expect(calendar.dayKind('2026-09-20')).toBe('adjusted-workday');
    expect(calendar.dayKind('2026-02-14')).toBe('adjusted-workday');
    expect(calendar.dayKind('2026-02-15')).toBe('holiday');
    expect(calendar.dayKind('2026-11-28')).toBe('weekend');
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true);
  });

  it('has every adjusted working day on a weekend and every 2026 holiday total as announced', () => {
    for (const year of HOLIDAY_YEARS) {
      for (const date of year.workdays) expect([0, 6]).toContain(weekdayOf(date));
    }
    const days = (first: string, last: string) => datesBetween(first, last).length;
    expect(days('2026-02-15', '2026-02-23')).toBe(9);
    expect(days('2026-10-01', '2026-10-07')).toBe(7);
  });

  it('keeps the provisional 2027 holidays on the statutory dates', () => {
    expect(weekdayOf('2027-02-06')).toBe(6);
    expect(calendar.dayKind('2027-02-05')).toBe('holiday');
    expect(calendar.dayKind('2027-02-11')).toBe('workday');
    expect(calendar.dayKind('2027-10-05')).toBe('holiday');
  });
});

describe('category hours', () => {
  it('opens and closes at the exact minute', () => {
    const morning = currentOrNextSession(standard, calendar, at('2026-11-24', '08:59'))!;
    expect(isOpenAt(morning, at('2026-11-24', '08:59'))).toBe(false);
    expect(isOpenAt(morning, at('2026-11-24', '09:00'))).toBe(true);
    expect(isOpenAt(morning, at('2026-11-24', '11:59'))).toBe(true);
    expect(isOpenAt(morning, at('2026-11-24', '12:00'))).toBe(false);
  });

  it('gives the afternoon session during the lunch break, unless the category serves at lunch', () => {
    expect(next(standard, '2026-11-24', '12:00')).toBe('2026-11-24 afternoon');
    expect(next(continuousWithSaturday, '2026-11-24', '12:00')).toBe('2026-11-24 noon');
  });

  it('gives the next working morning after hours, and the evening session where there is one', () => {
    expect(next(standard, '2026-11-24', '17:30')).toBe('2026-11-25 morning');
    expect(next(continuousWithSaturday, '2026-11-24', '18:00')).toBe('2026-11-24 evening');
    expect(next(continuousWithSaturday, '2026-11-24', '20:00')).toBe('2026-11-25 morning');
  });

  it('serves on ordinary Saturdays only where the category has Saturday hours', () => {
    expect(next(standard, '2026-11-27', '18:00')).toBe('2026-11-30 morning');
    expect(next(continuousWithSaturday, '2026-11-27', '20:30')).toBe('2026-11-28 saturday');
    expect(sessionsOn('2026-11-29', continuousWithSaturday, calendar)).toEqual([]);
  });

  it('treats an adjusted working Saturday as a working day with working-day hours', () => {
    expect(next(standard, '2026-10-09', '18:00')).toBe('2026-10-10 morning');
    expect(sessionsOn('2026-10-10', continuousWithSaturday, calendar)).toHaveLength(4);
  });

  it('jumps a whole holiday: on the evening of 1 October the next session is on 8 October', () => {
    expect(next(standard, '2026-10-01', '20:30')).toBe('2026-10-08 morning');
    expect(next(continuousWithSaturday, '2026-09-30', '20:00')).toBe('2026-10-08 morning');
    expect(next(standard, '2026-02-13', '18:00')).toBe('2026-02-14 morning');
    expect(next(standard, '2026-02-14', '18:00')).toBe('2026-02-24 morning');
  });

  it('passes over sessions that are not accepted, e.g. days whose quota is full', () => {
    const session = currentOrNextSession(standard, calendar, at('2026-11-24', '10:00'), (s) => s.date !== '2026-11-24');
    expect(session?.date).toBe(addDays('2026-11-24', 1));
  });

  it('finds nothing for a category without hours', () => {
    expect(currentOrNextSession({ workday: [] }, calendar, at('2026-11-24', '10:00'))).toBeNull();
  });
});

describe('local dates', () => {
  it('accepts only days that exist, leap days included', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2000-02-29')).toBe(true);
    for (const notADay of ['2026-02-29', '2026-02-30', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-4-1', '20260401', '']) {
      expect(isLocalDate(notADay), notADay).toBe(false);
    }
  });

  it('counts days in the first century too, where Date.UTC would jump to the 1900s', () => {
    expect(addDays('0050-12-31', 1)).toBe('0051-01-01');
    expect(isLocalDate('0050-02-29')).toBe(false);
    expect(isLocalDate('0048-02-29')).toBe(true);
  });
});
