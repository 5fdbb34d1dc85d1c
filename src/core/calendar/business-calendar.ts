import type { HolidayYear } from './holidays.ts';
import { datesBetween, weekdayOf, type LocalDate } from './local-date.ts';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';

/** Which days a hall works: weekdays, less public holidays, plus adjusted working weekends. */
export class BusinessCalendar {
  private readonly holidays = new Set<LocalDate>();
  private readonly workdays = new Set<LocalDate>();

  constructor(years: HolidayYear[]) {
    for (const year of years) {
      for (const [first, last] of year.holidays) for (const date of datesBetween(first, last)) this.holidays.add(date);
      for (const date of year.workdays) this.workdays.add(date);
    }
  }

  dayKind(date: LocalDate): DayKind {
    if (this.holidays.has(date)) return 'holiday';
    if (this.workdays.has(date)) return 'adjusted-workday';
    const weekday = weekdayOf(date);
    return weekday === 0 || weekday === 6 ? 'weekend' : 'workday';
  }

  isWorkingDay(date: LocalDate): boolean {
    const kind = this.dayKind(date);
    return kind === 'workday' || kind === 'adjusted-workday';
  }
}
