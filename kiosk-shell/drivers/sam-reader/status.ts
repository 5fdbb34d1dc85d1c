/**
 * The SW3 status byte of a SAM module reply, mapped to a reason code and to what the driver does
 * about it. SW1 and SW2 are 00 00 on every reader we know; only SW3 carries meaning.
 *
 * `effect` decides the driver's reaction:
 * - success:  the command did what was asked
 * - no-card:  nothing (or nothing readable) on the reader; keep polling
 * - card:     the card on the reader failed; the insertion is refused as unreadable
 * - rejected: the reader did not accept our frame (line noise on the way in); send again, and
 *             report a reader error with this reason when it keeps happening
 * - reader:   the module itself is unusable (SAM fault, not authorised); report a device error
 */
export type StatusEffect = 'success' | 'no-card' | 'card' | 'rejected' | 'reader';

export interface ReplyStatus {
  sw3: number;
  reason: string;
  effect: StatusEffect;
}

const table: ReadonlyArray<readonly [number, string, StatusEffect]> = [
  [0x90, 'ok', 'success'],
  [0x9f, 'card-found', 'success'],
  // The card answered but holds nothing for this item (e.g. no fingerprint, no extra address).
  [0x91, 'no-content', 'card'],
  [0x80, 'no-card', 'no-card'],
  [0x81, 'select-failed', 'no-card'],
  [0x41, 'read-failed', 'card'],
  [0x10, 'checksum-rejected', 'rejected'],
  [0x11, 'length-rejected', 'rejected'],
  [0x21, 'command-rejected', 'rejected'],
  [0x23, 'unauthorized', 'reader'],
  [0x24, 'unrecognized-error', 'rejected'],
  // Mutual authentication between card and SAM: a failure means a damaged or non-genuine card.
  [0x31, 'card-authenticating-sam-failed', 'card'],
  [0x32, 'sam-authenticating-card-failed', 'card'],
  [0x33, 'verification-failed', 'card'],
  [0x3f, 'information-length-error', 'card'],
  [0x40, 'unknown-card-type', 'card'],
  [0x47, 'operation-not-possible', 'card'],
  [0x60, 'sam-self-test-failed', 'reader'],
  [0x66, 'sam-not-authorized', 'reader'],
];

const byCode = new Map(table.map(([sw3, reason, effect]) => [sw3, { sw3, reason, effect }]));

/** Every documented SW3, for tests and the admin screen. */
export const KNOWN_STATUSES: readonly ReplyStatus[] = [...byCode.values()];

/** An undocumented SW3 is treated like a rejected frame: retried, and reported if it persists. */
export function replyStatus(sw3: number): ReplyStatus {
  return byCode.get(sw3) ?? { sw3, reason: `unknown-status-0x${sw3.toString(16).padStart(2, '0')}`, effect: 'rejected' };
}
