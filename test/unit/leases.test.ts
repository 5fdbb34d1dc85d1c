import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openKioskDb } from '../../src/platform/db.ts';
import type { NumberLease } from '../../src/core/number-lease.ts';
import { pinClock } from '../../src/platform/clock.ts';
import { refreshLeases, takeLeasedNumber } from '../../src/platform/leases.ts';

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

describe('leases on the pinned clock (KIOSK_NOW)', () => {
  // A session long past on the PC's own clock: only the pinned clock still finds it running.
  const pastLease: NumberLease = { ...lease, id: 'lease-2020', serviceDate: '2020-01-06', expiresAt: '2020-01-06T04:00:00.000Z', firstSeq: 5001, lastSeq: 5010 };
  afterEach(() => {
    pinClock(null);
    vi.unstubAllGlobals();
  });

  it('keeps a lease that is fresh by the pinned clock instead of leasing a new block every round', async () => {
    pinClock('2020-01-06T10:00:00+08:00');
    await (await openKioskDb()).put('leases', { lease: pastLease, nextSeq: 5001 }, 'tax');
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ...pastLease, id: 'lease-new' }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await refreshLeases(['tax']);
    expect(fetch).not.toHaveBeenCalled();
    expect((await takeLeasedNumber('tax'))?.seq).toBe(5001);
  });

  it('issues nothing from a lease whose session has ended by the pinned clock', async () => {
    pinClock('2020-01-06T12:00:00+08:00');
    await (await openKioskDb()).put('leases', { lease: pastLease, nextSeq: 5001 }, 'tax');
    expect(await takeLeasedNumber('tax')).toBeNull();
  });
});
