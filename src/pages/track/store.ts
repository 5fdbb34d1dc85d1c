import { signal } from '@preact/signals';
import { requestJson } from '../shared/api.ts';
import { pageClock } from '../shared/hall-config.ts';
import { repeatEvery } from '../shared/polling.ts';
import { Ticket } from '../shared/wire.ts';

/** Often enough that "请到3号窗口" appears before the citizen misses the call, light enough for a hall of phones. */
export const TRACK_REFRESH_MS = 5000;

export type TrackState = { kind: 'loading' } | { kind: 'unknown' } | { kind: 'ticket'; ticket: Ticket };

export const trackState = signal<TrackState>({ kind: 'loading' });
export const updatedAt = signal<number | null>(null);
/** The last refresh could not reach the server; the last known state stays on screen. */
export const offline = signal(false);

const isFinal = (ticket: Ticket) => ticket.status === 'done' || ticket.status === 'no-show';

async function refresh(token: string): Promise<boolean> {
  const result = await requestJson(`/tickets/track/${token}`, Ticket);
  if (result.ok) {
    trackState.value = { kind: 'ticket', ticket: result.value };
    updatedAt.value = pageClock.now();
    offline.value = false;
    return !isFinal(result.value);
  }
  const unreachable = result.error.code === 'network' || result.error.status >= 500;
  offline.value = unreachable;
  if (!unreachable) trackState.value = { kind: 'unknown' };
  // A 404 stays a 404: polling it would only load the server.
  return unreachable;
}

/** Follows the ticket until it is finished or missed; a phone that wakes up gets the news at once. */
export function followTicket(token: string | null): void {
  if (token === null) {
    trackState.value = { kind: 'unknown' };
    return;
  }
  let stop = () => {};
  let following = true;
  const tick = async () => {
    if (!following) return;
    following = await refresh(token);
    if (!following) stop();
  };
  stop = repeatEvery(TRACK_REFRESH_MS, tick);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void tick();
  });
}
