import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './calendar/business-calendar.ts';
import { HOLIDAY_YEARS } from './calendar/holidays.ts';
import { caseDueDate } from './case-deadline.ts';
import type { CaseChannel, CaseHandling } from './cases.ts';
import {
  appealWindow,
  cardsFor,
  isSupervised,
  previousQuarter,
  quarterOf,
  quarterRange,
  superviseCase,
  type SupervisionResult,
  type SuspensionSpan,
} from './supervision.ts';

const calendar = new BusinessCalendar(HOLIDAY_YEARS);
/** An instant in China time: "2026-11-23 10:00". */
const at = (text: string) => Date.parse(`${text.replace(' ', 'T')}:00+08:00`);

interface Row {
  name: string;
  accepted: string;
  limit: number;
  finished?: string;
  now?: string;
  channel?: CaseChannel;
  handling?: CaseHandling;
  pauses?: [string, string | null][];
  expected: SupervisionResult;
}

// November 2026: Mon 23, Tue 24, Wed 25, Thu 26, Fri 27, Sat 28, Sun 29, Mon 30.
// Holidays: 25–27 Sep (中秋), 1–7 Oct (国庆); adjusted working days Sun 20 Sep and Sat 10 Oct.
const TABLE: Row[] = [
  { name: 'finished before the due date', accepted: '2026-11-23 10:00', limit: 3, finished: '2026-11-25 16:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-26' } },
  { name: 'finished on the due day (morning)', accepted: '2026-11-23 10:00', limit: 3, finished: '2026-11-26 09:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-26' } },
  { name: 'finished on the due day, one minute before midnight', accepted: '2026-11-23 10:00', limit: 3, finished: '2026-11-26 23:59', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-26' } },
  { name: 'finished at midnight after the due day: exactly 1 day over', accepted: '2026-11-23 10:00', limit: 3, finished: '2026-11-27 00:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-26' } },
  { name: 'finished the working day after the due day: exactly 1 day over', accepted: '2026-11-23 10:00', limit: 3, finished: '2026-11-27 17:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-26' } },
  { name: 'the weekend after the first overdue day adds nothing', accepted: '2026-11-23 10:00', limit: 3, finished: '2026-11-29 12:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-26' } },
  { name: 'finished the second working day after the due day: exactly 2 days over', accepted: '2026-11-23 10:00', limit: 3, finished: '2026-11-30 09:00', expected: { verdict: 'red', overdueWorkingDays: 2, dueDate: '2026-11-26' } },
  { name: 'many days over stays red', accepted: '2026-11-23 10:00', limit: 3, finished: '2026-12-04 09:00', expected: { verdict: 'red', overdueWorkingDays: 6, dueDate: '2026-11-26' } },
  { name: 'the acceptance day does not count, even at 08:00', accepted: '2026-11-23 08:00', limit: 1, finished: '2026-11-24 18:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-24' } },
  { name: 'a weekend inside the limit does not count', accepted: '2026-11-19 15:00', limit: 3, finished: '2026-11-24 17:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-24' } },
  { name: 'finished on the Saturday after a Friday due date is not over', accepted: '2026-11-24 10:00', limit: 3, finished: '2026-11-28 10:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-27' } },
  { name: 'open on the Sunday after a Friday due date is not over', accepted: '2026-11-24 10:00', limit: 3, now: '2026-11-29 20:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-27' } },
  { name: 'open on the Monday after a Friday due date is 1 day over', accepted: '2026-11-24 10:00', limit: 3, now: '2026-11-30 00:01', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-27' } },
  { name: 'the National Day week inside the limit does not count', accepted: '2026-09-29 10:00', limit: 3, finished: '2026-10-09 16:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-10-09' } },
  { name: 'an adjusted working Saturday (调休) counts', accepted: '2026-09-29 10:00', limit: 4, finished: '2026-10-10 11:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-10-10' } },
  { name: 'after an adjusted Saturday due date, Monday is 1 day over', accepted: '2026-09-29 10:00', limit: 4, finished: '2026-10-12 11:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-10-10' } },
  { name: 'a holiday right after the due date is not an overdue day', accepted: '2026-09-28 10:00', limit: 2, finished: '2026-10-07 16:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-09-30' } },
  { name: 'the Mid-Autumn weekend inside the limit does not count', accepted: '2026-09-24 10:00', limit: 2, finished: '2026-09-29 16:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-09-29' } },
  { name: 'an adjusted working Sunday can be the due date', accepted: '2026-09-18 10:00', limit: 1, finished: '2026-09-21 10:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-09-20' } },
  { name: 'an instant item (limit 0) finished the same day is on time', accepted: '2026-11-23 10:00', limit: 0, finished: '2026-11-23 17:30', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-23' } },
  { name: 'an instant item finished the next working day is 1 day over', accepted: '2026-11-27 10:00', limit: 0, finished: '2026-11-30 10:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-27' } },
  { name: 'an instant item accepted on a Saturday is due on Monday', accepted: '2026-11-28 10:00', limit: 0, finished: '2026-11-30 10:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-30' } },
  { name: 'an instant item accepted on a Saturday and finished on Tuesday is 1 day over', accepted: '2026-11-28 10:00', limit: 0, finished: '2026-12-01 10:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-30' } },
  { name: 'a case accepted on a Saturday counts from Monday', accepted: '2026-11-28 10:00', limit: 1, finished: '2026-11-30 17:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-30' } },
  { name: 'an open case within its limit is on time', accepted: '2026-11-23 10:00', limit: 3, now: '2026-11-26 18:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-26' } },
  { name: 'an open case turns yellow on the first working day after the due date', accepted: '2026-11-23 10:00', limit: 3, now: '2026-11-27 08:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-26' } },
  { name: 'an open case turns red on the second', accepted: '2026-11-23 10:00', limit: 3, now: '2026-11-30 08:00', expected: { verdict: 'red', overdueWorkingDays: 2, dueDate: '2026-11-26' } },
  // Days are China days: 23:30 UTC on Sunday is 07:30 on Monday in China.
  { name: 'days are counted in China time', accepted: '2026-11-23 07:30', limit: 1, finished: '2026-11-25 00:30', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-24' } },
  // Supplement pauses (补正).
  { name: 'a pause moves the due date by the paused working days', accepted: '2026-11-23 10:00', limit: 3, pauses: [['2026-11-24 15:00', '2026-11-26 10:00']], finished: '2026-11-30 16:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-30' } },
  { name: 'after a pause, the day after the shifted due date is 1 day over', accepted: '2026-11-23 10:00', limit: 3, pauses: [['2026-11-24 15:00', '2026-11-26 10:00']], finished: '2026-12-01 09:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-30' } },
  { name: 'a pause within one day moves nothing', accepted: '2026-11-23 10:00', limit: 3, pauses: [['2026-11-24 09:00', '2026-11-24 16:00']], finished: '2026-11-27 09:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-26' } },
  { name: 'a pause over a weekend moves only by its working days', accepted: '2026-11-23 10:00', limit: 3, pauses: [['2026-11-25 10:00', '2026-11-30 10:00']], finished: '2026-12-01 10:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-12-01' } },
  { name: 'a pause asked for on the due day leaves no days: the day after it resumes is over', accepted: '2026-11-23 10:00', limit: 3, pauses: [['2026-11-26 10:00', '2026-11-30 10:00']], finished: '2026-12-01 10:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-26' } },
  { name: 'an open pause keeps a case from becoming overdue', accepted: '2026-11-23 10:00', limit: 3, pauses: [['2026-11-25 10:00', null]], now: '2026-12-07 10:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-12-08' } },
  { name: 'a pause after the due date stops the overdue count', accepted: '2026-11-23 10:00', limit: 1, pauses: [['2026-11-25 10:00', null]], now: '2026-11-27 10:00', expected: { verdict: 'yellow', overdueWorkingDays: 1, dueDate: '2026-11-24' } },
  { name: 'two pauses both count', accepted: '2026-11-23 10:00', limit: 3, pauses: [['2026-11-23 11:00', '2026-11-24 09:00'], ['2026-11-25 09:00', '2026-11-26 09:00']], finished: '2026-11-30 09:00', expected: { verdict: 'on-time', overdueWorkingDays: 0, dueDate: '2026-11-30' } },
  // Exempt (免督查): non-manual cases are never carded, however late.
  { name: 'a self-service terminal case is exempt', channel: 'self-service-terminal', handling: 'non-manual', accepted: '2026-11-23 10:00', limit: 3, finished: '2026-12-10 10:00', expected: { verdict: 'exempt', overdueWorkingDays: 10, dueDate: '2026-11-26' } },
  { name: 'a smart-approval case is exempt', channel: 'smart-approval', handling: 'non-manual', accepted: '2026-11-23 10:00', limit: 0, now: '2026-12-10 10:00', expected: { verdict: 'exempt', overdueWorkingDays: 13, dueDate: '2026-11-23' } },
  { name: 'a window case marked non-manual is exempt', channel: 'window', handling: 'non-manual', accepted: '2026-11-23 10:00', limit: 3, finished: '2026-12-10 10:00', expected: { verdict: 'exempt', overdueWorkingDays: 10, dueDate: '2026-11-26' } },
];

