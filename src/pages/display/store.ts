import { signal } from '@preact/signals';
import { announce, callAnnouncement } from './announce.ts';
import { callKey, unseenCalls } from './new-calls.ts';
import type { Call, DisplayState } from './wire.ts';

export const calls = signal<Call[]>([]);
export const waiting = signal<DisplayState['waiting']>([]);
/** `lost` while the event stream is down; EventSource reconnects on its own meanwhile. */
export const connection = signal<'connecting' | 'open' | 'lost'>('connecting');
export const speechBlocked = signal(false);

let seen: ReadonlySet<string> | null = null;

export function applyState(state: DisplayState): void {
  // The first state after start only shows what is on; announcing it would repeat old calls
  // every time the display is switched on.
  const fresh = seen === null ? [] : unseenCalls(seen, state.calls);
  // Only the calls still shown are remembered: the set stays as small as the list.
  seen = new Set(state.calls.map(callKey));
  calls.value = state.calls;
  waiting.value = state.waiting;
  for (const call of fresh) {
    announce(callAnnouncement(call.number, call.windowNumber), { onBlocked: () => (speechBlocked.value = true) });
  }
}
