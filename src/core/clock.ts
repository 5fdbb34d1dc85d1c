/**
 * The one clock of kiosk24. Logic never calls Date.now() itself: it is handed a Clock, so
 * opening hours, idle timeouts and lockouts can be tested at any instant, and KIOSK_NOW can pin
 * server, shell and PWA to the same moment for demos and end-to-end tests.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** ISO 8601 with an explicit offset (Z or ±hh:mm); a bare local time would depend on the machine's zone. */
const ISO_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function parseIsoWithOffset(text: string): number | null {
  if (!ISO_WITH_OFFSET.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * A clock that starts at `startMs` and then runs on in real time, measured by `elapsedMs`
 * (a monotonic source such as performance.now), so a pinned demo still shows a ticking clock.
 */
export function pinnedClock(startMs: number, elapsedMs: () => number): Clock {
  const origin = elapsedMs();
  // Whole milliseconds, like Date.now(): instants are stored as integers.
  return { now: () => startMs + Math.floor(elapsedMs() - origin) };
}

/** The clock that KIOSK_NOW asks for, or the system clock when it is absent or unreadable. */
export function clockFromPin(pin: string | null | undefined, elapsedMs: () => number): Clock {
  if (!pin) return systemClock;
  const start = parseIsoWithOffset(pin);
  return start === null ? systemClock : pinnedClock(start, elapsedMs);
}