describe('supervision rule', () => {
  it.each(TABLE)('$name', (row) => {
    const suspensions: SuspensionSpan[] = (row.pauses ?? []).map(([start, end]) => ({ startedAt: at(start), endedAt: end === null ? null : at(end) }));
    const result = superviseCase(
      {
        channel: row.channel ?? 'window',
        handling: row.handling ?? 'manual',
        acceptedAt: at(row.accepted),
        promisedLimitDays: row.limit,
        suspensions,
        finishedAt: row.finished ? at(row.finished) : null,
      },
      calendar,
      at(row.now ?? '2030-01-01 00:00'),
    );
    expect(result).toEqual(row.expected);
  });

  it('ignores the clock for a finished case', () => {
    const finished = { channel: 'window' as const, handling: 'manual' as const, acceptedAt: at('2026-11-23 10:00'), promisedLimitDays: 3, suspensions: [], finishedAt: at('2026-11-26 10:00') };
    expect(superviseCase(finished, calendar, at('2027-06-01 10:00')).verdict).toBe('on-time');
  });

  it('supervises only manual window cases', () => {
    expect(isSupervised('window', 'manual')).toBe(true);
    expect(isSupervised('self-service-terminal', 'non-manual')).toBe(false);
    expect(isSupervised('smart-approval', 'non-manual')).toBe(false);
    expect(isSupervised('self-service-terminal', 'manual')).toBe(false);
  });

  it('issues a yellow card with a red one, and none for on-time or exempt cases', () => {
    expect(cardsFor('red')).toEqual(['yellow', 'red']);
    expect(cardsFor('yellow')).toEqual(['yellow']);
    expect(cardsFor('on-time')).toEqual([]);
    expect(cardsFor('exempt')).toEqual([]);
  });
});

