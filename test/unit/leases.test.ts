import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openKioskDb } from '../../src/platform/db.ts';
import type { NumberLease } from '../../src/core/number-lease.ts';
import { takeLeasedNumber } from '../../src/platform/leases.ts';

const lease: NumberLease = {
  id: 'lease-1',
  category: 'tax',
  prefix: 'F',
  serviceDate: '2026-11-24',
  session: { id: 'morning', start: '09:00', end: '12:00' },
  firstSeq: 21,
  lastSeq: 23,
  expiresAt: '2026-11-24T04:00:00.000Z',
};

describe('leased ticket numbers', () => {
  it('hands out each number of the block once, then none', async () => {
    await (await openKioskDb()).put('leases', { lease, nextSeq: 21 }, 'tax');
    const now = Date.parse('2026-11-24T02:00:00.000Z');
    const seqs = [];
    for (let i = 0; i < 4; i++) seqs.push((await takeLeasedNumber('tax', now))?.seq ?? null);
    expect(seqs).toEqual([21, 22, 23, null]);
  });

  it('hands out nothing from an expired lease or for a category without one', async () => {
    await (await openKioskDb()).put('leases', { lease, nextSeq: 21 }, 'tax');
    expect(await takeLeasedNumber('tax', Date.parse('2026-11-24T04:00:00.000Z'))).toBeNull();
    expect(await takeLeasedNumber('household', Date.parse('2026-11-24T02:00:00.000Z'))).toBeNull();
  });
});
