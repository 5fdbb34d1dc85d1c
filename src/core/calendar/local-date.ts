import { CHINA_OFFSET_MS, chinaTimeParts, formatChinaDate } from '../china-time.ts';

/** A calendar day in China, "YYYY-MM-DD". */
export type LocalDate = string;
/** A wall-clock time in China, "HH:MM". */
export type LocalTime = string;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of a day. Not Date.UTC, which reads the years 0-99 as 1900-1999. */
function utcMidnight(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

export function localDateOf(epochMs: number): LocalDate {
  return formatChinaDate(chinaTimeParts(epochMs));
}

/** Minutes since midnight, China time. */
export function minuteOfDay(epochMs: number): number {
  const parts = chinaTimeParts(epochMs);
  return parts.hour * 60 + parts.minute;
}

export function parseLocalTime(time: LocalTime): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** The instant of a wall-clock time on a day, China time. */
export function instantOf(date: LocalDate, time: LocalTime): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return utcMidnight(y, m, d).getTime() + parseLocalTime(time) * 60_000 - CHINA_OFFSET_MS;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(utcMidnight(y, m, d).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return utcMidnight(y, m, d).getUTCDay();
}

/** "2028-02-29" is a day; "2026-02-30", "2026-13-01" and "2026-4-1" are not. */
export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = utcMidnight(y, m, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function datesBetween(first: LocalDate, last: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) dates.push(date);
  return dates;
}