describe('appeal window', () => {
  const issued = at('2026-10-01 09:00');

  it('is open on the day of issue (day 0)', () => {
    expect(appealWindow(issued, at('2026-10-01 18:00'))).toMatchObject({ open: true, day: 0, lastDay: '2026-10-16' });
  });

  it('is open on day 15, to its last minute', () => {
    expect(appealWindow(issued, at('2026-10-16 00:00'))).toMatchObject({ open: true, day: 15 });
    expect(appealWindow(issued, at('2026-10-16 23:59'))).toMatchObject({ open: true, day: 15 });
    expect(appealWindow(issued, Date.parse('2026-10-16T23:59:59.999+08:00')).open).toBe(true);
  });

  it('is closed from 00:00 on day 16', () => {
    expect(appealWindow(issued, at('2026-10-17 00:00'))).toMatchObject({ open: false, day: 16 });
    expect(appealWindow(issued, at('2026-11-30 10:00')).open).toBe(false);
    expect(appealWindow(issued, at('2026-10-17 00:00')).closesAt).toBe(at('2026-10-17 00:00'));
  });

  it('counts natural days: holidays and weekends inside the window are not added', () => {
    // 1–7 October are holidays; the window still ends on 16 October.
    expect(appealWindow(at('2026-09-30 23:30'), at('2026-10-15 23:00'))).toMatchObject({ open: true, day: 15, lastDay: '2026-10-15' });
    expect(appealWindow(at('2026-09-30 23:30'), at('2026-10-16 00:00')).open).toBe(false);
  });

  it('counts the issue day in China time', () => {
    // 17:00 UTC on 30 Sep is 01:00 on 1 Oct in China: the window runs to 16 Oct.
    expect(appealWindow(Date.parse('2026-09-30T17:00:00Z'), at('2026-10-16 12:00')).open).toBe(true);
  });
});

describe('quarters', () => {
  it('spans whole China days', () => {
    expect(quarterRange(2026, 4)).toEqual({ year: 2026, quarter: 4, firstDay: '2026-10-01', lastDay: '2026-12-31', from: at('2026-10-01 00:00'), to: at('2027-01-01 00:00') });
    expect(quarterRange(2026, 1)).toMatchObject({ firstDay: '2026-01-01', lastDay: '2026-03-31' });
    expect(quarterRange(2028, 1).lastDay).toBe('2028-03-31');
    expect(quarterRange(2026, 3)).toMatchObject({ firstDay: '2026-07-01', lastDay: '2026-09-30' });
  });

  it('places an instant in the quarter of its China day', () => {
    expect(quarterOf(Date.parse('2026-12-31T16:30:00Z'))).toEqual({ year: 2027, quarter: 1 });
    expect(quarterOf(at('2026-09-30 23:59'))).toEqual({ year: 2026, quarter: 3 });
    expect(previousQuarter({ year: 2027, quarter: 1 })).toEqual({ year: 2026, quarter: 4 });
    expect(previousQuarter({ year: 2026, quarter: 4 })).toEqual({ year: 2026, quarter: 3 });
  });
});

describe('one due date for desk, receipt and supervision', () => {
  const dayOf = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

  it('agrees with the case deadline for any acceptance, limit and pauses, also a pause after the due date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 6 })), { maxLength: 3 }),
        (startOffset, limit, pauses) => {
          const acceptedAt = at('2026-09-01 10:00') + startOffset * 86_400_000;
          const spans: SuspensionSpan[] = pauses.map(([after, length]) => ({ startedAt: acceptedAt + after * 86_400_000, endedAt: acceptedAt + (after + length) * 86_400_000 }));
          const supervised = superviseCase({ channel: 'window', handling: 'manual', acceptedAt, promisedLimitDays: limit, suspensions: spans, finishedAt: acceptedAt + 200 * 86_400_000 }, calendar, 0);
          const deadline = caseDueDate(calendar, {
            acceptedOn: dayOf(acceptedAt),
            limitDays: limit,
            suspensions: spans.map((span) => ({ from: dayOf(span.startedAt), to: dayOf(span.endedAt!) })),
          });
          expect(deadline).toBe(supervised.dueDate);
        },
      ),
    );
  });
});
