import type { BusinessCalendar } from './business-calendar.ts';
import {
  addDays,
  instantOf,
  localDateOf,
  parseLocalTime,
  weekdayOf,
  type LocalDate,
  type LocalTime,
} from './local-date.ts';

/** One period in which a queue category serves citizens, e.g. the morning session. */
export interface SessionWindow {
  id: 'morning' | 'noon' | 'afternoon' | 'evening' | 'saturday';
  start: LocalTime;
  end: LocalTime;
}

/**
 * When a category serves: on working days (including adjusted working weekends), and optionally
 * on ordinary Saturdays. Lunch-time continuous service is a `noon` session, extended evening
 * hours an `evening` session.
 */
export interface CategoryHours {
  workday: SessionWindow[];
  saturday?: SessionWindow[];
}

export interface ServiceSession {
  date: LocalDate;
  window: SessionWindow;
  startsAt: number;
  endsAt: number;
}

/** How far ahead to look: longer than any holiday, so a miss means "no hours configured". */
const SEARCH_DAYS = 60;

export function sessionsOn(date: LocalDate, hours: CategoryHours, calendar: BusinessCalendar): SessionWindow[] {
  const kind = calendar.dayKind(date);
  if (kind === 'workday' || kind === 'adjusted-workday') return hours.workday;
  if (kind === 'weekend' && weekdayOf(date) === 6) return hours.saturday ?? [];
  return [];
}

function toSession(date: LocalDate, window: SessionWindow): ServiceSession {
  return { date, window, startsAt: instantOf(date, window.start), endsAt: instantOf(date, window.end) };
}

/** Is the category serving at this instant? A session runs from its start minute up to, not including, its end minute. */
export function isOpenAt(session: ServiceSession, now: number): boolean {
  return now >= session.startsAt && now < session.endsAt;
}

/**
 * The session a ticket taken now is for: the running one, or else the next one — after hours, on
 * a weekend or across a long holiday. `accept` can pass over sessions, e.g. days whose quota is full.
 */
export function currentOrNextSession(
  hours: CategoryHours,
  calendar: BusinessCalendar,
  now: number,
  accept: (session: ServiceSession) => boolean = () => true,
): ServiceSession | null {
  const today = localDateOf(now);
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const date = addDays(today, offset);
    const windows = [...sessionsOn(date, hours, calendar)].sort((a, b) => parseLocalTime(a.start) - parseLocalTime(b.start));
    for (const window of windows) {
      const session = toSession(date, window);
      if (session.endsAt > now && accept(session)) return session;
    }
  }
  return null;
}
