/**
 * The efficiency supervision (效能督查) of manual cases: a window case that runs past its promised
 * time limit gets a yellow card (黄牌) at one working day over and a red card (红牌) at two or
 * more. Terminal and smart-approval cases are non-manual and exempt (免督查).
 *
 * Conventions, all in China time (UTC+8) and counted in whole days:
 * - The limit runs from the day AFTER acceptance (受理之日的次日起算): the due date is the
 *   N-th working day after the acceptance day. A limit of 0 (即办件) is due on the acceptance day,
 *   or on the next working day when it was accepted on a day off (the same due dates as
 *   case-deadline.ts, which the receipt prints).
 * - Weekends and public holidays are not counted; adjusted working weekends (调休) are.
 * - A supplement pause (补正) from day S to day E stops the clock on the working days after S up
 *   to and including E: the day the supplement is requested still counts, and, like acceptance,
 *   counting resumes the day after the supplement arrives. A pause still open counts up to the
 *   reference day, so a case cannot become overdue while it waits for the applicant.
 * - The reference day is the day the case was finished (办结), or today while it is open.
 * - Overdue working days = the counted (working, not paused) days after the due date up to and
 *   including the reference day. A case finished on its due date is on time; finished (or still
 *   open) on the first working day after it is 1 day over (yellow); the second and later, red.
 *   A case finished on a weekend after its due date is not over: no working day has passed.
 * - A pause asked for after the due date stops the overdue count from then on but does not move
 *   the due date: supplements requested late cannot turn an overdue case back into an on-time one.
 */
import type { BusinessCalendar } from './calendar/business-calendar.ts';
import { addDays, instantOf, localDateOf, type LocalDate } from './calendar/local-date.ts';
import { HANDLING_OF, type CaseChannel, type CaseHandling } from './cases.ts';

export type SupervisionVerdict = 'on-time' | 'yellow' | 'red' | 'exempt';
export type CardColor = 'yellow' | 'red';

/** Working days over the due date at which each card is issued. */
export const CARD_THRESHOLDS: Record<CardColor, number> = { yellow: 1, red: 2 };

/** A supplement pause; `endedAt` null while the applicant has not supplied the material yet. */
export interface SuspensionSpan {
  startedAt: number;
  endedAt: number | null;
}

export interface SupervisedCase {
  channel: CaseChannel;
  handling: CaseHandling;
  acceptedAt: number;
  /** Promised time limit in working days (承诺时限); 0 for an instant-decision item. */
  promisedLimitDays: number;
  suspensions: readonly SuspensionSpan[];
  /** 办结; null while the case is open. */
  finishedAt: number | null;
}

export interface SupervisionResult {
  verdict: SupervisionVerdict;
  overdueWorkingDays: number;
  /** The last working day of the limit, shifted by pauses (an open pause as if it ended today). */
  dueDate: LocalDate;
}

/** The days a calendar is asked about again and again: every case of a quarter walks the same weeks. */
type WorkingDayLookup = (date: LocalDate) => boolean;
const lookups = new WeakMap<BusinessCalendar, WorkingDayLookup>();

function workingDayLookup(calendar: BusinessCalendar): WorkingDayLookup {
  let lookup = lookups.get(calendar);
  if (!lookup) {
    const known = new Map<LocalDate, boolean>();
    lookup = (date) => {
      let working = known.get(date);
      if (working === undefined) {
        working = calendar.isWorkingDay(date);
        known.set(date, working);
      }
      return working;
    };
    lookups.set(calendar, lookup);
  }
  return lookup;
}

/** Only manual window cases are supervised; a non-manual channel or handling is exempt whatever the other says. */
export function isSupervised(channel: CaseChannel, handling: CaseHandling): boolean {
  return handling === 'manual' && HANDLING_OF[channel] === 'manual';
}

/** No case runs this long; a calendar without working days would otherwise loop for ever. */
const MAX_DAYS_WALKED = 20 * 366;

/** Pauses as inclusive day ranges (S, E], an open one ending on the reference day. */
function pausedRanges(suspensions: readonly SuspensionSpan[], referenceDay: LocalDate): [LocalDate, LocalDate][] {
  const ranges: [LocalDate, LocalDate][] = [];
  for (const pause of suspensions) {
    const first = addDays(localDateOf(pause.startedAt), 1);
    const endDay = pause.endedAt === null ? referenceDay : localDateOf(pause.endedAt);
    const last = endDay < referenceDay ? endDay : referenceDay;
    if (first <= last) ranges.push([first, last]);
  }
  return ranges;
}

