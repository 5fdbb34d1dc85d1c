import type { LocalDate } from './local-date.ts';

/**
 * Public holidays (放假) and adjusted working days (调休上班) of the mainland, as the State
 * Council's General Office announces them each year. A hall enters a new year's notice here (or
 * overrides a day in its own calendar) when it is published.
 */
export interface HolidayYear {
  year: number;
  /** Where the dates come from. */
  source: string;
  /** True while the year is computed from the statutory holidays, before the official notice. */
  provisional: boolean;
  /** Inclusive ranges of days off. */
  holidays: [LocalDate, LocalDate][];
  /** Weekend days that are working days (调休上班). */
  workdays: LocalDate[];
}

export const HOLIDAYS_2026: HolidayYear = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
  provisional: false,
  holidays: [
    ['2026-01-01', '2026-01-03'], // 元旦
    ['2026-02-15', '2026-02-23'], // 春节
    ['2026-04-04', '2026-04-06'], // 清明节
    ['2026-05-01', '2026-05-05'], // 劳动节
    ['2026-06-19', '2026-06-21'], // 端午节
    ['2026-09-25', '2026-09-27'], // 中秋节
    ['2026-10-01', '2026-10-07'], // 国庆节
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/**
 * 2027 from the statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision) on the
 * lunar dates of 2027, with a weekday off for a holiday that falls on a weekend (补休) and no
 * weekend working days. Replace with the official notice once it is published.
 */
export const HOLIDAYS_2027: HolidayYear = {
  year: 2027,
  source: 'statutory holidays (全国年节及纪念日放假办法), provisional',
  provisional: true,
  holidays: [
    ['2027-01-01', '2027-01-03'], // 元旦 (Fri) with the weekend
    ['2027-02-05', '2027-02-10'], // 春节: 除夕 to 初三 (Fri-Mon), 补休 Tue-Wed
    ['2027-04-03', '2027-04-05'], // 清明节 (Mon) with the weekend
    ['2027-05-01', '2027-05-04'], // 劳动节 (Sat-Sun), 补休 Mon-Tue
    ['2027-06-09', '2027-06-09'], // 端午节 (Wed)
    ['2027-09-15', '2027-09-15'], // 中秋节 (Wed)
    ['2027-10-01', '2027-10-05'], // 国庆节 (Fri-Sun), 补休 Mon-Tue
  ],
  workdays: [],
};

export const HOLIDAY_YEARS: HolidayYear[] = [HOLIDAYS_2026, HOLIDAYS_2027];
