import type { Call } from './wire.ts';

/** A call is new when this number was not called at this instant before: a recall changes calledAt. */
export const callKey = (call: Call): string => `${call.number}@${call.calledAt}`;

/**
 * The calls of `calls` (newest first, as the server sends them) not in `seen`, oldest first so
 * they are announced in the order the agents made them.
 */
export function unseenCalls(seen: ReadonlySet<string>, calls: readonly Call[]): Call[] {
  return calls.filter((call) => !seen.has(callKey(call))).reverse();
}
