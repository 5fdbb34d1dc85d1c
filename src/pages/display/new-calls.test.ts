import { describe, expect, it } from 'vitest';
import { callKey, unseenCalls } from './new-calls.ts';

const call = (number: string, windowNumber: number, calledAt: string) => ({ number, windowNumber, calledAt });

describe('unseenCalls', () => {
  it('finds calls not seen before, oldest first', () => {
    const old = call('A001', 1, '2026-11-24T02:00:00.000Z');
    const seen = new Set([callKey(old)]);
    const calls = [call('A003', 3, '2026-11-24T02:02:00.000Z'), call('A002', 2, '2026-11-24T02:01:00.000Z'), old];
    expect(unseenCalls(seen, calls).map((c) => c.number)).toEqual(['A002', 'A003']);
  });

  it('treats a recall, which moves calledAt, as a new call', () => {
    const first = call('A001', 3, '2026-11-24T02:00:00.000Z');
    const recalled = call('A001', 3, '2026-11-24T02:03:00.000Z');
    expect(unseenCalls(new Set([callKey(first)]), [recalled])).toEqual([recalled]);
  });

  it('finds nothing when the state did not change', () => {
    const calls = [call('B002', 4, '2026-11-24T02:00:00.000Z')];
    expect(unseenCalls(new Set(calls.map(callKey)), calls)).toEqual([]);
  });
});
