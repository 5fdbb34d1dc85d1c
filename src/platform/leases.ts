import type { NumberLease } from '../core/number-lease.ts';
import { clock } from './clock.ts';
import { openKioskDb } from './db.ts';
import { callHall } from './hall-api.ts';

interface StoredLease {
  lease: NumberLease;
  nextSeq: number;
}

export const LEASE_SIZE = 10;
/** Renew before the block runs out, so a sudden outage still finds numbers left. */
const LOW_WATER = 3;

function isStoredLease(value: unknown): value is StoredLease {
  return typeof value === 'object' && value !== null && 'lease' in value && 'nextSeq' in value;
}

function usable(stored: StoredLease | undefined, now: number): stored is StoredLease {
  return !!stored && Date.parse(stored.lease.expiresAt) > now && stored.lease.lastSeq - stored.nextSeq + 1 >= LOW_WATER;
}

/** Keeps a fresh lease for every category; called while the server is reachable. */
export async function refreshLeases(categories: string[], now = clock.now()): Promise<void> {
  const db = await openKioskDb();
  for (const category of categories) {
    const current = await db.get('leases', category);
    if (usable(isStoredLease(current) ? current : undefined, now)) continue;
    const result = await callHall<NumberLease>('POST', '/tickets/leases', { category, size: LEASE_SIZE });
    if (!result.ok) {
      if (result.error.code === 'network') return;
      continue;
    }
    await db.put('leases', { lease: result.value, nextSeq: result.value.firstSeq } satisfies StoredLease, category);
  }
}

/** The next unused number of a category's lease, taken for good; null when there is none. */
export async function takeLeasedNumber(category: string, now = clock.now()): Promise<{ lease: NumberLease; seq: number } | null> {
  const db = await openKioskDb();
  const tx = db.transaction('leases', 'readwrite');
  const stored = await tx.store.get(category);
  if (!isStoredLease(stored) || Date.parse(stored.lease.expiresAt) <= now || stored.nextSeq > stored.lease.lastSeq) {
    await tx.done;
    return null;
  }
  await tx.store.put({ ...stored, nextSeq: stored.nextSeq + 1 }, category);
  await tx.done;
  return { lease: stored.lease, seq: stored.nextSeq };
}
