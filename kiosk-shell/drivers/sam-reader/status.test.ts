import { describe, expect, it } from 'vitest';
import { KNOWN_STATUSES, replyStatus, type StatusEffect } from './status.ts';

const documented: Array<[number, string, StatusEffect]> = [
  [0x90, 'ok', 'success'],
  [0x9f, 'card-found', 'success'],
  [0x91, 'no-content', 'card'],
  [0x80, 'no-card', 'no-card'],
  [0x81, 'select-failed', 'no-card'],
  [0x41, 'read-failed', 'card'],
  [0x10, 'checksum-rejected', 'rejected'],
  [0x11, 'length-rejected', 'rejected'],
  [0x21, 'command-rejected', 'rejected'],
  [0x23, 'unauthorized', 'reader'],
  [0x24, 'unrecognized-error', 'rejected'],
  [0x31, 'card-authenticating-sam-failed', 'card'],
  [0x32, 'sam-authenticating-card-failed', 'card'],
  [0x33, 'verification-failed', 'card'],
  [0x3f, 'information-length-error', 'card'],
  [0x40, 'unknown-card-type', 'card'],
  [0x47, 'operation-not-possible', 'card'],
  [0x60, 'sam-self-test-failed', 'reader'],
  [0x66, 'sam-not-authorized', 'reader'],
];

describe('SW3 status codes', () => {
  it.each(documented.map(([sw3, reason, effect]) => [sw3.toString(16), sw3, reason, effect] as const))(
    'maps SW3 0x%s to a reason and an effect',
    (_hex, sw3, reason, effect) => {
      expect(replyStatus(sw3)).toEqual({ sw3, reason, effect });
    },
  );

  it('lists every documented code once, each with a distinct reason', () => {
    expect(KNOWN_STATUSES).toHaveLength(documented.length);
    expect(new Set(KNOWN_STATUSES.map((status) => status.reason)).size).toBe(documented.length);
  });

  it('treats an undocumented code as a rejected exchange, named by its hex value', () => {
    expect(replyStatus(0x7e)).toEqual({ sw3: 0x7e, reason: 'unknown-status-0x7e', effect: 'rejected' });
  });
});
