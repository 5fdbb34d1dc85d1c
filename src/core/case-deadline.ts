/**
 * Due dates of cases in working days (工作日) of the business calendar: public holidays are not
 * counted and adjusted working weekends (调休上班) are.
 *
 * Convention, the same for the promised time limit and the 容缺 deadline:
 * - The day of acceptance is day 0 and never counts, whatever the hour (a case accepted at 08:59
 *   and one accepted at 17:29 have the same due date).
 * - A limit of N working days ends at the end of the Nth working day after the acceptance day.
 *   A case accepted on a weekend or holiday (a terminal at night) starts counting at the next
 *   working day: accepted on Saturday with N = 1, it is due on Monday.
 * - A limit of 0 (即办件) is due on the acceptance day itself, or on the next working day when the
 *   acceptance day is not one.
 * - Time suspended for a supplement (补正) does not count: the working days after the day the
 *   supplement was requested up to and including the day it was received are skipped while the
 *   limit is counted. A supplement asked for and brought on the same day shifts nothing; one asked
 *   for on Friday and brought on Monday shifts by one; one asked for after the due date has passed
 *   moves nothing (the limit was used up before it). The efficiency supervision (supervision.ts)
 *   counts the same days, so desk, receipt and cards name the same due date.
 */
import type { BusinessCalendar } from './calendar/business-calendar.ts';
import { addDays, type LocalDate } from './calendar/local-date.ts';

/** The calendar's question only: core code and tests may give any calendar that answers it. */
export type WorkingDays = Pick<BusinessCalendar, 'isWorkingDay'>;

/** A supplement pause, as China days: requested on `from`, received on `to` (null: still awaited). */
export interface SuspendedDays {
  from: LocalDate;
  to: LocalDate | null;
}

/** No real limit runs past a year of working days; a loop that did would be a calendar bug. */
const MAX_SCAN_DAYS = 3 * 366;

/** The Nth working day after `day` (N ≥ 1); for N = 0, `day` itself if it is a working day, else the next one. */
export function addWorkingDays(calendar: WorkingDays, day: LocalDate, workingDays: number): LocalDate {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError(`a limit is a whole number of working days, not ${workingDays}`);
  let date = day;
  let remaining = workingDays;
  if (remaining === 0) {
    for (let scanned = 0; !calendar.isWorkingDay(date); scanned++) {
      if (scanned > MAX_SCAN_DAYS) throw new RangeError(`no working day after ${day}`);
      date = addDays(date, 1);
    }
    return date;
  }
  for (let scanned = 0; remaining > 0; scanned++) {
    if (scanned > MAX_SCAN_DAYS + workingDays) throw new RangeError(`no ${workingDays} working days after ${day}`);
    date = addDays(date, 1);
    if (calendar.isWorkingDay(date)) remaining--;
  }
  return date;
}

/** Working days in (from, to]: after `from`, up to and including `to`. */
export function workingDaysBetween(calendar: WorkingDays, from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let date = addDays(from, 1), scanned = 0; date <= to; date = addDays(date, 1), scanned++) {
    if (scanned > MAX_SCAN_DAYS * 10) throw new RangeError(`range ${from}..${to} is too long`);
    if (calendar.isWorkingDay(date)) count++;
  }
  return count;
}

/** Working days a set of supplement pauses stopped the clock for; an open one counts up to `today`. */
export function suspendedWorkingDays(calendar: WorkingDays, suspensions: readonly SuspendedDays[], today: LocalDate): number {
  return suspensions.reduce((sum, pause) => sum + workingDaysBetween(calendar, pause.from, pause.to ?? today), 0);
}

export interface DeadlineInput {
  /** China day of acceptance (受理). */
  acceptedOn: LocalDate;
  /** The item's promised limit (承诺时限), working days. */
  limitDays: number;
  /** Supplement pauses; an open one (to = null) counts up to `today`. */
  suspensions?: readonly SuspendedDays[];
  /** Needed only when a suspension is still open. */
  today?: LocalDate;
}

/** The last day of the promised limit (see the convention above). */
export function caseDueDate(calendar: WorkingDays, input: DeadlineInput): LocalDate {
  const suspensions = input.suspensions ?? [];
  if (suspensions.some((pause) => pause.to === null) && input.today === undefined) throw new Error('an open suspension needs today to be counted');
  if (suspensions.length === 0) return addWorkingDays(calendar, input.acceptedOn, input.limitDays);
  // The pauses' days, each from the day after the request up to and including the day of receipt.
  const paused = suspensions.map((pause) => [addDays(pause.from, 1), pause.to ?? input.today!] as const);
  const counts = (day: LocalDate) => calendar.isWorkingDay(day) && !paused.some(([first, last]) => day >= first && day <= last);
  // An instant item accepted on a day off is due on the next working day that is not paused.
  const limit = input.limitDays === 0 && !calendar.isWorkingDay(input.acceptedOn) ? 1 : input.limitDays;
  let day = input.acceptedOn;
  for (let counted = 0, scanned = 0; counted < limit; scanned++) {
    if (scanned > MAX_SCAN_DAYS + limit) throw new RangeError(`no due date within ${MAX_SCAN_DAYS} days of ${input.acceptedOn}`);
    day = addDays(day, 1);
    if (counts(day)) counted++;
  }
  return day;
}

/** The day deferred (容缺) materials must be supplied by: `missingMaterialDays` working days after acceptance. */
export function deferredMaterialsDueDate(calendar: WorkingDays, acceptedOn: LocalDate, missingMaterialDays: number): LocalDate {
  return addWorkingDays(calendar, acceptedOn, missingMaterialDays);
}