/** Judges one case at `now` (used only while it is open). */
export function superviseCase(supervised: SupervisedCase, calendar: BusinessCalendar, now: number): SupervisionResult {
  const isWorking = workingDayLookup(calendar);
  const acceptanceDay = localDateOf(supervised.acceptedAt);
  const referenceDay = localDateOf(supervised.finishedAt ?? now);
  const paused = pausedRanges(supervised.suspensions, referenceDay);
  const counts = (day: LocalDate) => isWorking(day) && !paused.some(([first, last]) => day >= first && day <= last);

  const promised = Math.max(0, Math.floor(supervised.promisedLimitDays));
  // An instant item accepted on a day off (a Saturday session) is due on the next working day.
  const limit = promised === 0 && !isWorking(acceptanceDay) ? 1 : promised;
  let dueDate = acceptanceDay;
  let counted = 0;
  let countedToReference = 0;
  let day = acceptanceDay;
  for (let walked = 0; counted < limit || day < referenceDay; walked++) {
    if (walked > MAX_DAYS_WALKED) throw new Error(`no due date within ${MAX_DAYS_WALKED} days of ${acceptanceDay}`);
    day = addDays(day, 1);
    if (!counts(day)) continue;
    if (counted < limit) {
      counted++;
      dueDate = day;
    }
    if (day <= referenceDay) countedToReference++;
  }
  const overdueWorkingDays = Math.max(0, countedToReference - limit);
  if (!isSupervised(supervised.channel, supervised.handling)) return { verdict: 'exempt', overdueWorkingDays, dueDate };
  const verdict: SupervisionVerdict =
    overdueWorkingDays >= CARD_THRESHOLDS.red ? 'red' : overdueWorkingDays >= CARD_THRESHOLDS.yellow ? 'yellow' : 'on-time';
  return { verdict, overdueWorkingDays, dueDate };
}

/** The cards a verdict calls for: a red card comes with the yellow one it grew out of. */
export function cardsFor(verdict: SupervisionVerdict): CardColor[] {
  if (verdict === 'red') return ['yellow', 'red'];
  return verdict === 'yellow' ? ['yellow'] : [];
}

// ---------------------------------------------------------------------------------------------
// Appeals (申诉)
// ---------------------------------------------------------------------------------------------

/** A department may appeal a card within this many natural days (自然日) of its issue. */
export const APPEAL_WINDOW_NATURAL_DAYS = 15;

export interface AppealWindow {
  open: boolean;
  /** Natural days since the issue day: 0 on the day of issue, 15 on the last day an appeal is taken. */
  day: number;
  /** The last day an appeal is taken (issue day + 15), China time. */
  lastDay: LocalDate;
  /** 00:00 China time of the day after `lastDay`: from this instant appeals are refused. */
  closesAt: number;
}

/**
 * The issue day itself is not counted (期间开始之日不计算在内): a card issued on 1 October may be
 * appealed until 24:00 on 16 October (day 15), not on 17 October (day 16). Natural days: weekends
 * and holidays count, and a last day on a holiday is not extended.
 */
export function appealWindow(cardIssuedAt: number, now: number): AppealWindow {
  const issueDay = localDateOf(cardIssuedAt);
  const lastDay = addDays(issueDay, APPEAL_WINDOW_NATURAL_DAYS);
  const closesAt = instantOf(addDays(lastDay, 1), '00:00');
  const day = Math.max(0, Math.round((instantOf(localDateOf(now), '00:00') - instantOf(issueDay, '00:00')) / 86_400_000));
  return { open: now < closesAt, day, lastDay, closesAt };
}

// ---------------------------------------------------------------------------------------------
// Quarters (季度), China time
// ---------------------------------------------------------------------------------------------

export type Quarter = 1 | 2 | 3 | 4;

export interface QuarterRange {
  year: number;
  quarter: Quarter;
  firstDay: LocalDate;
  lastDay: LocalDate;
  /** 00:00 China time of the first day. */
  from: number;
  /** 00:00 China time of the day after the last day (exclusive). */
  to: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function quarterRange(year: number, quarter: Quarter): QuarterRange {
  const firstMonth = (quarter - 1) * 3 + 1;
  const firstDay = `${year}-${pad2(firstMonth)}-01`;
  const nextFirstDay = quarter === 4 ? `${year + 1}-01-01` : `${year}-${pad2(firstMonth + 3)}-01`;
  return { year, quarter, firstDay, lastDay: addDays(nextFirstDay, -1), from: instantOf(firstDay, '00:00'), to: instantOf(nextFirstDay, '00:00') };
}

export function quarterOf(epochMs: number): { year: number; quarter: Quarter } {
  const [year, month] = localDateOf(epochMs).split('-').map(Number) as [number, number];
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter };
}

export function previousQuarter({ year, quarter }: { year: number; quarter: Quarter }): { year: number; quarter: Quarter } {
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: (quarter - 1) as Quarter };
}
